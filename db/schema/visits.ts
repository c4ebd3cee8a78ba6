// Booked visits: made atomically when an offer is accepted, each with an immutable snapshot of the
// agreed terms. A weekly offer makes a series, whose visits are generated ahead of time. The
// lifecycle (check-in, check-out, cancellation, confirmation) is the Visits issue's.
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from "drizzle-orm/pg-core";
import { serviceKind } from "./catalogue";
import { cancellationPolicy, offers } from "./chat";
import { parents } from "./parents";
import { users } from "./users";

export const visitStatus = pgEnum("visit_status", [
  "scheduled",
  "on_the_way",
  "in_progress",
  "completed",
  "confirmed",
  "cancelled",
  "missed",
  "disputed",
]);

/** The terms both sides agreed, copied onto every visit: what is checked, rated and disputed. */
export interface AgreedTerms {
  service: string;
  timeZone: string;
  durationMinutes: number;
  tasks: string[];
  priceCents: number;
  cancellation: string;
  offerId: string;
  schedule: "once" | "weekly";
  weekdays: number[] | null;
  weeks: number | null;
}

export const visitSeries = pgTable(
  "visit_series",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    offerId: uuid()
      .notNull()
      .references(() => offers.id, { onDelete: "restrict" }),
    parentId: uuid()
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    carerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    bookedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    timeZone: text().notNull(),
    weekdays: smallint().array().notNull(),
    startMinute: smallint().notNull(),
    startDate: date({ mode: "string" }).notNull(),
    weeks: smallint().notNull(),
    /** Visits exist for every occurrence up to this date (the generator's progress). */
    generatedThrough: date({ mode: "string" }).notNull(),
    cancelledAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique("visit_series_offer_key").on(t.offerId)],
);

export const visits = pgTable(
  "visits",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    parentId: uuid()
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    carerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The family member whose conversation booked it. */
    bookedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    offerId: uuid()
      .notNull()
      .references(() => offers.id, { onDelete: "restrict" }),
    seriesId: uuid().references(() => visitSeries.id, { onDelete: "cascade" }),
    /** The occurrence's start date (parent's zone) within its series: one visit per date. */
    occurrenceDate: date({ mode: "string" }).notNull(),
    service: serviceKind().notNull(),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    priceCents: integer().notNull(),
    cancellation: cancellationPolicy().notNull(),
    /** Immutable (a trigger refuses changes): the agreed terms. */
    terms: jsonb().$type<AgreedTerms>().notNull(),
    status: visitStatus().notNull().default("scheduled"),
    /** Who accepted the offer that made this visit, and when. */
    acceptedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    acceptedAt: timestamp({ withTimezone: true }).notNull(),
    cancelledAt: timestamp({ withTimezone: true }),
    cancelledBy: uuid().references(() => users.id, { onDelete: "set null" }),
    cancelReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("visits_offer_occurrence_key").on(t.offerId, t.occurrenceDate),
    index("visits_carer_starts_idx").on(t.carerId, t.startsAt),
    index("visits_parent_starts_idx").on(t.parentId, t.startsAt),
    index("visits_scheduled_starts_idx").on(t.startsAt).where(sql`${t.status} = 'scheduled'`),
    check("visits_ends_after_start", sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** Every change of a visit's state: who, when, from which state to which, and why. */
export const visitEvents = pgTable(
  "visit_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    visitId: uuid()
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    actorId: uuid().references(() => users.id, { onDelete: "set null" }),
    fromStatus: visitStatus(),
    toStatus: visitStatus().notNull(),
    reason: text(),
    data: jsonb().$type<Record<string, string | number | boolean | null>>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("visit_events_visit_idx").on(t.visitId, t.id)],
);

/**
 * Every read of a parent's exact location, address or access notes by someone outside the family
 * (a carer during their access window, an admin): who, which parent, what, and when.
 */
export const parentAccessLog = pgTable(
  "parent_access_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    viewerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    parentId: uuid()
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    /** Through which visit (for a carer), if any. */
    visitId: uuid().references(() => visits.id, { onDelete: "set null" }),
    what: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("parent_access_log_parent_idx").on(t.parentId, t.at), index("parent_access_log_viewer_idx").on(t.viewerId, t.at)],
);

export type Visit = typeof visits.$inferSelect;
export type VisitStatus = (typeof visitStatus.enumValues)[number];
export type VisitSeries = typeof visitSeries.$inferSelect;
