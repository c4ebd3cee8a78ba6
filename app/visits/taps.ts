// The carer's three taps (on my way, check in, check out) as rules: when each may happen, what a
// fix from the phone means against the geofence, when a reason is needed, and which Electronic Visit
// Verification columns the tap writes. Pure: the server's clock comes in as `now`, and only the
// server's clock is ever written as a time.
import type { VisitStatus } from "~db/schema";
import type { Point } from "~/privacy/location";
import { checkFence, etaMinutes } from "./geofence";
import { canFire } from "./visit-status";

export const TAPS = ["start_travel", "check_in", "check_out"] as const;
export type Tap = (typeof TAPS)[number];

/** The earliest a carer may set off or check in: two hours before the start. */
export const EARLIEST_BEFORE_START_MS = 2 * 3600_000;
/**
 * A phone's clock may run a little fast; a device time further ahead than this is refused. The
 * device time is never stored: it only tells a replayed or forged fix from a fresh one.
 */
export const DEVICE_CLOCK_SLACK_MS = 60_000;
/**
 * A check-out further than this before the booked end needs the carer to say the visit ends early: a
 * second tap on the spot where "Check in" was, or a slip of the thumb, ended a visit minutes in, for
 * good (the check-out cannot be undone, and it counts against the agreed duration).
 */
export const EARLY_CHECK_OUT_MS = 10 * 60_000;
/** The carer's position on the way is taken at most this often (the server refuses faster). */
export const POSITION_EVERY_MS = 30_000;

/** Why a carer checks in or out away from the home; "other" means a reason typed by hand. */
export const PLACE_REASONS = [
  "escorting_clinic",
  "met_outside",
  "errand",
  "relative_home",
  "gps_wrong",
  "other",
] as const;
export type PlaceReason = (typeof PLACE_REASONS)[number];

export interface Fix extends Point {
  accuracyM: number;
}

export interface TapInput {
  /** Null when the phone gave no position (denied, timed out, no JavaScript). */
  fix: Fix | null;
  /** A reason code, or the carer's own words. */
  reason: string | null;
  /** When the phone says the fix was taken. Checked, never stored. */
  deviceTime: Date | null;
  /** The carer says the visit ends before its booked end (see EARLY_CHECK_OUT_MS). */
  endEarly?: boolean;
}

export type TapError =
  | "device_time_future"
  | "cancelled"
  | "not_checked_in"
  | "wrong_state"
  | "too_early"
  | "too_late"
  | "reason_needed"
  | "outside_fence"
  /** A check-out after the carer's access to the home ended: never judged against the home. */
  | "late_reason_needed"
  | "ends_early";

type Columns = {
  onTheWayAt?: Date;
  checkedInAt?: Date;
  checkInLat?: number | null;
  checkInLng?: number | null;
  checkInAccuracyM?: number | null;
  checkInDistanceM?: number | null;
  checkInReason?: string | null;
  checkedOutAt?: Date;
  checkOutLat?: number | null;
  checkOutLng?: number | null;
  checkOutAccuracyM?: number | null;
  checkOutDistanceM?: number | null;
  checkOutReason?: string | null;
  gpsFlagged?: boolean;
};

export type TapDecision =
  | {
      ok: true;
      /** Columns of the visit the transition sets. */
      set: Columns;
      /** The event's details: no coordinates, only what the timeline shows. */
      data: Record<string, string | number | boolean | null>;
      /** The carer's reason, kept only when the tap was away from home or without a fix. */
      reason: string | null;
      distanceM: number | null;
      inside: boolean | null;
      flagged: boolean;
      etaMinutes: number | null;
    }
  | { ok: false; error: TapError; distanceM?: number };

interface VisitState {
  status: VisitStatus;
  startsAt: Date;
  endsAt: Date;
  gpsFlagged: boolean;
}

/** Whether the tap may happen now, whatever the place: the state machine and the clock. */
export function tapRefusal(visit: VisitState, tap: Tap, now: Date): TapError | null {
  if (visit.status === "cancelled") return "cancelled";
  if (tap === "check_out" && (visit.status === "scheduled" || visit.status === "on_the_way")) return "not_checked_in";
  if (!canFire(tap, visit.status, "carer")) return "wrong_state";
  if (tap === "check_out") return null;
  if (now.getTime() < visit.startsAt.getTime() - EARLIEST_BEFORE_START_MS) return "too_early";
  if (now.getTime() >= visit.endsAt.getTime()) return "too_late";
  return null;
}

/** Whether checking out now ends the visit early enough that the carer must say so. */
export function endsEarly(visit: Pick<VisitState, "endsAt">, now: Date): boolean {
  return now.getTime() < visit.endsAt.getTime() - EARLY_CHECK_OUT_MS;
}

/** A device time ahead of the server's (beyond the slack) is refused. */
export function deviceTimeInFuture(deviceTime: Date | null, now: Date): boolean {
  return deviceTime !== null && deviceTime.getTime() > now.getTime() + DEVICE_CLOCK_SLACK_MS;
}

/** Distances and accuracies are kept to the metre: finer figures would only be noise. */
const metres = (m: number) => Math.round(m);

/**
 * `homeHidden`: the carer's access to the exact home has ended (a check-out more than a day after the
 * booked end). The answer must then say nothing that depends on where the home is: a refused tap's
 * distance, or even "away from the home", repeated from chosen points, would locate it (an outside
 * probe did, to within a metre). Such a check-out always asks for a reason, and is kept as an exception
 * with its distance for the family's record; the carer is told neither the distance nor the side.
 */
export function decideTap(
  visit: VisitState,
  tap: Tap,
  input: TapInput,
  home: Point,
  radiusM: number,
  now: Date,
  { homeHidden = false }: { homeHidden?: boolean } = {},
): TapDecision {
  if (deviceTimeInFuture(input.deviceTime, now)) return { ok: false, error: "device_time_future" };
  const refusal = tapRefusal(visit, tap, now);
  if (refusal) return { ok: false, error: refusal };
  if (tap === "check_out" && !input.endEarly && endsEarly(visit, now)) return { ok: false, error: "ends_early" };
  const reason = input.reason?.trim() || null;
  const late = homeHidden && tap === "check_out";
  if (late && !reason) return { ok: false, error: "late_reason_needed" };

  if (tap === "start_travel") {
    const eta = input.fix ? etaMinutes(input.fix, home) : null;
    return {
      ok: true,
      set: { onTheWayAt: now },
      data: { etaMinutes: eta, shared: input.fix !== null },
      reason: null,
      distanceM: null,
      inside: null,
      flagged: false,
      etaMinutes: eta,
    };
  }

  let place: { lat: number | null; lng: number | null; accuracyM: number | null; distanceM: number | null };
  let inside: boolean | null;
  let flagged: boolean;
  if (!input.fix) {
    // No position at all: still a visit, if the carer says why; the record is flagged.
    if (!reason) return { ok: false, error: "reason_needed" };
    place = { lat: null, lng: null, accuracyM: null, distanceM: null };
    inside = null;
    flagged = true;
  } else {
    const fence = checkFence(home, input.fix, radiusM);
    if (!fence.inside && !reason) return { ok: false, error: "outside_fence", distanceM: metres(fence.distanceM) };
    place = {
      lat: input.fix.lat,
      lng: input.fix.lng,
      accuracyM: metres(input.fix.accuracyM),
      distanceM: metres(fence.distanceM),
    };
    inside = fence.inside;
    flagged = fence.poorFix;
  }
  const exception = inside !== true || late;
  const kept = exception ? reason : null;
  const set: Columns =
    tap === "check_in"
      ? {
          checkedInAt: now,
          checkInLat: place.lat,
          checkInLng: place.lng,
          checkInAccuracyM: place.accuracyM,
          checkInDistanceM: place.distanceM,
          checkInReason: kept,
        }
      : {
          checkedOutAt: now,
          checkOutLat: place.lat,
          checkOutLng: place.lng,
          checkOutAccuracyM: place.accuracyM,
          checkOutDistanceM: place.distanceM,
          checkOutReason: kept,
        };
  set.gpsFlagged = visit.gpsFlagged || flagged;
  return {
    ok: true,
    set,
    data: {
      distanceM: place.distanceM,
      accuracyM: place.accuracyM,
      inside,
      flagged,
      exception,
    },
    reason: kept,
    // What the carer is answered: nothing of where the home is once it is hidden (the event keeps it).
    distanceM: late ? null : place.distanceM,
    inside: late ? null : inside,
    flagged,
    etaMinutes: null,
  };
}

/**
 * The reason a form sends: a code from the list, the typed words when the code is "other", or both, a
 * line each, when the carer chose a reason and explained it too (their words were dropped: a phone
 * walk). The words are one line (the form's field), so the line break only ever parts the two;
 * useReasonText (components/visits/format.ts) shows them as "label: words".
 */
export function reasonOf(code: PlaceReason | undefined, text: string | undefined): string | null {
  const words = text?.trim() || null;
  if (!code || code === "other") return words;
  return words ? `${code}\n${words}` : code;
}

/**
 * Whether a new position may be stored: the last one is at least POSITION_EVERY_MS old. The upsert
 * in sharePosition (taps.server.ts) says the same in SQL, so that two requests cannot both pass.
 */
export function positionDue(lastAt: Date | null, now: Date): boolean {
  return lastAt === null || now.getTime() - lastAt.getTime() >= POSITION_EVERY_MS;
}
