// Open requests a family posts for a parent; carers nearby see them (approximate location only).
import { sql } from "drizzle-orm";
import {
  check,
  doublePrecision,
  index,
  integer,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { serviceKind } from "./catalogue";
import { parents } from "./parents";
import { users } from "./users";

export const visitRequestStatus = pgEnum("visit_request_status", ["open", "closed", "cancelled"]);

export const visitRequests = pgTable(
  "visit_requests",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    parentId: uuid()
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    createdBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    service: serviceKind().notNull(),
    /** A one-off visit: its start instant. Null when the request is a weekly pattern. */
    startsAt: timestamp({ withTimezone: true }),
    /** A weekly pattern: weekdays (0 = Sunday) and a start minute, in the parent's time zone. */
    weekdays: smallint().array(),
    startMinute: smallint(),
    durationMinutes: integer().notNull(),
    budgetCents: integer(),
    notes: text().notNull().default(""),
    status: visitRequestStatus().notNull().default("open"),
    /** The parent's exact location, copied so nearby-jobs uses one GiST index; kept in step when the parent moves. Private. */
    lat: doublePrecision().notNull(),
    lng: doublePrecision().notNull(),
    /** The approximate point carers see: nearby jobs are the requests whose approximate point is in a carer's circle. */
    approxLat: doublePrecision().generatedAlwaysAs(sql`approx_lat(lat)`),
    approxLng: doublePrecision().generatedAlwaysAs(sql`approx_lng(lat, lng)`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("visit_requests_open_location_idx")
      .using("gist", sql`ll_to_earth(${t.approxLat}, ${t.approxLng})`)
      .where(sql`${t.status} = 'open'`),
    index("visit_requests_parent_id_idx").on(t.parentId),
    check("visit_requests_duration_range", sql`${t.durationMinutes} between 15 and 720`),
    // A budget is more than ¥0, or none: a ¥0 budget left carers nothing to offer (an outside probe).
    check("visit_requests_budget_positive", sql`${t.budgetCents} is null or ${t.budgetCents} > 0`),
  ],
);

export type VisitRequest = typeof visitRequests.$inferSelect;
