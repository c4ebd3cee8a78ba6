// Distances in SQL. The GiST index on ll_to_earth(lat, lng) finds the candidates in a box; the exact
// test then uses plain haversine arithmetic, which is much cheaper per row than recomputing
// ll_to_earth (whose `earth` domain checks run on every call).
import { sql, type SQL } from "drizzle-orm";

/** A point given as numbers (bound as parameters) or as SQL (columns of a row in scope). */
export type SqlPoint = { lat: number | SQL; lng: number | SQL };

/** Great-circle metres between a point and two columns (R = 6,371 km, as app/privacy/location.ts). */
export function haversineSql(from: SqlPoint, lat: SQL, lng: SQL): SQL {
  return sql`(12742000 * asin(sqrt(
    power(sin(radians(${lat} - ${from.lat}::float8) / 2), 2)
    + cos(radians(${from.lat}::float8)) * cos(radians(${lat})) * power(sin(radians(${lng} - ${from.lng}::float8) / 2), 2))))`;
}

/**
 * The index condition: points within `meters` of `from`, as a box. earthdistance's sphere is a little
 * larger than ours, so the box gets 1% to spare; the haversine test is the exact one.
 */
export function withinBoxSql(from: SqlPoint, meters: number | SQL, lat: SQL, lng: SQL): SQL {
  const box = typeof meters === "number" ? sql`${meters * 1.01}::float8` : sql`(${meters} * 1.01)::float8`;
  return sql`earth_box(ll_to_earth(${from.lat}::float8, ${from.lng}::float8), ${box}) @> ll_to_earth(${lat}, ${lng})`;
}
