// Family search: the carers whose service circle covers a parent's home, filtered, sorted and paged
// in one SQL query (plus one for their services): a fixed number of queries, whatever the page holds.
import { sql, type SQL } from "drizzle-orm";
import { serviceKinds, type Gender, type LanguageCode, type ServiceKind } from "~db/schema";
import { servicesOf } from "~/carers/carers.server";
import { queryRows, type Database } from "~/db.server";
import { haversineSql, withinBoxSql } from "~/geo/distance.server";
import { localDateTimeToUtc } from "~/geo/time-zone";
import { publicLocation } from "~/privacy/location";
import { MAX_JOB_RADIUS_M } from "~/visit-requests/visit-requests.server";
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
  lat: number;
  lng: number;
  radius_m: number;
  gender: Gender | null;
  languages: LanguageCode[];
  verified_at: Date | string | null;
  rating_score: number | null;
  visits_completed: number;
  photo_key: string | null;
  distance_m: number;
  price_cents: number;
  total: number | string;
}

/**
 * Best match, until ratings exist: shares a language with the parent (+2), verified (+1.5), rating
 * (0–2; unrated counts as 3/5), minus 1 per 5 km. Rating sorts by the nullable rating_score, unrated last.
 */
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

/** The search query itself; exported so the benchmark measures exactly what the page runs. */
export function carerSearchSql(origin: SearchOrigin, f: SearchFilters): SQL {
  const distance = haversineSql(origin, sql`c.lat`, sql`c.lng`);
  const conditions: SQL[] = [
    // The GiST index narrows to a box around the parent as wide as the largest radius allowed...
    withinBoxSql(origin, MAX_JOB_RADIUS_M, sql`c.lat`, sql`c.lng`),
    // ...then each carer's own circle must reach the parent.
    sql`${distance} <= c.radius_m`,
    sql`c.listed`,
  ];
  if (f.language) conditions.push(sql`${f.language}::text = any(c.languages)`);
  if (f.gender) conditions.push(sql`c.gender = ${f.gender}`);
  if (f.verified) conditions.push(sql`c.verified_at is not null`);
  const at = f.at ? localDateTimeToUtc(f.at, origin.timeZone) : null;
  if (at) {
    // The instant, seen on the carer's own wall clock, must fall in one of their weekly windows.
    const local = sql`(${at.toISOString()}::timestamptz at time zone c.time_zone)`;
    conditions.push(sql`exists (
      select 1 from carer_availability a
      where a.carer_id = c.user_id
        and a.weekday = extract(dow from ${local})::int
        and a.start_minute <= (extract(hour from ${local}) * 60 + extract(minute from ${local}))::int
        and a.end_minute > (extract(hour from ${local}) * 60 + extract(minute from ${local}))::int)`);
  }
  // Price of the chosen service, or the carer's lowest price: both copied onto carers (see schema).
  const price = f.service ? sql`c.service_prices[${serviceKinds.indexOf(f.service) + 1}]` : sql`c.min_price_cents`;
  const parentLanguages = `{${origin.languages.map((l) => `"${l.replace(/[^a-z_]/g, "")}"`).join(",")}}`;
  // The inner query reads only columns the covering GiST index holds (an index-only scan); the
  // page's 20-odd rows then fetch their names and photos.
  return sql`
    select h.*, u.name, c.photo_key, c.visits_completed from (
      select c.user_id as id, c.lat, c.lng, c.radius_m, c.gender, c.languages, c.verified_at, c.rating_score,
             d.distance_m, ${price} as price_cents,
             (case when c.languages && ${parentLanguages}::text[] then 2 else 0 end
              + case when c.verified_at is not null then 1.5 else 0 end
              + coalesce(c.rating_score, 3) / 5 * 2
              - d.distance_m / 5000) as best_score,
             count(*) over () as total
      from carers c
      cross join lateral (select ${distance} as distance_m) d
      where ${sql.join(conditions, sql` and `)}
        and ${price} is not null
      order by ${orderBy(f.sort)}
      limit ${f.size} offset ${(f.page - 1) * f.size}
    ) h
    join users u on u.id = h.id
    join carers c on c.user_id = h.id
    order by ${orderBy(f.sort)}`;
}

export async function searchCarers(db: Database, origin: SearchOrigin, filters: SearchFilters) {
  const rows = await queryRows<CarerRow>(db, carerSearchSql(origin, filters));
  const services = await servicesOf(
    db,
    rows.map((r) => r.id),
  );
  const total = rows[0] ? Number(rows[0].total) : 0;
  return {
    total,
    pages: Math.max(1, Math.ceil(total / filters.size)),
    carers: rows.map((r) => {
      // The family sees its parent exactly, but only an approximate carer base and a rounded distance.
      const { approx, distanceKm } = publicLocation({ lat: r.lat, lng: r.lng }, origin);
      return {
        id: r.id,
        name: r.name,
        gender: r.gender,
        languages: r.languages,
        verifiedAt: r.verified_at ? new Date(r.verified_at).toISOString() : null,
        ratingScore: r.rating_score,
        visitsCompleted: r.visits_completed,
        photoKey: r.photo_key,
        priceCents: r.price_cents,
        services: (services.get(r.id) ?? []) as { service: ServiceKind; priceCents: number; minMinutes: number }[],
        approx,
        distanceKm: distanceKm!,
      };
    }),
  };
}

export type SearchResult = Awaited<ReturnType<typeof searchCarers>>;
