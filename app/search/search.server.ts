// Family search: the carers whose service circle covers a parent's home, filtered, sorted and paged,
// with what each offers, in one SQL statement: a fixed number of queries, whatever the page holds.
import { sql, type SQL } from "drizzle-orm";
import { isLanguageCode, languageBit } from "~db/catalogue";
import { serviceKinds, type Gender, type LanguageCode, type ServiceKind } from "~db/schema";
import { preparedRows, type Database } from "~/db.server";
import { haversineSql, withinBoxSql } from "~/geo/distance.server";
import { searchKeysCovering } from "~/geo/search-cells";
import { localDateTimeToUtc } from "~/geo/time-zone";
import { APPROX_MAX_SHIFT_M, publicLocation } from "~/privacy/location";
import { MAX_JOB_RADIUS_M } from "~/visit-requests/visit-requests.server";
import { MAX_VISIT_MINUTES } from "~/chat/offer-rules";
import type { SearchFilters } from "./schemas";

export interface SearchOrigin {
  lat: number;
  lng: number;
  timeZone: string;
  languages: string[];
}

interface CarerRow extends Record<string, unknown> {
  id: string;
  name: string;
  approx_lat: number;
  approx_lng: number;
  radius_m: number;
  gender: Gender | null;
  languages: LanguageCode[];
  verified_at: Date | string | null;
  rating_score: number | null;
  visits_completed: number;
  reply_minutes_median: number | null;
  /** Counted ratings in the 180-day window and how many are good (app/ratings): the card's good rate. */
  rated_count: number | null;
  good_count: number | null;
  photo_key: string | null;
  /** The services the carer offers, cheapest first. */
  services: ServiceKind[];
  distance_m: number;
  price_cents: number;
  fetched: number | string;
}

/** Best match: shares a language with the parent (+2), verified (+1.5), rating (0–2, unrated 3/5). */
const BEST_STATIC_MAX = 2 + 1.5 + 2;
/** ...minus 1 point per this many metres of distance. */
const BEST_METRES_PER_POINT = 5000;

/**
 * The radius tried before the whole 20 km box, for the sorts that fall off with distance. Each
 * extra ring costs planning time on every search, so there is one per sort, sized from bench:geo's
 * dense synthetic cities: the 21st-nearest covering carer is within 2.5 km for 80% of homes, and a
 * best-match page settles within 6 km for most (the bound gives up 1 point per 5 km).
 */
export const SEARCH_RINGS_M: Record<SearchFilters["sort"], readonly number[]> = {
  distance: [2_500],
  best: [6_000],
  price: [],
  rating: [],
};

function orderBy(sort: SearchFilters["sort"]): SQL {
  switch (sort) {
    case "distance":
      return sql`distance_m asc, id`;
    case "price":
      return sql`price_cents asc, distance_m asc, id`;
    case "rating":
      return sql`rating_score desc nulls last, distance_m asc, id`;
    default:
      return sql`best_score desc, distance_m asc, id`;
  }
}

/**
 * When the top `want` rows of the carers within `ringM` are already the top rows overall: for
 * distance, once the ring holds `want` of them (everyone outside is farther); for best match, once
 * the last of them outscores the best score anyone outside the ring could reach. Price and rating
 * owe nothing to distance, so they always read the whole box.
 */
function settledSql(sort: SearchFilters["sort"], ringM: number, want: number, cte: string): SQL | null {
  const full = sql`(select count(*) from ${sql.raw(cte)}) = ${want}`;
  if (sort === "distance") return full;
  if (sort === "best") {
    const outsideBest = BEST_STATIC_MAX - ringM / BEST_METRES_PER_POINT;
    return sql`(${full} and (select min(best_score) from ${sql.raw(cte)}) >= ${outsideBest}::float8)`;
  }
  return null;
}

/**
 * The index condition for carers (alias `c`) whose approximate base might cover `point` within
 * `withinM`: the grid cells each radius band could reach, read from the search B-tree (near the
 * poles, the GiST box on exact bases, widened by how far an approximate base can be from the exact
 * one). A distance test against `c.approx_lat`/`c.approx_lng` must follow.
 */
export function carersNearSql(point: { lat: number; lng: number }, withinM: number): SQL {
  const keys = searchKeysCovering(point, withinM);
  return keys
    ? sql`c.search_key = any(${`{${keys.join(",")}}`}::int[])`
    : withinBoxSql(point, withinM + APPROX_MAX_SHIFT_M, sql`c.lat`, sql`c.lng`);
}

export interface Scan {
  /** Candidates within this many metres (index box + exact test); null = no index, every carer. */
  withinM: number | null;
  limit: number;
}

/** The carers covering the origin that pass the filters, sorted, cut at `limit` (exported for bench:geo). */
export function coveringSql(origin: SearchOrigin, f: SearchFilters, scan: Scan): SQL {
  // Circles are drawn around the carer's approximate base, the one families see: deciding on the
  // exact base would let a family nudge their parent's pin until a carer appears, which measures
  // the exact distance. The grid cells file carers by that approximate base too.
  const distance = haversineSql(origin, sql`c.approx_lat`, sql`c.approx_lng`);
  const conditions: SQL[] = [sql`c.listed`];
  if (scan.withinM === null) {
    conditions.push(sql`${distance} <= c.radius_m`);
  } else {
    // Each carer's own circle must then reach the parent.
    conditions.push(carersNearSql(origin, scan.withinM));
    conditions.push(
      scan.withinM >= MAX_JOB_RADIUS_M
        ? sql`${distance} <= c.radius_m`
        : sql`${distance} <= least(c.radius_m, ${scan.withinM}::float8)`,
    );
  }
  if (f.language) conditions.push(sql`(c.language_bits & ${languageBit(f.language)}) <> 0`);
  if (f.gender) conditions.push(sql`c.gender = ${f.gender}`);
  if (f.verified) conditions.push(sql`c.verified`);
  const at = f.at ? localDateTimeToUtc(f.at, origin.timeZone) : null;
  if (at) {
    // The instant, seen on the carer's own wall clock, must fall in one of their weekly windows.
    // kinvisit_time_zone: NULL for a zone the database does not know (never an error), so such a
    // carer is simply not available at that time (docs/decisions/013-input-rules.md).
    const local = sql`(${at.toISOString()}::timestamptz at time zone kinvisit_time_zone(c.time_zone))`;
    conditions.push(sql`exists (
      select 1 from carer_availability a
      where a.carer_id = c.user_id
        and a.weekday = extract(dow from ${local})::int
        and a.start_minute <= (extract(hour from ${local}) * 60 + extract(minute from ${local}))::int
        and a.end_minute > (extract(hour from ${local}) * 60 + extract(minute from ${local}))::int)`);
    // And not booked then: a visit still to come, on the way or under way holds the instant (its end
    // is free). No visit is longer than MAX_VISIT_MINUTES, and an hour more the night the clocks go
    // back (its times are kept on the wall clock), which bounds the read of the carer's visits by
    // start (visits_carer_starts_idx).
    const instant = sql`${at.toISOString()}::timestamptz`;
    conditions.push(sql`not exists (
      select 1 from visits v
      where v.carer_id = c.user_id
        and v.starts_at <= ${instant}
        and v.starts_at > ${instant} - make_interval(mins => ${MAX_VISIT_MINUTES + 60})
        and v.ends_at > ${instant}
        and v.status in ('scheduled', 'on_the_way', 'in_progress'))`);
  }
  // Price of the chosen service, or the carer's lowest price: both copied onto carers (see schema).
  const price = f.service ? sql`c.service_prices[${serviceKinds.indexOf(f.service) + 1}]` : sql`c.min_price_cents`;
  const parentLanguages = origin.languages.filter(isLanguageCode).reduce((bits, l) => bits | languageBit(l), 0);
  // Reads only columns the covering index holds (an index-only scan).
  return sql`
      select c.user_id as id, c.approx_lat, c.approx_lng, c.radius_m, c.gender, c.verified, c.rating_score,
             d.distance_m, ${price} as price_cents,
             (case when (c.language_bits & ${parentLanguages}::int) <> 0 then 2.0::float8 else 0.0::float8 end
              + case when c.verified then 1.5::float8 else 0.0::float8 end
              + least(coalesce(c.rating_score, 3), 5) / 5 * 2
              - d.distance_m / ${BEST_METRES_PER_POINT}) as best_score
      from carers c
      cross join lateral (select ${distance} as distance_m) d
      where ${sql.join(conditions, sql` and `)}
        and ${price} is not null
      order by ${orderBy(f.sort)}
      limit ${scan.limit}`;
}

/**
 * The search itself, one statement; exported so the benchmark measures exactly what the page runs.
 * The first page × size + 1 rows come from the smallest ring that settles them (see settledSql);
 * each wider scan sits behind a one-time filter, so PostgreSQL never starts it once a ring has
 * settled. There is no total count: it would need every covering carer. One more row than the page
 * tells whether a next page exists. Names, photos and services are joined after the page is cut.
 */
export function carerSearchSql(origin: SearchOrigin, f: SearchFilters, { index = true } = {}): SQL {
  const want = f.page * f.size + 1;
  const rings = index ? SEARCH_RINGS_M[f.sort] : [];
  const ctes: SQL[] = [];
  const branches: SQL[] = [];
  const unsettled: SQL[] = [];
  rings.forEach((ringM, i) => {
    const name = `ring${i}`;
    ctes.push(sql`${sql.raw(name)} as materialized (${coveringSql(origin, f, { withinM: ringM, limit: want })})`);
    const settled = settledSql(f.sort, ringM, want, name)!;
    branches.push(sql`select * from ${sql.raw(name)} where ${sql.join([...unsettled, settled], sql` and `)}`);
    unsettled.push(sql`not ${settled}`);
  });
  const last = coveringSql(origin, f, { withinM: index ? MAX_JOB_RADIUS_M : null, limit: want });
  branches.push(unsettled.length ? sql`select * from (${last}) box where ${sql.join(unsettled, sql` and `)}` : last);
  const picked = sql.join(
    branches.map((b) => sql`(${b})`),
    sql` union all `,
  );
  return sql`
    ${ctes.length ? sql`with ${sql.join(ctes, sql`, `)}` : sql``}
    select h.*, u.name, c.languages, c.verified_at, c.photo_key, c.visits_completed, c.reply_minutes_median,
           cs.rated_count, cs.good_count,
           array(select s.service::text from carer_services s where s.carer_id = h.id
                 order by s.price_cents, s.service) as services from (
      select p.*, count(*) over () as fetched from (${picked}) p
      order by ${orderBy(f.sort)}
      limit ${f.size} offset ${(f.page - 1) * f.size}
    ) h
    join users u on u.id = h.id
    join carers c on c.user_id = h.id
    left join carer_scores cs on cs.carer_id = h.id
    order by ${orderBy(f.sort)}`;
}

export async function searchCarers(db: Database, origin: SearchOrigin, filters: SearchFilters) {
  const rows = await preparedRows<CarerRow>(db, carerSearchSql(origin, filters));
  return {
    from: rows.length ? (filters.page - 1) * filters.size + 1 : 0,
    to: (filters.page - 1) * filters.size + rows.length,
    hasMore: rows[0] ? Number(rows[0].fetched) > filters.page * filters.size : false,
    carers: rows.map((r) => {
      // The family sees its parent exactly, but only an approximate carer base and a rounded distance.
      // The query never returns the exact base; an approximate point is its own approximate point.
      const { approx, distanceKm } = publicLocation({ lat: r.approx_lat, lng: r.approx_lng }, origin);
      return {
        id: r.id,
        name: r.name,
        gender: r.gender,
        languages: r.languages,
        verifiedAt: r.verified_at ? new Date(r.verified_at).toISOString() : null,
        ratingScore: r.rating_score,
        visitsCompleted: r.visits_completed,
        replyMinutesMedian: r.reply_minutes_median,
        goodRate: r.rated_count ? { share: (r.good_count ?? 0) / r.rated_count, count: r.rated_count } : null,
        photoKey: r.photo_key,
        priceCents: r.price_cents,
        services: r.services,
        approx,
        distanceKm: distanceKm!,
      };
    }),
  };
}

export type SearchResult = Awaited<ReturnType<typeof searchCarers>>;
