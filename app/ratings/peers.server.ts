// The daily peer job: places every carer with scores in a city (cities.ts), then rebuilds each city
// and service's figures (mean, lowest and highest of each score) from the carers with enough counted
// ratings. Pages read the stored figures; none computes them.
import { sql } from "drizzle-orm";
import type { Database } from "~/db.server";
import { citySql } from "./cities";
import { MIN_RATINGS_FOR_PEERS } from "./scores";

export interface PeerRefresh {
  placed: number;
  groups: number;
}

export async function refreshPeerFigures(db: Database, now: Date): Promise<PeerRefresh> {
  return db.transaction(async (tx) => {
    // Only rows whose city changed are written (a carer moving their base), so a quiet day writes little.
    const placed = await tx.execute(sql`
      update carer_scores s set peer_city = x.city
      from (select c.user_id, ${sql.raw(citySql("c.approx_lat", "c.approx_lng"))} as city
            from carers c join carer_scores cs on cs.carer_id = c.user_id) x
      where x.user_id = s.carer_id and s.peer_city is distinct from x.city`);
    await tx.execute(sql`delete from rating_peer_groups`);
    const groups = await tx.execute(sql`
      insert into rating_peer_groups (city, service, carers,
        as_agreed_avg, as_agreed_min, as_agreed_max, care_avg, care_min, care_max,
        punctuality_avg, punctuality_min, punctuality_max, refreshed_at)
      select s.peer_city, cs.service, count(*)::int,
        avg(s.as_agreed_sum::float8 / s.scored_count), min(s.as_agreed_sum::float8 / s.scored_count),
        max(s.as_agreed_sum::float8 / s.scored_count),
        avg(s.care_sum::float8 / s.scored_count), min(s.care_sum::float8 / s.scored_count),
        max(s.care_sum::float8 / s.scored_count),
        avg(s.punctuality_sum::float8 / s.scored_count), min(s.punctuality_sum::float8 / s.scored_count),
        max(s.punctuality_sum::float8 / s.scored_count),
        ${now.toISOString()}::timestamptz
      from carer_scores s
      join carer_services cs on cs.carer_id = s.carer_id
      where s.scored_count >= ${MIN_RATINGS_FOR_PEERS} and s.peer_city is not null
      group by s.peer_city, cs.service`);
    return { placed: rowCount(placed), groups: rowCount(groups) };
  });
}

/** Rows touched, from either driver's answer. */
function rowCount(result: unknown): number {
  const r = result as { count?: number; affectedRows?: number; rowCount?: number };
  return Number(r.count ?? r.affectedRows ?? r.rowCount ?? 0);
}
