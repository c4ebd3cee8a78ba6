// Cancelling a visit, by its family or its carer, with a reason: what it would cost (the page shows
// it first), then the cancellation itself through fire(), with the fee or the late flag recorded on
// the visit. A weekly series can lose one visit or the rest: then the series is marked cancelled
// under its row lock, so the generator adds no more, and every later visit is cancelled with it.
import { and, asc, eq, gte, inArray, isNull } from "drizzle-orm";
import { parents, users, visitSeries, visits, type Visit, type VisitStatus } from "~db/schema";
import type { Database } from "~/db.server";
import { cancellationConsequence, freeUntil } from "./cancellation";
import { addDays, occurrences, type VisitPattern } from "./schedule";
import { lockPartyVisit, readPartyVisit, type VisitParty, type VisitSide } from "./party.server";
import { fire, type VisitEffects } from "./transitions.server";
import { canFire } from "./visit-status";

export type CancelScope = "one" | "series";
export type CancelRefusal = "already_cancelled" | "started" | "missed" | "not_a_series";

const CANCELLABLE: VisitStatus[] = ["scheduled", "on_the_way"];

/** Why a visit in this state cannot be cancelled, or null when it can. */
function refusalOf(status: VisitStatus, side: VisitSide): Exclude<CancelRefusal, "not_a_series"> | null {
  if (canFire("cancel", status, side)) return null;
  if (status === "cancelled") return "already_cancelled";
  if (status === "missed") return "missed";
  return "started";
}

/** The visits a cancellation of `scope` would cancel, soonest first (this one included). */
async function affected(db: Database, visit: Visit, scope: CancelScope, { lock = false } = {}): Promise<Visit[]> {
  if (scope === "one" || !visit.seriesId) return [visit];
  const query = db
    .select()
    .from(visits)
    .where(
      and(
        eq(visits.seriesId, visit.seriesId),
        gte(visits.startsAt, visit.startsAt),
        inArray(visits.status, CANCELLABLE),
      ),
    )
    .orderBy(asc(visits.startsAt));
  return lock ? query.for("update") : query;
}

function totals(side: VisitSide, list: Visit[], now: Date) {
  const each = list.map((v) => cancellationConsequence(side, v, now));
  return {
    visits: list.length,
    feeCents: each.reduce((sum, c) => sum + (c.cancellationFeeCents ?? 0), 0),
    lateCount: each.filter((c) => c.lateCancellation).length,
  };
}

/** What the cancel page shows: the visit, and what cancelling it (or the rest of its series) means now. */
export async function cancellationView(db: Database, party: VisitParty, now: Date) {
  const visit = await readPartyVisit(db, party);
  const { side } = party;
  const [names] = await db
    .select({ parentName: parents.name, timeZone: parents.timeZone, carerName: users.name })
    .from(parents)
    .innerJoin(users, eq(users.id, visit.carerId))
    .where(eq(parents.id, visit.parentId));
  const refusal = refusalOf(visit.status, side);
  const rest = visit.seriesId && !refusal ? await affected(db, visit, "series") : [];
  const notYetBooked = rest.length > 0 && visit.seriesId ? await visitsNotYetMade(db, visit.seriesId, visit) : 0;
  return {
    side,
    refusal,
    visit: {
      id: visit.id,
      status: visit.status,
      service: visit.service,
      startsAt: visit.startsAt.toISOString(),
      endsAt: visit.endsAt.toISOString(),
      priceCents: visit.priceCents,
      cancellation: visit.cancellation,
      inSeries: visit.seriesId !== null,
    },
    parent: { name: names?.parentName ?? "", timeZone: names?.timeZone ?? "Asia/Shanghai" },
    carer: { name: names?.carerName ?? "" },
    freeUntil: side === "family" ? freeUntil(visit).toISOString() : null,
    one: totals(side, [visit], now),
    // The rest of the series names its visits not made yet too (the generator books four weeks ahead):
    // "8 visits" of a 12-visit series read as if four would still come. They carry no fee.
    series: rest.length > 0 ? { ...totals(side, rest, now), notYetBooked } : null,
  };
}

/** The series' occurrences after the generator's progress mark: visits it has not made yet. */
async function visitsNotYetMade(db: Database, seriesId: string, visit: Visit): Promise<number> {
  const [series] = await db.select().from(visitSeries).where(eq(visitSeries.id, seriesId));
  if (!series || series.cancelledAt) return 0;
  const pattern: VisitPattern = {
    schedule: "weekly",
    timeZone: series.timeZone,
    startDate: series.startDate,
    startMinute: series.startMinute,
    durationMinutes: Math.round((visit.endsAt.getTime() - visit.startsAt.getTime()) / 60_000),
    weekdays: series.weekdays,
    weeks: series.weeks,
  };
  return occurrences(pattern, { from: addDays(series.generatedThrough, 1) }).length;
}

export type CancelResult =
  | { ok: true; cancelled: number; feeCents: number; lateCount: number }
  | { ok: false; error: CancelRefusal };

/** Cancels the visit (or it and the rest of its series), by the side the guard found. */
export async function cancelVisit(
  db: Database,
  effects: VisitEffects,
  party: VisitParty,
  input: { reason: string; scope: CancelScope },
  now: Date,
): Promise<CancelResult> {
  const { viewer, side } = party;
  return db.transaction(async (tx) => {
    const visit = await lockPartyVisit(tx, party);
    const refusal = refusalOf(visit.status, side);
    if (refusal) return { ok: false, error: refusal };
    if (input.scope === "series") {
      if (!visit.seriesId) return { ok: false, error: "not_a_series" };
      // The generator claims a series by its progress mark and skips cancelled ones: once this
      // commits, it makes no more visits for it.
      await tx
        .update(visitSeries)
        .set({ cancelledAt: now })
        .where(and(eq(visitSeries.id, visit.seriesId), isNull(visitSeries.cancelledAt)));
    }
    const list = await affected(tx, visit, input.scope, { lock: true });
    for (const v of list) {
      const fired = await fire(
        tx,
        effects,
        v,
        "cancel",
        { kind: side, userId: viewer.id },
        {
          reason: input.reason,
          // `from`: the visit the series was cancelled from, which keys its one text (transitions.server.ts).
          data: { scope: input.scope, from: visit.id },
          set: {
            cancelledAt: now,
            cancelledBy: viewer.id,
            cancelReason: input.reason,
            ...cancellationConsequence(side, v, now),
          },
        },
        now,
      );
      // Every row is locked and was read in a cancellable state.
      if (!fired.ok) throw new Error(`cancel refused on a locked ${v.status} visit`);
    }
    return { ok: true, ...totals(side, list, now), cancelled: list.length };
  });
}
