// Ratings (PRODUCT §7): a family's stars for a completed visit on three metrics, or the default good
// rating written at day 15; the carer's running scores over 180 days; and the peer figures a daily
// job draws from them. The rules live in app/ratings/scores.ts; the SQL in app/ratings/*.server.ts.
// Nothing here is private in the location sense: a review shows the rater's masked name only.
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { serviceKind } from "./catalogue";
import { parents } from "./parents";
import { users } from "./users";
import { visits } from "./visits";

/**
 * One per visit, never changed in its scores (a trigger refuses it, migration "ratings"): only the
 * follow-up, the reply and an admin's hiding of text are written after it.
 */
export const ratings = pgTable(
  "ratings",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    visitId: uuid()
      .notNull()
      .unique("ratings_visit_key")
      .references(() => visits.id, { onDelete: "cascade" }),
    carerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The family the monthly cap counts by: the parent whose circle booked the visit. */
    parentId: uuid()
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    /** The family member who rated; null for the default rating. */
    ratedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    service: serviceKind().notNull(),
    /** 1–5 each; null together for the default rating, which never reaches the three scores. */
    asAgreed: smallint(),
    care: smallint(),
    punctuality: smallint(),
    isDefault: boolean().notNull().default(false),
    /** Good-rating rate's numerator (scores.ts isGood); the default rating is good. */
    good: boolean().notNull(),
    /** Within the monthly cap (first three per family, carer and calendar month): it counts. Turned off
     *  (never on) when a dispute rules the visit missed or cancelled (migration 0019). */
    counts: boolean().notNull(),
    /** The calendar month (parent's zone) the cap counts in: its first day. */
    month: date({ mode: "string" }).notNull(),
    comment: text().notNull().default(""),
    commentHiddenAt: timestamp({ withTimezone: true }),
    followUp: text(),
    followUpBy: uuid().references(() => users.id, { onDelete: "set null" }),
    followUpAt: timestamp({ withTimezone: true }),
    followUpHiddenAt: timestamp({ withTimezone: true }),
    reply: text(),
    replyAt: timestamp({ withTimezone: true }),
    replyHiddenAt: timestamp({ withTimezone: true }),
    /** The admin who last hid a text of this review. */
    moderatedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** When the visit was completed (its check-out): the 15, 30 and 180-day limits count from here. */
    completedAt: timestamp({ withTimezone: true }).notNull(),
    ratedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    // The window's recompute and the carer's trend, by carer and time.
    index("ratings_carer_rated_idx").on(t.carerId, t.ratedAt.desc().nullsFirst()),
    // The profile's reviews: explicit ratings, newest first, in the page's exact order.
    index("ratings_carer_reviews_idx")
      .on(t.carerId, t.ratedAt.desc().nullsFirst(), t.id.desc().nullsFirst())
      .where(sql`not ${t.isDefault}`),
    // The daily job: counted ratings leaving the window, by time across carers.
    index("ratings_counted_rated_idx").on(t.ratedAt).where(sql`${t.counts}`),
    index("ratings_cap_idx").on(t.carerId, t.parentId, t.month),
    check(
      "ratings_scores_range",
      sql`(${t.isDefault} and ${t.asAgreed} is null and ${t.care} is null and ${t.punctuality} is null)
        or (not ${t.isDefault} and ${t.asAgreed} between 1 and 5 and ${t.care} between 1 and 5 and ${t.punctuality} between 1 and 5)`,
    ),
  ],
);

/**
 * A carer's running figures over the 180-day window (ratings that count): sums and counts, kept as
 * ratings arrive (same transaction) and as they leave (daily job), so no page sums reviews.
 */
export const carerScores = pgTable("carer_scores", {
  carerId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  asAgreedSum: integer().notNull().default(0),
  careSum: integer().notNull().default(0),
  punctualitySum: integer().notNull().default(0),
  /** Counted explicit ratings in the window: the three scores' denominator. */
  scoredCount: integer().notNull().default(0),
  /** Counted ratings (explicit and default) in the window, and how many of them are good. */
  ratedCount: integer().notNull().default(0),
  goodCount: integer().notNull().default(0),
  /** Every explicit rating ever (the reviews list's length, without a count(*)). */
  reviewCount: integer().notNull().default(0),
  /** The window start these sums reflect: ratings at or before it have been taken out. */
  windowFrom: timestamp({ withTimezone: true }).notNull(),
  /** The city the peer job placed the carer in (app/ratings/cities.ts); compared per offered service. */
  peerCity: text(),
  updatedAt: timestamp({ withTimezone: true }).notNull(),
});

/** Per city and service, over carers with enough ratings: each metric's mean, lowest and highest score. */
export const ratingPeerGroups = pgTable(
  "rating_peer_groups",
  {
    city: text().notNull(),
    service: serviceKind().notNull(),
    carers: integer().notNull(),
    asAgreedAvg: doublePrecision().notNull(),
    asAgreedMin: doublePrecision().notNull(),
    asAgreedMax: doublePrecision().notNull(),
    careAvg: doublePrecision().notNull(),
    careMin: doublePrecision().notNull(),
    careMax: doublePrecision().notNull(),
    punctualityAvg: doublePrecision().notNull(),
    punctualityMin: doublePrecision().notNull(),
    punctualityMax: doublePrecision().notNull(),
    refreshedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.city, t.service] })],
);

export type Rating = typeof ratings.$inferSelect;
export type CarerScores = typeof carerScores.$inferSelect;
export type RatingPeerGroup = typeof ratingPeerGroups.$inferSelect;
