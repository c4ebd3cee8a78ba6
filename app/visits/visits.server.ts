// Booked visits as each side sees them. A visit is visible to its carer and to the parent's family;
// anyone else gets null (a 404). The carer sees the parent's home only inside the access window of
// the privacy rule, and every such read is recorded.
import { and, asc, desc, eq, gt, inArray, notInArray, type SQL, sql } from "drizzle-orm";
import { parentAccessLog, parentMembers, parents, users, visitSeries, visits } from "~db/schema";
import { preparedQuery, queryRows, type Database } from "~/db.server";
import { recordHomeRead } from "~/admin/audit.server";
import type { MemberParent } from "~/parents/parents.server";
import { canSeeParentExact, publicLocation, type Viewer } from "~/privacy/location";
import { ACTIVE_STATES } from "./visit-status";
import { knownDetailsOfParent } from "~/chat/known-details.server";
import { maskStoredText } from "~/chat/masking";

/**
 * The end of a carer's access to a parent's home: the latest, over that carer's visits to the
 * parent, of when the visit was closed (cancelled or checked out), or 24 hours after its scheduled
 * end if it never was. The SQL twin of carerAccessEnds (app/privacy/location.ts); a test holds the
 * two equal.
 */
export async function carerAccessUntil(db: Database, carerId: string, parentId: string): Promise<Date | null> {
  return (await carerAccessGrant(db, carerId, parentId))?.until ?? null;
}

/** When visit `v` (a table alias) closes the home to its carer: carerAccessEnds in SQL. */
const accessEndOf = (v: string) =>
  sql.raw(
    `least(coalesce(${v}.cancelled_at, ${v}.checked_out_at, ${v}.ends_at + interval '24 hours'), ${v}.ends_at + interval '24 hours')`,
  );

/**
 * Whether the carer `carerId` (an SQL expression) may see the home of parent `parentId` (one too) at
 * `now`: a visit of theirs to that parent not yet closed (carerAccessUntil, for a list's every row).
 */
export function carerSeesHomeSql(carerId: SQL, parentId: SQL, now: Date): SQL<boolean> {
  return sql<boolean>`exists (select 1 from visits v where v.carer_id = ${carerId} and v.parent_id = ${parentId}
    and ${accessEndOf("v")} > ${now.toISOString()}::timestamptz)`;
}

/**
 * carerAccessUntil, with the visit whose end it is, and `ownUntil`: the end of `ownVisitId`'s own
 * window (the page says which visit keeps the home open once this one's window is over).
 */
async function carerAccessGrant(
  db: Database,
  carerId: string,
  parentId: string,
  ownVisitId?: string,
): Promise<{ until: Date; visitId: string; startsAt: Date; ownUntil: Date | null } | null> {
  const [row] = await queryRows<{
    until: Date | string;
    id: string;
    starts_at: Date | string;
    own_until: Date | string | null;
  }>(
    db,
    sql`with windows as (
          select id, starts_at, ${accessEndOf("v")} as until
          from visits v where carer_id = ${carerId} and parent_id = ${parentId}
        )
        select until, id, starts_at, (select until from windows where id = ${ownVisitId ?? null}) as own_until
        from windows
        order by until desc, (id = ${ownVisitId ?? null}) is true desc, starts_at desc limit 1`,
  );
  if (!row) return null;
  return {
    until: new Date(row.until),
    visitId: row.id,
    startsAt: new Date(row.starts_at),
    ownUntil: row.own_until ? new Date(row.own_until) : null,
  };
}

/**
 * How a visit's agreed tasks (and the log's ticked ones) read to the viewer: as typed, except to a
 * carer whose access to the home has ended, to whom they are masked on the parent's own details, as
 * the chat masks them. A door code typed into an offer's tasks stayed on the carer's visit and log
 * pages after the visit was cancelled, when the home section was withheld (an outside probe).
 * `homeShown`: whether the page already found the home visible (homeFor), to spare the check.
 */
export async function taskTextFor(
  db: Database,
  access: TaskReader,
  now: Date,
  homeShown?: boolean,
): Promise<(task: string) => string> {
  const asTyped = (task: string) => task;
  if (access.side !== "carer" || homeShown) return asTyped;
  if (homeShown === undefined) {
    const until = await carerAccessUntil(db, access.visit.carerId, access.visit.parentId);
    if (canSeeParentExact(access.viewer, { memberRole: null, carerAccessUntil: until }, now)) return asTyped;
  }
  return maskedTaskText(db, access);
}

interface TaskReader {
  side: "carer" | "family";
  viewer: Viewer;
  visit: { carerId: string; parentId: string; terms: { tasks: string[] } };
}

/**
 * The agreed tasks masked on the parent's details, each its own label: two tasks that differ only in
 * what is masked ("Text 138… after", "Text 139… after") would read alike, and the log form's boxes,
 * which carry the label, would stand for one task only (a review). Text that is no agreed task (none
 * is expected) is masked as it is.
 */
async function maskedTaskText(db: Database, access: TaskReader): Promise<(task: string) => string> {
  const known = await knownDetailsOfParent(db, access.visit.parentId);
  const labels = new Map<string, string>();
  const taken = new Set<string>();
  for (const task of access.visit.terms.tasks) {
    if (labels.has(task)) continue;
    const masked = maskStoredText(task, known).text;
    let label = masked;
    for (let n = 2; taken.has(label); n++) label = `${masked} (${n})`;
    taken.add(label);
    labels.set(task, label);
  }
  return (task) => labels.get(task) ?? maskStoredText(task, known).text;
}

/**
 * The agreed tasks the log form's ticked boxes stand for, or null if one stands for none. A box carries
 * the task as typed while the carer may see the home, its masked label once that has ended; the label
 * is taken either way (a form drawn before access came back), the task as typed only while the carer
 * may see the home: taken after, it would tell a guessed door code right.
 */
export async function agreedTasksOf(
  db: Database,
  access: TaskReader,
  ticked: string[],
  now: Date,
): Promise<string[] | null> {
  const agreed = access.visit.terms.tasks;
  const shown = await taskTextFor(db, access, now);
  // The carer reads the tasks as typed: they may see the home, or nothing in the tasks is masked.
  const asTyped = agreed.every((t) => shown(t) === t);
  if (asTyped && ticked.every((value) => agreed.includes(value))) return ticked;
  const label = asTyped ? await maskedTaskText(db, access) : shown;
  const byLabel = new Map(agreed.map((task) => [label(task), task]));
  const tasks = ticked.map((value) => byLabel.get(value) ?? (asTyped && agreed.includes(value) ? value : undefined));
  return tasks.every((t) => t !== undefined) ? (tasks as string[]) : null;
}

/**
 * The weekly series a visit belongs to, as its visit page says it: its days, hours and weeks from its
 * start date, and whether it was cancelled. Only its next four weeks exist as visits (the generator
 * books ahead), so the page says what the rest will be. Read through a visit the viewer may see.
 */
export async function seriesOfVisit(db: Database, seriesId: string) {
  const [row] = await db
    .select({
      startDate: visitSeries.startDate,
      startMinute: visitSeries.startMinute,
      weekdays: visitSeries.weekdays,
      weeks: visitSeries.weeks,
      cancelled: sql<boolean>`${visitSeries.cancelledAt} is not null`,
      // Every visit of it booked already: its last day is generated (a walk read "the later ones
      // appear as their week comes" under a four-week series whose eight visits were all listed).
      allBooked: sql<boolean>`${visitSeries.generatedThrough} >= ${visitSeries.startDate} + (${visitSeries.weeks} * 7 - 1)`,
    })
    .from(visitSeries)
    .where(eq(visitSeries.id, seriesId));
  return row ?? null;
}

/**
 * The parent's home for this viewer: exact for the family; for the carer only during the access
 * window (and the read is logged); otherwise the approximate point. A carer gets the door code, the
 * parent's phone and the emergency contacts with the address, as the visit needs them.
 */
export async function homeFor(
  db: Database,
  viewer: Viewer,
  visit: { id: string; parentId: string; carerId: string },
  who: { isFamily: boolean; memberRole: "owner" | "member" | null },
  now: Date,
) {
  const grant = who.isFamily ? null : await carerAccessGrant(db, visit.carerId, visit.parentId, visit.id);
  const until = grant?.until ?? null;
  const entitled = canSeeParentExact(viewer, { memberRole: who.memberRole, carerAccessUntil: until }, now);
  const [p] = await preparedQuery(db, "visit_home", (db) =>
    db
      .select({
        lat: parents.lat,
        lng: parents.lng,
        address: parents.address,
        accessNotes: parents.accessNotes,
        phone: parents.phone,
        emergencyContacts: parents.emergencyContacts,
      })
      .from(parents)
      .where(eq(parents.id, sql.placeholder("parentId")))
      .prepare("visit_home"),
  ).execute({ parentId: visit.parentId });
  if (!p) return null;
  if (!entitled) return { exact: false as const, point: publicLocation(p).approx, until: null };
  if (!who.isFamily) {
    await db
      .insert(parentAccessLog)
      .values({ viewerId: viewer.id, parentId: visit.parentId, visitId: visit.id, what: "home", at: now });
  }
  // Every exact read, the family's too, goes to the audit log (the page calls this once per request).
  await recordHomeRead(db, viewer, visit.parentId, { via: "visit", visitId: visit.id }, now);
  return {
    exact: true as const,
    point: { lat: p.lat, lng: p.lng },
    address: p.address,
    accessNotes: p.accessNotes,
    phone: p.phone,
    emergencyContacts: p.emergencyContacts,
    ...accessWindow(grant, visit.id, now),
  };
}

/**
 * What the carer's page says of the window: while this visit's own is open, its end (and the later
 * visit that keeps the home open after it, if any); once it is over, the end of the other visit's
 * that keeps it open, and that visit. (The family gets neither: nothing ends their access.)
 */
function accessWindow(
  grant: Awaited<ReturnType<typeof carerAccessGrant>>,
  visitId: string,
  now: Date,
): { until: string | null; otherVisit: { id: string; startsAt: string; after: boolean } | null } {
  if (!grant) return { until: null, otherVisit: null };
  const other = grant.visitId === visitId ? null : { id: grant.visitId, startsAt: grant.startsAt.toISOString() };
  const ownOpen = grant.ownUntil !== null && now < grant.ownUntil;
  if (ownOpen) return { until: grant.ownUntil!.toISOString(), otherVisit: other && { ...other, after: true } };
  return { until: grant.until.toISOString(), otherVisit: other && { ...other, after: false } };
}

/** What a list of visits shows of each: the lists of a parent's and of a carer's visits. */
export const visitListColumns = {
  id: visits.id,
  status: visits.status,
  service: visits.service,
  startsAt: visits.startsAt,
  endsAt: visits.endsAt,
};

/** The carer's visits from today on, soonest first. */
export async function upcomingVisitsForCarer(db: Database, carerId: string, now: Date, limit = 50) {
  return db
    .select({ ...visitListColumns, parentName: parents.name, timeZone: parents.timeZone })
    .from(visits)
    .innerJoin(parents, eq(parents.id, visits.parentId))
    .where(and(eq(visits.carerId, carerId), inArray(visits.status, ACTIVE_STATES), gt(visits.endsAt, now)))
    .orderBy(asc(visits.startsAt))
    .limit(limit);
}

/**
 * A parent's visits for the family, in one statement: the ones still to come or under way
 * (scheduled, on the way, in progress), soonest first, and the latest others (done, confirmed,
 * disputed, missed, cancelled), newest first. By state, not by the clock: a visit checked out
 * before its booked end, or cancelled for next week, is not "upcoming". The join on the viewer's
 * membership scopes the read to the parent's family, whoever calls it.
 */
export async function visitsForParent(db: Database, parent: MemberParent, limit = 20) {
  const rows = await preparedQuery(db, "parent_visits", (db) => {
    const side = (active: boolean, order: SQL) =>
      db
        .select({ ...visitListColumns, carerName: users.name })
        .from(visits)
        .innerJoin(
          parentMembers,
          and(eq(parentMembers.parentId, visits.parentId), eq(parentMembers.userId, sql.placeholder("viewerId"))),
        )
        .innerJoin(users, eq(users.id, visits.carerId))
        .where(
          and(
            eq(visits.parentId, sql.placeholder("parentId")),
            active ? inArray(visits.status, [...ACTIVE_STATES]) : notInArray(visits.status, [...ACTIVE_STATES]),
          ),
        )
        .orderBy(order)
        .limit(sql.placeholder("limit"));
    return side(true, asc(visits.startsAt))
      .unionAll(side(false, desc(visits.startsAt)))
      .prepare("parent_visits");
  }).execute({ parentId: parent.id, viewerId: parent.viewer.id, limit });
  const upcoming = rows.filter((r) => ACTIVE_STATES.includes(r.status));
  const past = rows.filter((r) => !ACTIVE_STATES.includes(r.status));
  // A union keeps no order of its own.
  upcoming.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  past.sort((a, b) => b.startsAt.getTime() - a.startsAt.getTime());
  return { upcoming, past };
}
