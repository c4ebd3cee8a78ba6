// The carer's taps and the position shared on the way, against the database. A tap runs under the
// visit's row lock: the idempotency key is looked up first (a repeat gets the first answer and
// changes nothing), then the rules of taps.ts decide, fire() moves the visit and writes the event, and
// the key is stored with its answer, all in one transaction. Only the server's clock is written.
import { and, eq, sql } from "drizzle-orm";
import { parents, visitActions, visitLogs, visitPositions, visits } from "~db/schema";
import { type Database, preparedQuery } from "~/db.server";
import type { VisitAccess } from "./access.server";
import { canSeeParentExact } from "~/privacy/location";
import { carerAccessUntil } from "./visits.server";
import { etaMinutes } from "./geofence";
import { decideTap, deviceTimeInFuture, type Fix, POSITION_EVERY_MS, type Tap, type TapError } from "./taps";
import { fire, lockVisit, type VisitEffects, visitTopic } from "./transitions.server";

/** What a tap answered: stored with its key and handed back to every repeat. */
export interface TapOutcome {
  [field: string]: string | number | boolean | null;
  tap: Tap;
  status: string;
  /** The server's time of the tap (ISO). */
  at: string;
  distanceM: number | null;
  inside: boolean | null;
  flagged: boolean;
  etaMinutes: number | null;
  minutes: number | null;
  /** At check-out: whether the visit's log was written already (the toast asks for it otherwise). */
  logWritten: boolean | null;
}

export type TapResult =
  | { ok: true; outcome: TapOutcome; repeated: boolean }
  | { ok: false; error: TapError | "not_allowed" | "key_reused" | "stale"; distanceM?: number };

export interface TapCommand {
  tap: Tap;
  key: string;
  fix: Fix | null;
  reason: string | null;
  deviceTime: Date | null;
  /** The carer ticked "the visit ends early" (taps.ts, EARLY_CHECK_OUT_MS). */
  endEarly?: boolean;
}

/** Only the visit's carer taps; the family sees the buttons' results, never the buttons. */
export async function recordTap(
  db: Database,
  effects: VisitEffects,
  access: VisitAccess,
  command: TapCommand,
  config: { radiusM: number },
  now = new Date(),
): Promise<TapResult> {
  if (access.side !== "carer") return { ok: false, error: "not_allowed" };
  return db.transaction(async (tx): Promise<TapResult> => {
    // The lock orders two taps on one visit: the second waits, then finds the first one's key.
    const visit = await lockVisit(tx, access.visit.id);
    if (!visit) return { ok: false, error: "stale" };
    const [seen] = await tx.select().from(visitActions).where(eq(visitActions.key, command.key));
    if (seen) {
      if (seen.visitId !== visit.id || seen.action !== command.tap) return { ok: false, error: "key_reused" };
      return { ok: true, outcome: seen.outcome as TapOutcome, repeated: true };
    }
    const [home] = await tx
      .select({ lat: parents.lat, lng: parents.lng })
      .from(parents)
      .where(eq(parents.id, visit.parentId));
    if (!home) return { ok: false, error: "stale" };
    // Past the carer's window on the home, a check-out's answer says nothing of where it is (decideTap).
    const homeHidden =
      command.tap === "check_out" &&
      !canSeeParentExact(
        access.viewer,
        { memberRole: null, carerAccessUntil: await carerAccessUntil(tx, visit.carerId, visit.parentId) },
        now,
      );
    const decision = decideTap(visit, command.tap, command, home, config.radiusM, now, { homeHidden });
    if (!decision.ok) return decision;
    const fired = await fire(
      tx,
      effects,
      visit,
      command.tap,
      { kind: "carer", userId: access.viewer.id },
      { reason: decision.reason, data: decision.data, set: decision.set },
      now,
    );
    if (!fired.ok) return { ok: false, error: fired.error === "stale" ? "stale" : "wrong_state" };
    if (command.tap === "start_travel" && command.fix) {
      // The first position of the journey, for the family's map.
      await tx
        .insert(visitPositions)
        .values({ visitId: visit.id, ...command.fix, at: now })
        .onConflictDoUpdate({ target: visitPositions.visitId, set: { ...command.fix, at: now } });
    }
    const moved = fired.visit;
    const outcome: TapOutcome = {
      tap: command.tap,
      status: moved.status,
      at: now.toISOString(),
      distanceM: decision.distanceM,
      inside: decision.inside,
      flagged: decision.flagged,
      etaMinutes: decision.etaMinutes,
      minutes:
        moved.checkedInAt && moved.checkedOutAt
          ? Math.round((moved.checkedOutAt.getTime() - moved.checkedInAt.getTime()) / 60_000)
          : null,
      logWritten:
        command.tap === "check_out"
          ? (await tx.select({ id: visitLogs.visitId }).from(visitLogs).where(eq(visitLogs.visitId, visit.id))).length >
            0
          : null,
    };
    await tx
      .insert(visitActions)
      .values({ key: command.key, visitId: visit.id, action: command.tap, outcome, at: now });
    return { ok: true, outcome, repeated: false };
  });
}

export type PositionResult =
  | { ok: true; etaMinutes: number | null }
  | { ok: false; error: "not_allowed" | "not_on_the_way" | "too_soon" | "device_time_future" };

/**
 * The carer's latest position while on the way: one row per visit, replaced at most every 30 s
 * (server time), only while the visit is on the way. The notice says only that it moved; each
 * family stream reads the row itself (positionForFamily), so the point never passes through NOTIFY.
 */
export async function sharePosition(
  db: Database,
  effects: Pick<VisitEffects, "hub">,
  access: VisitAccess,
  fix: Fix,
  deviceTime: Date | null,
  now = new Date(),
): Promise<PositionResult> {
  if (access.side !== "carer") return { ok: false, error: "not_allowed" };
  if (deviceTimeInFuture(deviceTime, now)) return { ok: false, error: "device_time_future" };
  return db.transaction(async (tx): Promise<PositionResult> => {
    // Under the visit's lock: a check-in (which deletes the row) cannot slip between the check and the write.
    const visit = await lockVisit(tx, access.visit.id);
    if (visit?.status !== "on_the_way") return { ok: false, error: "not_on_the_way" };
    const due = new Date(now.getTime() - POSITION_EVERY_MS);
    const [stored] = await tx
      .insert(visitPositions)
      .values({ visitId: visit.id, ...fix, at: now })
      .onConflictDoUpdate({
        target: visitPositions.visitId,
        set: { ...fix, at: now },
        setWhere: sql`${visitPositions.at} <= ${due.toISOString()}::timestamptz`,
      })
      .returning({ at: visitPositions.at });
    if (!stored) return { ok: false, error: "too_soon" };
    const [home] = await tx
      .select({ lat: parents.lat, lng: parents.lng })
      .from(parents)
      .where(eq(parents.id, visit.parentId));
    await effects.hub.notify(tx, { topic: visitTopic(visit.id), seq: 0, kind: "position" });
    return { ok: true, etaMinutes: home ? etaMinutes(fix, home) : null };
  });
}

export interface LivePosition {
  lat: number;
  lng: number;
  accuracyM: number;
  at: string;
  /** Null when too far for an estimate (geofence.ts). */
  etaMinutes: number | null;
}

/**
 * The carer's live position, for the visit's family only, and only while the visit is on the way
 * (the status and the row change together at check-in, so a read sees both or neither).
 */
export async function positionForFamily(db: Database, access: VisitAccess): Promise<LivePosition | null> {
  if (access.side !== "family") return null;
  const [row] = await preparedQuery(db, "visit_position", (db) =>
    db
      .select({
        lat: visitPositions.lat,
        lng: visitPositions.lng,
        accuracyM: visitPositions.accuracyM,
        at: visitPositions.at,
        homeLat: parents.lat,
        homeLng: parents.lng,
      })
      .from(visitPositions)
      .innerJoin(visits, and(eq(visits.id, visitPositions.visitId), eq(visits.status, "on_the_way")))
      .innerJoin(parents, eq(parents.id, visits.parentId))
      .where(eq(visitPositions.visitId, sql.placeholder("visitId")))
      .prepare("visit_position"),
  ).execute({ visitId: access.visit.id });
  if (!row) return null;
  return {
    lat: row.lat,
    lng: row.lng,
    accuracyM: Math.round(row.accuracyM),
    at: row.at.toISOString(),
    etaMinutes: etaMinutes(row, { lat: row.homeLat, lng: row.homeLng }),
  };
}
