// The visiting-time ledger of one parent: a month's visits with their EVV record, the family's own
// visits and calls, and the twelve months that end with it, for the chart. Two queries a page, both
// on (parent_id, time) indexes; the rules (what is verified, the sums) are in ledger.ts. Functions
// take the MemberParent the route's guard returned, so none can run without the access check.
import { and, asc, eq, gte, isNotNull, lt } from "drizzle-orm";
import { familyContacts, users, visits } from "~db/schema";
import type { Database } from "~/db.server";
import { zonedTimeToUtc } from "~/geo/time-zone";
import type { MemberParent } from "~/parents/parents.server";
import { dateIn } from "~/geo/time-zone";
import { placeExceptions } from "~/visits/exceptions";
import {
  addMonths,
  chartMonths,
  contactDateRange,
  goalProgress,
  isVerified,
  notCountedBecause,
  monthOf,
  monthRange,
  monthTotals,
  visitMinutes,
} from "./ledger";
import type { ContactInput } from "./schemas";

const DAY_MS = 86_400_000;

/**
 * The visits checked in within [from, to), read through visits_parent_starts_idx: a visit is checked
 * in within hours of its start, so a day either side of the range holds every check-in inside it.
 */
export function ledgerVisitsQuery(db: Database, parentId: string, from: Date, to: Date) {
  return db
    .select({
      id: visits.id,
      status: visits.status,
      service: visits.service,
      startsAt: visits.startsAt,
      endsAt: visits.endsAt,
      checkedInAt: visits.checkedInAt,
      checkedOutAt: visits.checkedOutAt,
      checkInAccuracyM: visits.checkInAccuracyM,
      checkInDistanceM: visits.checkInDistanceM,
      checkInReason: visits.checkInReason,
      checkOutAccuracyM: visits.checkOutAccuracyM,
      checkOutDistanceM: visits.checkOutDistanceM,
      checkOutReason: visits.checkOutReason,
      gpsFlagged: visits.gpsFlagged,
      carerName: users.name,
    })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.carerId))
    .where(
      and(
        eq(visits.parentId, parentId),
        gte(visits.startsAt, new Date(from.getTime() - DAY_MS)),
        lt(visits.startsAt, new Date(to.getTime() + DAY_MS)),
        isNotNull(visits.checkedInAt),
        gte(visits.checkedInAt, from),
        lt(visits.checkedInAt, to),
      ),
    )
    .orderBy(asc(visits.checkedInAt));
}

export async function ledgerMonth(
  db: Database,
  parent: MemberParent,
  month: string,
  now: Date,
  { radiusM }: { radiusM?: number } = {},
) {
  const zone = parent.timeZone;
  const months = chartMonths(month);
  const from = monthRange(months[0]!, zone).from;
  const to = monthRange(month, zone).to;
  const visitRows = await ledgerVisitsQuery(db, parent.id, from, to);
  const contactRows = await db
    .select({
      id: familyContacts.id,
      kind: familyContacts.kind,
      at: familyContacts.at,
      minutes: familyContacts.minutes,
      note: familyContacts.note,
      byName: users.name,
    })
    .from(familyContacts)
    .innerJoin(users, eq(users.id, familyContacts.userId))
    .where(and(eq(familyContacts.parentId, parent.id), gte(familyContacts.at, from), lt(familyContacts.at, to)))
    .orderBy(asc(familyContacts.at));

  const visitsByMonth = groupBy(visitRows, (v) => monthOf(zone, v.checkedInAt!));
  const contactsByMonth = groupBy(contactRows, (c) => monthOf(zone, c.at));
  const visitsIn = (m: string) => visitsByMonth.get(m) ?? [];
  const contactsIn = (m: string) => contactsByMonth.get(m) ?? [];
  const chart = months.map((m) => {
    const totals = monthTotals(visitsIn(m), contactsIn(m), radiusM);
    return {
      month: m,
      verifiedVisits: totals.verifiedVisits,
      verifiedMinutes: totals.verifiedMinutes,
      familyMinutes: totals.familyVisitMinutes,
    };
  });
  const shown = visitsIn(month);
  const contacts = contactsIn(month);
  const totals = monthTotals(shown, contacts, radiusM);
  const current = monthOf(zone, now);
  return {
    month,
    previous: addMonths(month, -1),
    next: month < current ? addMonths(month, 1) : null,
    totals,
    goal: { visits: parent.visitGoalVisits, minutes: parent.visitGoalMinutes },
    progress: goalProgress(totals, { visits: parent.visitGoalVisits, minutes: parent.visitGoalMinutes }),
    chart,
    record: shown.map((v) => {
      const checkIn = {
        at: v.checkedInAt,
        accuracyM: v.checkInAccuracyM,
        distanceM: v.checkInDistanceM,
        reason: v.checkInReason,
      };
      const checkOut = {
        at: v.checkedOutAt,
        accuracyM: v.checkOutAccuracyM,
        distanceM: v.checkOutDistanceM,
        reason: v.checkOutReason,
      };
      // Both ends of the visit, as the visit's own record shows them (PRODUCT §5: the end location
      // and the reason for an exception belong to the EVV data as much as the start's).
      const end = (p: typeof checkIn) => ({
        accuracyM: p.accuracyM,
        distanceM: p.distanceM,
        reason: p.reason,
        exceptions: placeExceptions(p),
      });
      return {
        id: v.id,
        service: v.service,
        carerName: v.carerName,
        checkedInAt: v.checkedInAt!.toISOString(),
        checkedOutAt: v.checkedOutAt?.toISOString() ?? null,
        minutes: visitMinutes(v),
        checkIn: end(checkIn),
        checkOut: v.checkedOutAt ? end(checkOut) : null,
        verified: isVerified(v, radiusM),
        notCounted: v.status === "in_progress" ? null : notCountedBecause(v, radiusM),
        underWay: v.status === "in_progress",
      };
    }),
    contacts: contacts.map((c) => ({ ...c, at: c.at.toISOString() })),
  };
}

function groupBy<T>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

export type LogContactResult = { ok: true; id: string } | { ok: false; error: "future" | "too_old" };

/** The family's own visit or call, logged by hand (at noon of the day, in the parent's zone). */
export async function logContact(
  db: Database,
  parent: MemberParent,
  input: Pick<ContactInput, "kind" | "date" | "minutes" | "note">,
  now: Date,
): Promise<LogContactResult> {
  const range = contactDateRange(dateIn(parent.timeZone, now));
  if (input.date > range.max) return { ok: false, error: "future" };
  if (input.date < range.min) return { ok: false, error: "too_old" };
  const at = zonedTimeToUtc(input.date, "12:00", parent.timeZone) ?? now;
  const [row] = await db
    .insert(familyContacts)
    .values({
      parentId: parent.id,
      userId: parent.viewer.id,
      kind: input.kind,
      at,
      minutes: input.minutes,
      note: input.note ?? "",
    })
    .returning({ id: familyContacts.id });
  return { ok: true, id: row!.id };
}

/** Removes one of this parent's logged contacts; another parent's id removes nothing. */
export async function removeContact(db: Database, parent: MemberParent, contactId: string): Promise<boolean> {
  const gone = await db
    .delete(familyContacts)
    .where(and(eq(familyContacts.id, contactId), eq(familyContacts.parentId, parent.id)))
    .returning({ id: familyContacts.id });
  return gone.length > 0;
}
