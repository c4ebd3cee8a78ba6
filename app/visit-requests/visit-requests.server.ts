// Visit requests: families post them for a parent; carers see the open ones within their radius,
// always with the approximate location only.
import { toFen } from "~/validation/money";
import { and, desc, eq, gt, isNull, or, sql, type SQL } from "drizzle-orm";
import { carers, parents, users, visitRequests, type ServiceKind } from "~db/schema";
import { preparedQuery, preparedRows, type Database } from "~/db.server";
import { haversineSql, type SqlPoint, withinBoxSql } from "~/geo/distance.server";
import { parseClock } from "~/geo/time-zone";
import { requestStartProblem, type RequestStartProblem } from "./request-rules";
import { knownDetailsOf, maskStoredText, type PrivateDetails } from "~/chat/masking";
import type { MemberParent } from "~/parents/parents.server";
import { publicLocation } from "~/privacy/location";
import type { JobServiceFilter, JobSort } from "./sorts";
import type { VisitRequestInput } from "./schemas";

export interface RequestSchedule {
  startsAt: string | null;
  weekdays: number[] | null;
  startMinute: number | null;
  timeZone: string;
}

/**
 * Open requests one parent may have at once, and one family account across its parents. Each shows on
 * every nearby carer's jobs page: a family posting hundreds crowded out everyone else's (the class an
 * outside probe found in chat), and a parent's limit alone was a new parent away. The refusals' words
 * (requests.tooManyOpen, requests.tooManyOpenAccount) say 10 and 30.
 */
export const OPEN_REQUESTS_MAX = { parent: 10, account: 30 } as const;

export async function createVisitRequest(
  db: Database,
  parent: MemberParent,
  input: VisitRequestInput,
  now = new Date(),
): Promise<
  { ok: true; id: string } | ({ ok: false } & RequestStartProblem) | { ok: false; tooMany: "parent" | "account" }
> {
  let startsAt: Date | null = null;
  let weekdays: number[] | null = null;
  let startMinute: number | null = null;
  if (input.schedule === "once") {
    const checked = requestStartProblem(input.date ?? "", input.time, parent.timeZone, now);
    if (checked.problem) return { ok: false, ...checked.problem };
    startsAt = checked.startsAt;
  } else {
    weekdays = [...new Set(input.weekdays)].sort();
    startMinute = parseClock(input.time);
    if (startMinute === null || startMinute >= 1440) return { ok: false, field: "date", error: "errors.dateTime" };
  }
  return db.transaction(async (tx) => {
    // Counted under the poster's and the parent's row locks (in that order), so two posts at once
    // cannot both be the one over a limit. A one-off whose start has passed no longer counts: nobody
    // can take it.
    await tx.execute(sql`select id from ${users} where id = ${parent.viewer.id} for no key update`);
    await tx.execute(sql`select id from ${parents} where id = ${parent.id} for no key update`);
    const [open] = await tx
      .select({
        parent: sql<number>`count(*) filter (where ${visitRequests.parentId} = ${parent.id})`.mapWith(Number),
        account: sql<number>`count(*) filter (where ${visitRequests.createdBy} = ${parent.viewer.id})`.mapWith(Number),
      })
      .from(visitRequests)
      .where(
        and(
          or(eq(visitRequests.parentId, parent.id), eq(visitRequests.createdBy, parent.viewer.id)),
          eq(visitRequests.status, "open"),
          or(isNull(visitRequests.startsAt), gt(visitRequests.startsAt, now)),
        ),
      );
    if ((open?.parent ?? 0) >= OPEN_REQUESTS_MAX.parent) return { ok: false as const, tooMany: "parent" as const };
    if ((open?.account ?? 0) >= OPEN_REQUESTS_MAX.account) return { ok: false as const, tooMany: "account" as const };
    const [row] = await tx
      .insert(visitRequests)
      .values({
        parentId: parent.id,
        createdBy: parent.viewer.id,
        service: input.service,
        startsAt,
        weekdays,
        startMinute,
        durationMinutes: input.durationMinutes,
        budgetCents: input.budget === undefined ? null : toFen(input.budget),
        notes: input.notes ?? "",
        lat: parent.lat,
        lng: parent.lng,
      })
      .returning({ id: visitRequests.id });
    return { ok: true as const, id: row!.id };
  });
}

/** For the parent's own family: the parent's requests, newest first. */
export async function listRequestsForParent(db: Database, parent: MemberParent) {
  const rows = await preparedQuery(db, "parent_requests", (db) =>
    db
      .select({
        id: visitRequests.id,
        service: visitRequests.service,
        status: visitRequests.status,
        startsAt: visitRequests.startsAt,
        weekdays: visitRequests.weekdays,
        startMinute: visitRequests.startMinute,
        durationMinutes: visitRequests.durationMinutes,
        budgetCents: visitRequests.budgetCents,
        notes: visitRequests.notes,
        timeZone: parents.timeZone,
      })
      .from(visitRequests)
      .innerJoin(parents, eq(parents.id, visitRequests.parentId))
      .where(eq(visitRequests.parentId, sql.placeholder("parentId")))
      .orderBy(desc(visitRequests.createdAt))
      .limit(50)
      .prepare("parent_requests"),
  ).execute({ parentId: parent.id });
  // The family reads its own words; the flag says whether carers read them with something hidden.
  const known = knownDetailsOf(parent);
  return rows.map((r) => ({
    ...r,
    startsAt: r.startsAt?.toISOString() ?? null,
    notesMaskedForCarers: maskStoredText(r.notes, known).masked,
  }));
}

export const MAX_JOB_RADIUS_M = 20_000;

interface JobRow extends Record<string, unknown> {
  id: string;
  service: ServiceKind;
  starts_at: Date | string | null;
  weekdays: number[] | null;
  start_minute: number | null;
  duration_minutes: number;
  budget_cents: number | null;
  notes: string;
  /** The parent's private details, read only to mask them in the notes (knownDetailsOf): never shown. */
  private_address: string;
  private_access_notes: string;
  private_phone: string | null;
  approx_lat: number;
  approx_lng: number;
  time_zone: string;
  needs: string[];
  languages: string[];
  distance_m: number;
}

/**
 * The nearby-jobs query: open requests whose approximate point is inside the carer's circle. earth_box
 * uses the partial GiST index on open requests' approximate points; haversine trims the box's
 * corners. The exact point never leaves the database here. Exported for the benchmark.
 */
// Measured to the request's approximate point, the one carers see: deciding on the exact point would
// let a carer nudge their radius until a job appears, which measures the exact distance to the home.
const distanceFrom = (base: SqlPoint) => haversineSql(base, sql`r.approx_lat`, sql`r.approx_lng`);
const jobColumns = (distance: SQL, extra = sql``) => sql`
    select r.id, r.service, r.starts_at, r.weekdays, r.start_minute, r.duration_minutes, r.budget_cents, r.notes,
           p.address as private_address, p.access_notes as private_access_notes, p.phone as private_phone,
           r.approx_lat, r.approx_lng, p.time_zone, p.needs, p.languages, ${distance} as distance_m${extra}
    from visit_requests r
    join parents p on p.id = r.parent_id`;

/** A carer's base and radius: numbers, or the columns of the carer's row in scope. */
type SqlBase = SqlPoint & { radiusM: number | SQL };

/**
 * When a job next starts after `now`: a one-off's start, or a weekly pattern's next weekday at its
 * start minute in the parent's zone (today's, if that is still to come). Sorting by start puts a
 * weekly job by when it next happens, not after every one-off. A wall-clock time a spring-forward
 * skips is read as PostgreSQL reads it; the order is all it decides.
 */
function nextStartSql(now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const candidate = sql`(date_trunc('day', l.local) + make_interval(days => (wd - extract(dow from l.local)::int + 7) % 7, mins => r.start_minute))`;
  // Instants are compared, not wall-clock times, so an hour the clocks go back through twice is not
  // judged passed while its second run is still to come. A zone the database does not know gives no
  // next start (kinvisit_time_zone, migration 0014): last.
  return sql`coalesce(r.starts_at, (
      select min(case when (${candidate} at time zone z.tz) > ${at} then ${candidate} at time zone z.tz
                      else (${candidate} + interval '7 days') at time zone z.tz end)
      from (select kinvisit_time_zone(p.time_zone) as tz) z
      cross join lateral (select ${at} at time zone z.tz as local) l
      cross join unnest(r.weekdays) wd))`;
}

/** A weekly request, or a one-off whose start is after `now`: a job a carer can still take. */
const stillToCome = (now: Date) => sql`(r.starts_at is null or r.starts_at > ${now.toISOString()}::timestamptz)`;

/** How far ahead a weekly job is compared with the carer's bookings: the next four weeks. */
const WEEKLY_CLASH_DAYS = 28;

/**
 * Whether the carer (`carerId`, a column or a value) is booked at a job's time, over the job's output
 * columns in `j`: a one-off overlaps one of their visits still to end; a weekly job's days and hours
 * overlap one in the next four weeks, compared as minutes of the week on the parent's clock (so a job
 * or a visit that runs past midnight, or past Saturday night, meets the next day's). The carer sees it
 * before opening the job; the offer warns again, with the visits (app/chat/offers.server.ts).
 */
function clashSql(carerId: SQL, now: Date) {
  const at = sql`${now.toISOString()}::timestamptz`;
  const local = sql`(v.starts_at at time zone kinvisit_time_zone(j.time_zone))`;
  const visitStart = sql`(extract(dow from ${local}) * 1440 + extract(hour from ${local}) * 60 + extract(minute from ${local}))`;
  const lengthMinutes = sql`(extract(epoch from v.ends_at - v.starts_at) / 60)`;
  const jobStart = sql`(wd * 1440 + j.start_minute)`;
  return sql`exists (select 1 from visits v
      where v.carer_id = ${carerId} and v.status in ('scheduled', 'on_the_way', 'in_progress') and v.ends_at > ${at}
        and case when j.starts_at is not null
          then v.starts_at < j.starts_at + make_interval(mins => j.duration_minutes) and v.ends_at > j.starts_at
          else v.starts_at < ${at} + make_interval(days => ${WEEKLY_CLASH_DAYS})
            and exists (select 1 from unnest(j.weekdays) wd cross join (values (-10080), (0), (10080)) week(shift)
              where ${visitStart} + week.shift < ${jobStart} + j.duration_minutes
                and ${jobStart} < ${visitStart} + week.shift + ${lengthMinutes})
          end)`;
}

/** The list's order, over a job's output columns (`j.` when they come out of a subquery `j`). */
function jobOrder(sort: JobSort, of = "") {
  const col = (name: string) => sql.raw(`${of}${name}`);
  return sort === "start"
    ? sql`${col("next_start")} asc nulls last, ${col("distance_m")} asc, ${col("id")}`
    : sql`${col("distance_m")} asc, ${col("id")}`;
}

export function nearbyJobsSql(base: SqlBase, sort: JobSort, limit: number, now: Date, also?: SQL) {
  const distance = distanceFrom(base);
  const order = jobOrder(sort);
  // Only the start order needs the next start (a subquery per job in the circle).
  const columns = jobColumns(distance, sort === "start" ? sql`, ${nextStartSql(now)} as next_start` : undefined);
  return sql`${columns}
    where r.status = 'open'
      and ${stillToCome(now)}
      and ${withinBoxSql(base, base.radiusM, sql`r.approx_lat`, sql`r.approx_lng`)}
      and ${distance} <= ${base.radiusM}::float8
      ${also ? sql`and ${also}` : sql``}
    order by ${order}
    limit ${limit}`;
}

/**
 * The page's one statement: the carer's base (their own, so it centres their map) and the jobs in
 * their circle, found from that row (a parameterised GiST scan), each saying whether the carer offers
 * its service. No row: the carer has no profile; a row with a null id: a base and no jobs.
 */
export function carerNearbyJobsSql(
  carerId: string,
  sort: JobSort,
  limit: number,
  now: Date,
  show: JobServiceFilter = "all",
) {
  const base = { lat: sql`b.lat`, lng: sql`b.lng`, radiusM: sql`b.radius_m` };
  const offers = (service: SQL) =>
    sql`exists (select 1 from carer_services s where s.carer_id = b.user_id and s.service = ${service})`;
  // The lateral subquery's order is not the statement's: the outer one says it again.
  return sql`select b.lat as base_lat, b.lng as base_lng, b.radius_m as base_radius_m,
           ${offers(sql`j.service`)} as offered, ${clashSql(sql`b.user_id`, now)} as clashes, j.*
    from carers b
    left join lateral (${nearbyJobsSql(base, sort, limit, now, show === "mine" ? offers(sql`r.service`) : undefined)}) j on true
    where b.user_id = ${carerId}
    order by ${jobOrder(sort, "j.")}`;
}

/** A row of carerNearbyJobsSql: the base, and a job's columns (all null when there is no job). */
interface BaseJobRow extends Record<string, unknown> {
  id: string | null;
  offered: boolean;
  clashes: boolean;
  base_lat: number;
  base_lng: number;
  base_radius_m: number;
}

const privateDetailsOf = (row: JobRow): PrivateDetails => ({
  address: row.private_address,
  accessNotes: row.private_access_notes,
  phone: row.private_phone,
});

function toPublicJob(row: JobRow, from: { lat: number; lng: number }) {
  // An approximate point is its own approximate point: publicLocation rounds it and the distance.
  const { approx, distanceKm } = publicLocation({ lat: row.approx_lat, lng: row.approx_lng }, from);
  return {
    id: row.id,
    service: row.service,
    schedule: {
      startsAt: row.starts_at ? new Date(row.starts_at).toISOString() : null,
      weekdays: row.weekdays,
      startMinute: row.start_minute,
      timeZone: row.time_zone,
    } satisfies RequestSchedule,
    durationMinutes: row.duration_minutes,
    budgetCents: row.budget_cents,
    // Every carer who sees a job is unbooked (booking closes the request): the notes are masked as
    // chat is before a booking, whatever the family typed despite the form's hint, and the parent's
    // own address, codes and phone however they are written. Masked on reading, so a better mask
    // covers requests already posted.
    notes: maskStoredText(row.notes, knownDetailsOf(privateDetailsOf(row))).text,
    needs: row.needs,
    languages: row.languages,
    approx,
    distanceKm: distanceKm!,
  };
}

export type PublicJob = ReturnType<typeof toPublicJob>;

async function carerBase(db: Database, carerId: string) {
  const [base] = await preparedQuery(db, "carer_base", (db) =>
    db
      .select({ lat: carers.lat, lng: carers.lng, radiusM: carers.radiusM })
      .from(carers)
      .where(eq(carers.userId, sql.placeholder("carerId")))
      .limit(1)
      .prepare("carer_base"),
  ).execute({ carerId });
  return base ?? null;
}

/**
 * Open requests within the carer's radius (`show`: all of them, or only for the services the carer
 * offers), each with whether the carer offers its service and is booked at its time; null when the carer has no profile (no
 * base) yet.
 */
export async function nearbyJobs(
  db: Database,
  carerId: string,
  sort: JobSort,
  now: Date,
  { limit = 50, show = "all" }: { limit?: number; show?: JobServiceFilter } = {},
) {
  const rows = await preparedRows<BaseJobRow>(db, carerNearbyJobsSql(carerId, sort, limit, now, show));
  const first = rows[0];
  if (!first) return null;
  const base = { lat: first.base_lat, lng: first.base_lng, radiusM: first.base_radius_m };
  const jobs = rows
    .filter((r) => r.id !== null)
    .map((r) => ({ ...toPublicJob(r as unknown as JobRow, base), offered: r.offered, clashes: r.clashes }));
  return { base, jobs };
}

/**
 * One request as a carer sees it, with whether they offer its service and are booked at its time: only when it is open, still to
 * come at `now` (as the list has it) and inside their radius; otherwise null.
 */
export async function getJobForCarer(db: Database, carerId: string, requestId: string, now: Date) {
  const base = await carerBase(db, carerId);
  if (!base) return null;
  const distance = distanceFrom(base);
  const rows = await preparedRows<JobRow & { offered: boolean; clashes: boolean }>(
    db,
    sql`select j.*, exists (select 1 from carer_services s where s.carer_id = ${carerId} and s.service = j.service)
             as offered, ${clashSql(sql`${carerId}`, now)} as clashes
        from (${jobColumns(distance)}
          where r.id = ${requestId} and r.status = 'open' and ${stillToCome(now)}
            and ${distance} <= ${base.radiusM}::float8) j`,
  );
  const row = rows[0];
  return row ? { ...toPublicJob(row, base), offered: row.offered, clashes: row.clashes } : null;
}

/**
 * Cancels one of the parent's open requests. Null when the parent has no such request (another
 * parent's id, or none): nothing changed, and the page must not say it did. One cancelled already is
 * "cancelled": a second tap, or a retry, has had its effect. One booked meanwhile (from another tab, or
 * by another of the family) is "booked": nothing changed, and the family must not read that it was
 * cancelled while the visit stands (an outside probe).
 */
export async function closeVisitRequest(
  db: Database,
  parent: MemberParent,
  requestId: string,
): Promise<"cancelled" | "booked" | null> {
  const closed = await db
    .update(visitRequests)
    .set({ status: "cancelled" })
    .where(
      and(eq(visitRequests.id, requestId), eq(visitRequests.parentId, parent.id), eq(visitRequests.status, "open")),
    )
    .returning({ id: visitRequests.id });
  if (closed.length > 0) return "cancelled";
  const [theirs] = await db
    .select({ status: visitRequests.status })
    .from(visitRequests)
    .where(and(eq(visitRequests.id, requestId), eq(visitRequests.parentId, parent.id)));
  if (!theirs) return null;
  return theirs.status === "cancelled" ? "cancelled" : "booked";
}
