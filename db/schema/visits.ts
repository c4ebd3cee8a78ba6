// Booked visits: made atomically when an offer is accepted, each with an immutable snapshot of the
// agreed terms. A weekly offer makes a series, whose visits are generated ahead of time. The
// lifecycle (check-in, check-out, cancellation, confirmation) is the Visits issue's.
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  check,
  date,
  doublePrecision,
  primaryKey,
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
    /** A carer who cancelled less than 24 hours ahead: the punctuality score reads it. */
    lateCancellation: boolean().notNull().default(false),
    /** What a family's late cancellation costs under the agreed terms (record only; no payments). */
    cancellationFeeCents: integer(),
    /**
     * The Electronic Visit Verification record: with service, parent, date and carer above, the
     * server's check-in and check-out times and where they were made (accuracy, distance from
     * home, and the reason given when outside the geofence).
     */
    onTheWayAt: timestamp({ withTimezone: true }),
    checkedInAt: timestamp({ withTimezone: true }),
    checkInLat: doublePrecision(),
    checkInLng: doublePrecision(),
    checkInAccuracyM: doublePrecision(),
    checkInDistanceM: doublePrecision(),
    checkInReason: text(),
    checkedOutAt: timestamp({ withTimezone: true }),
    checkOutLat: doublePrecision(),
    checkOutLng: doublePrecision(),
    checkOutAccuracyM: doublePrecision(),
    checkOutDistanceM: doublePrecision(),
    checkOutReason: text(),
    /** A fix worse than the accuracy limit was accepted but flagged. */
    gpsFlagged: boolean().notNull().default(false),
    confirmedAt: timestamp({ withTimezone: true }),
    autoConfirmed: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("visits_offer_occurrence_key").on(t.offerId, t.occurrenceDate),
    index("visits_carer_starts_idx").on(t.carerId, t.startsAt),
    index("visits_parent_starts_idx").on(t.parentId, t.startsAt),
    index("visits_scheduled_starts_idx").on(t.startsAt).where(sql`${t.status} = 'scheduled'`),
    // The late and missed scan also reads carers on the way who have not checked in: a handful.
    index("visits_on_the_way_starts_idx").on(t.startsAt).where(sql`${t.status} = 'on_the_way'`),
    index("visits_completed_ends_idx").on(t.endsAt).where(sql`${t.status} = 'completed'`),
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
  (t) => [
    index("parent_access_log_parent_idx").on(t.parentId, t.at),
    index("parent_access_log_viewer_idx").on(t.viewerId, t.at),
  ],
);

/** A carer's tap (on my way, check in, check out): its key makes a double tap on a bad network count once. */
export const visitActions = pgTable("visit_actions", {
  key: uuid().primaryKey(),
  visitId: uuid()
    .notNull()
    .references(() => visits.id, { onDelete: "cascade" }),
  action: text().notNull(),
  /** What the first tap answered, handed back to the repeats. */
  outcome: jsonb().$type<Record<string, string | number | boolean | null>>().notNull(),
  at: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** The carer's latest position while on the way; deleted at check-in. Only that visit's family sees it. */
export const visitPositions = pgTable("visit_positions", {
  visitId: uuid()
    .primaryKey()
    .references(() => visits.id, { onDelete: "cascade" }),
  lat: doublePrecision().notNull(),
  lng: doublePrecision().notNull(),
  accuracyM: doublePrecision().notNull(),
  at: timestamp({ withTimezone: true }).notNull(),
});

export const visitMood = pgEnum("visit_mood", ["good", "fair", "low"]);
export const visitLevel = pgEnum("visit_level", ["usual", "less", "more"]);

/** What the carer records during and at the end of a visit. */
export const visitLogs = pgTable("visit_logs", {
  visitId: uuid()
    .primaryKey()
    .references(() => visits.id, { onDelete: "cascade" }),
  tasksDone: text().array().notNull().default(sql`'{}'::text[]`),
  notes: text().notNull().default(""),
  mood: visitMood(),
  appetite: visitLevel(),
  mobility: visitLevel(),
  concerns: text().notNull().default(""),
  photoKey: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** A change to a completed visit's record: the old and new value and why. The family sees them all. */
export const visitCorrections = pgTable(
  "visit_corrections",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    visitId: uuid()
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    field: text().notNull(),
    oldValue: text(),
    newValue: text(),
    reason: text().notNull(),
    by: uuid().references(() => users.id, { onDelete: "set null" }),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("visit_corrections_visit_idx").on(t.visitId)],
);

/** Each alert about a visit goes out once: reminder, late (to the carer, to the family), missed. */
export const visitAlerts = pgTable(
  "visit_alerts",
  {
    visitId: uuid()
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    kind: text().$type<"reminder" | "late_carer" | "late_family" | "missed" | "auto_confirm">().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.visitId, t.kind] })],
);

/** "Did <carer> visit you today?": the parent's own answer by SMS after check-out. */
export const parentChecks = pgTable(
  "parent_checks",
  {
    visitId: uuid()
      .primaryKey()
      .references(() => visits.id, { onDelete: "cascade" }),
    phone: text().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
    answer: text().$type<"yes" | "no">(),
    answeredAt: timestamp({ withTimezone: true }),
  },
  (t) => [index("parent_checks_phone_idx").on(t.phone, t.sentAt)],
);

export const disputeStatus = pgEnum("dispute_status", ["open", "resolved"]);

/** A disputed visit, for admins to decide on the evidence (Admin issue). */
export const disputes = pgTable(
  "disputes",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    visitId: uuid()
      .notNull()
      .references(() => visits.id, { onDelete: "cascade" }),
    /** Null when the parent's own "no" opened it. */
    openedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    reason: text().notNull(),
    status: disputeStatus().notNull().default("open"),
    /** done, missed or cancelled: the transition the admin fired (app/admin/disputes.server.ts). */
    outcome: text(),
    /** The admin's reasons, which both sides are told. */
    outcomeNote: text(),
    resolvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    resolvedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("disputes_open_idx").on(t.createdAt).where(sql`${t.status} = 'open'`),
    index("disputes_visit_idx").on(t.visitId),
  ],
);

export const familyContactKind = pgEnum("family_contact_kind", ["visit", "call"]);

/** The family's own visits and calls, logged by hand for the visiting-time ledger. */
export const familyContacts = pgTable(
  "family_contacts",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    parentId: uuid()
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: familyContactKind().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    minutes: integer().notNull(),
    note: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("family_contacts_parent_at_idx").on(t.parentId, t.at),
    check("family_contacts_minutes_range", sql`${t.minutes} between 1 and 1440`),
  ],
);

export type Visit = typeof visits.$inferSelect;
export type VisitStatus = (typeof visitStatus.enumValues)[number];
export type VisitSeries = typeof visitSeries.$inferSelect;
