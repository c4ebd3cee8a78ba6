// "New job near you" texts: when a family posts a request, the carers who asked for these texts and
// whose circle covers it get one, nearest first, within caps so that a busy city does not flood them.
// Runs as a job enqueued in the request's own transaction; a retry texts nobody twice (queueSms is
// idempotent per event and recipient, and the same carers are picked again).
import { eq, sql } from "drizzle-orm";
import { serviceKinds } from "~db/catalogue";
import { visitRequests } from "~db/schema";
import { queryRows, type Database } from "~/db.server";
import type { Env } from "~/env.server";
import { haversineSql, withinBoxSql } from "~/geo/distance.server";
import type { Jobs } from "~/jobs/jobs.server";
import { publicLocation } from "~/privacy/location";
import { queueSms } from "~/sms/sms.server";
import { MAX_JOB_RADIUS_M } from "./visit-requests.server";

/** Most carers texted about one request. */
export const TEXTS_PER_REQUEST = 20;
/** Most "new job" texts one carer gets in 24 hours, over all requests. */
export const TEXTS_PER_CARER_DAY = 3;

export interface NearbyJobTextsJob {
  requestId: string;
}

export async function textNearbyCarers(
  db: Database,
  jobs: Jobs,
  env: Env,
  requestId: string,
  now = new Date(),
): Promise<number> {
  return db.transaction(async (tx) => {
    const [request] = await tx
      .select({
        id: visitRequests.id,
        service: visitRequests.service,
        status: visitRequests.status,
        lat: visitRequests.approxLat,
        lng: visitRequests.approxLng,
      })
      .from(visitRequests)
      .where(eq(visitRequests.id, requestId));
    if (request?.status !== "open") return 0;
    // Covering the request's approximate point (the one carers see), as the nearby-jobs list does.
    const seen = { lat: request.lat!, lng: request.lng! };
    const distance = haversineSql(seen, sql`c.lat`, sql`c.lng`);
    const dayAgo = new Date(now.getTime() - 24 * 3600 * 1000);
    const carers = await queryRows<{ user_id: string; lat: number; lng: number }>(
      tx,
      sql`select c.user_id, c.lat, c.lng
          from carers c
          join users u on u.id = c.user_id
          join sms_preferences p on p.user_id = c.user_id
          where ${withinBoxSql(seen, MAX_JOB_RADIUS_M, sql`c.lat`, sql`c.lng`)}
            and ${distance} <= c.radius_m
            and c.listed
            and c.service_prices[${serviceKinds.indexOf(request.service) + 1}] is not null
            and u.phone_verified_at is not null
            and p.opted_in_kinds @> '["nearby_job"]'::jsonb
            and not exists (select 1 from sms_opt_outs o where o.phone = u.phone)
            and (select count(*) from sms_messages m
                 where m.user_id = c.user_id and m.kind = 'nearby_job' and m.status <> 'suppressed'
                   and m.created_at > ${dayAgo.toISOString()}::timestamptz
                   and m.idempotency_key <> ${`nearby_job:${requestId}:`} || c.user_id::text) < ${TEXTS_PER_CARER_DAY}
          order by ${distance}, c.user_id
          limit ${TEXTS_PER_REQUEST}`,
    );
    for (const carer of carers) {
      // The distance a carer may see: to the request's approximate point, rounded to 0.5 km.
      const { distanceKm } = publicLocation(seen, { lat: carer.lat, lng: carer.lng });
      await queueSms(
        tx,
        jobs,
        env,
        {
          event: `nearby_job:${requestId}`,
          kind: "nearby_job",
          userId: carer.user_id,
          params: { requestId, service: request.service, km: distanceKm ?? 0 },
        },
        now,
      );
    }
    return carers.length;
  });
}
