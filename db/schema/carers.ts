// Carer profiles: services with prices, base location and service radius, languages, weekly availability.
// The exact base location is private to the carer and admins (see app/privacy/location.ts).
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uuid,
} from "drizzle-orm/pg-core";
import { languageBitsSql } from "../catalogue";
import { gender, serviceKind } from "./catalogue";
import { users } from "./users";

export interface FaqEntry {
  question: string;
  answer: string;
}

export const carers = pgTable(
  "carers",
  {
    userId: uuid()
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Plain text; rendered as text, never as HTML. */
    bio: text().notNull().default(""),
    gender: gender(),
    languages: text().array().notNull().default(sql`'{}'::text[]`),
    /** Exact base location: private. */
    lat: doublePrecision().notNull(),
    lng: doublePrecision().notNull(),
    /** The approximate base everyone else sees (app/privacy/location.ts; functions of migration 0005). */
    approxLat: doublePrecision().generatedAlwaysAs(sql`approx_lat(lat)`),
    approxLng: doublePrecision().generatedAlwaysAs(sql`approx_lng(lat, lng)`),
    radiusM: integer().notNull(),
    timeZone: text().notNull().default("Asia/Shanghai"),
    faq: jsonb().$type<FaqEntry[]>().notNull().default(sql`'[]'::jsonb`),
    quickPhrases: text().array().notNull().default(sql`'{}'::text[]`),
    /** Key in the photo storage (app/storage), null when no photo. */
    photoKey: text(),
    /** Set by an admin after checking ID and background; null = unverified. */
    verifiedAt: timestamp({ withTimezone: true }),
    /** Best-match and rating sorts read this; null until ratings exist (issue: ratings). */
    ratingScore: doublePrecision(),
    visitsCompleted: integer().notNull().default(0),
    /** Median minutes to the first reply in conversations begun in the last 30 days; null: too few. */
    replyMinutesMedian: integer(),
    /** Only listed in search once the carer has saved a profile with at least one service. */
    listed: boolean().notNull().default(true),
    /**
     * Price per hour of each catalogue service, in catalogue order (null = not offered), and the
     * lowest of them: a copy of carer_services written in the same transaction, so the search can
     * filter and sort from the covering index alone.
     */
    servicePrices: integer().array().notNull().default(sql`'{}'::integer[]`),
    minPriceCents: integer(),
    /**
     * Radius band and 0.05° grid cell of the approximate base: the family search's B-tree key. The
     * same formula as app/geo/search-cells.ts, which picks the keys a search reads.
     */
    searchKey: integer().generatedAlwaysAs(
      sql`least(4, greatest(1, ceil(radius_m / 5000.0)::int)) * 100000000
        + (floor(approx_lat(lat) / 0.05::float8)::int + 1800) * 8000
        + ((floor(approx_lng(lat, lng) / 0.05::float8)::int + 3600) % 7200 + 7200) % 7200`,
    ),
    /** One bit per catalogue language (db/catalogue.ts order): the search index holds this, not the array. */
    languageBits: integer().generatedAlwaysAs(sql.raw(languageBitsSql("languages"))),
    verified: boolean().generatedAlwaysAs(sql`verified_at is not null`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // The family search reads listed carers by search_key, covering every column it filters and
    // sorts on in as few bytes as it can, so it is an index-only scan of B-tree leaves. drizzle has no
    // INCLUDE yet: the expression closes the parenthesis itself and drizzle's closing one ends the list.
    index("carers_search_idx")
      .using(
        "btree",
        sql`${t.searchKey}) include (${t.userId}, ${t.approxLat}, ${t.approxLng}, ${t.radiusM}, ${t.languageBits}, ${t.gender}, ${t.verified}, ${t.ratingScore}, ${t.servicePrices}, ${t.minPriceCents}`,
      )
      .where(sql`${t.listed}`),
    // The verification queue (/admin/carers): unverified carers, longest waiting first, a page at a time
    // by (created_at, user_id), so the newest sign-up is one "next" away and the count reads no verified row.
    index("carers_verification_queue_idx").on(t.createdAt, t.userId).where(sql`${t.verifiedAt} is null`),
    // GiST on the base, for searches near the poles (no grid there) and nearest-first queries.
    index("carers_location_idx").using("gist", sql`ll_to_earth(${t.lat}, ${t.lng})`),
    check("carers_radius_range", sql`${t.radiusM} between 1000 and 20000`),
    check("carers_lat_range", sql`${t.lat} between -90 and 90`),
    check("carers_lng_range", sql`${t.lng} between -180 and 180`),
  ],
);

export const carerServices = pgTable(
  "carer_services",
  {
    carerId: uuid()
      .notNull()
      .references(() => carers.userId, { onDelete: "cascade" }),
    service: serviceKind().notNull(),
    /** Price per hour in the smallest currency unit (fen). */
    priceCents: integer().notNull(),
    minMinutes: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.carerId, t.service] }),
    index("carer_services_service_price_idx").on(t.service, t.priceCents),
    check("carer_services_price_nonnegative", sql`${t.priceCents} >= 0`),
    check("carer_services_min_minutes_range", sql`${t.minMinutes} between 15 and 720`),
  ],
);

/** Weekly availability windows in the carer's own time zone; weekday 0 = Sunday (as extract(dow)). */
export const carerAvailability = pgTable(
  "carer_availability",
  {
    carerId: uuid()
      .notNull()
      .references(() => carers.userId, { onDelete: "cascade" }),
    weekday: smallint().notNull(),
    startMinute: smallint().notNull(),
    endMinute: smallint().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.carerId, t.weekday, t.startMinute] }),
    check(
      "carer_availability_window",
      sql`${t.weekday} between 0 and 6 and ${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`,
    ),
  ],
);

export type Carer = typeof carers.$inferSelect;
