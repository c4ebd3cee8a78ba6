// The visiting-time ledger's rules (PRODUCT §5): which visits count as verified, how a month's
// visits and minutes add up against the parent's goal, and the months of the chart. Months are the
// parent's calendar months, in the parent's zone. Pure; ledger.server.ts reads the rows.
import type { VisitStatus } from "~db/schema";
import { wallClockToUtc } from "~/geo/time-zone";
import { dateTimeFormat } from "~/i18n/formatters";

/** The geofence radius the check-in used when none is configured (app/visits/geofence.ts). */
export const DEFAULT_FENCE_RADIUS_M = 150;

export interface LedgerVisit {
  status: VisitStatus;
  checkedInAt: Date | null;
  checkedOutAt: Date | null;
  checkInDistanceM: number | null;
  checkInAccuracyM: number | null;
  checkInReason: string | null;
  gpsFlagged: boolean;
  /** The booked times: a visit cut to under half of them is not verified. Absent: not judged. */
  startsAt?: Date;
  endsAt?: Date;
}

/**
 * A visit is verified when it was done (checked in and out, completed or confirmed, not disputed)
 * and the check-in happened at the home (inside the geofence, with a usable fix) or somewhere the
 * carer explained (a reason given, such as escorting to a clinic), and the carer stayed at least half
 * the booked length.
 */
export function isVerified(v: LedgerVisit, radiusM = DEFAULT_FENCE_RADIUS_M): boolean {
  return notCountedBecause(v, radiusM) === null;
}

/**
 * Why a visit the carer checked in to is not counted (the page says which, not a list of every way a
 * visit can fail: a visit cut short was said to be "away from home, a poor fix, or disputed"), or null
 * when it counts. "unfinished": not checked out, or cancelled or missed after the check-in.
 */
export type NotCounted = "disputed" | "unfinished" | "short" | "poor_fix" | "away";

export function notCountedBecause(v: LedgerVisit, radiusM = DEFAULT_FENCE_RADIUS_M): NotCounted | null {
  if (v.status === "disputed") return "disputed";
  if (v.status !== "completed" && v.status !== "confirmed") return "unfinished";
  if (!v.checkedInAt || !v.checkedOutAt) return "unfinished";
  // Checked in and out at once, or a few minutes of a two-hour booking: a visit in name only.
  if (v.startsAt && v.endsAt && visitMinutes(v) * 2 < (v.endsAt.getTime() - v.startsAt.getTime()) / 60_000)
    return "short";
  if (v.checkInReason?.trim()) return null;
  if (v.gpsFlagged) return "poor_fix";
  // No place and no reason: not shown to have been at the home.
  if (v.checkInDistanceM === null) return "away";
  return v.checkInDistanceM <= radiusM + (v.checkInAccuracyM ?? 0) ? null : "away";
}

/** Whole minutes between check-in and check-out. */
export function visitMinutes(v: Pick<LedgerVisit, "checkedInAt" | "checkedOutAt">): number {
  if (!v.checkedInAt || !v.checkedOutAt) return 0;
  return Math.max(0, Math.round((v.checkedOutAt.getTime() - v.checkedInAt.getTime()) / 60_000));
}

export interface LedgerContact {
  kind: "visit" | "call";
  minutes: number;
}

export interface MonthTotals {
  verifiedVisits: number;
  verifiedMinutes: number;
  /** Checked in, but not verified (outside without a reason, a poor fix, cut short, disputed). */
  otherVisits: number;
  /** otherVisits by why, each reason that occurred. */
  notCounted: Partial<Record<NotCounted, number>>;
  /** Checked in and not yet out: judged once the carer checks out, not "not counted" meanwhile. */
  underWayVisits: number;
  familyVisits: number;
  familyVisitMinutes: number;
  calls: number;
  callMinutes: number;
}

export function monthTotals(visits: LedgerVisit[], contacts: LedgerContact[], radiusM?: number): MonthTotals {
  const t: MonthTotals = {
    verifiedVisits: 0,
    verifiedMinutes: 0,
    otherVisits: 0,
    notCounted: {},
    underWayVisits: 0,
    familyVisits: 0,
    familyVisitMinutes: 0,
    calls: 0,
    callMinutes: 0,
  };
  for (const v of visits) {
    const why = notCountedBecause(v, radiusM);
    if (why === null) {
      t.verifiedVisits += 1;
      t.verifiedMinutes += visitMinutes(v);
    } else if (v.status === "in_progress") t.underWayVisits += 1;
    else if (v.checkedInAt) {
      t.otherVisits += 1;
      t.notCounted[why] = (t.notCounted[why] ?? 0) + 1;
    }
  }
  for (const c of contacts) {
    if (c.kind === "visit") {
      t.familyVisits += 1;
      t.familyVisitMinutes += c.minutes;
    } else {
      t.calls += 1;
      t.callMinutes += c.minutes;
    }
  }
  return t;
}

export interface GoalProgress {
  /** Percent of each goal reached, whole numbers, not capped (120 means past it); null without a goal. */
  visits: number | null;
  minutes: number | null;
  met: boolean | null;
}

/** Progress of the verified visits and minutes against the parent's monthly goal (PRODUCT §5). */
export function goalProgress(
  totals: Pick<MonthTotals, "verifiedVisits" | "verifiedMinutes">,
  goal: { visits: number | null; minutes: number | null },
): GoalProgress {
  const pct = (done: number, target: number | null) =>
    target === null || target <= 0 ? null : Math.floor((done * 100) / target);
  const visits = pct(totals.verifiedVisits, goal.visits);
  const minutes = pct(totals.verifiedMinutes, goal.minutes);
  const parts = [visits, minutes].filter((p): p is number => p !== null);
  return { visits, minutes, met: parts.length === 0 ? null : parts.every((p) => p >= 100) };
}

/**
 * Which parts of a monthly goal are set, for the sentence that states it: a part left empty (or 0,
 * which goalProgress does not count either) is no goal, not "0 minutes".
 */
export function goalShape(goal: { visits: number | null; minutes: number | null }): GoalShape | null {
  const visits = goal.visits !== null && goal.visits > 0;
  const minutes = goal.minutes !== null && goal.minutes > 0;
  if (visits && minutes) return "both";
  if (visits) return "visits";
  if (minutes) return "minutes";
  return null;
}
export type GoalShape = "both" | "visits" | "minutes";

/** "YYYY-MM" of an instant in a zone (one cached formatter per zone: a ledger page asks for a few hundred rows). */
export function monthOf(timeZone: string, at: Date): string {
  const parts = dateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("year")}-${get("month")}`;
}

/** "2026-12" + n months (n may be negative). */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split("-").map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The instants a month spans in a zone: from its first midnight to the next month's. */
export function monthRange(month: string, timeZone: string): { from: Date; to: Date } {
  const [y, m] = month.split("-").map(Number) as [number, number];
  return { from: wallClockToUtc(timeZone, y, m, 1, 0), to: wallClockToUtc(timeZone, y, m + 1, 1, 0) };
}

/**
 * The days a family may log their own visit or call on, as "YYYY-MM-DD" in the parent's zone: from
 * the first day of the chart's oldest month (eleven months before this one) to today. Later would
 * be a visit not yet made; earlier lands in a month the chart never shows, where a slip of the
 * year (1999 for 2025) is answered "logged" and never seen again. A family that joined Kinvisit
 * recently may still log the months before it: the year is the ledger's own span, not the
 * account's.
 */
export function contactDateRange(today: string): { min: string; max: string } {
  return { min: `${addMonths(today.slice(0, 7), -11)}-01`, max: today };
}

/** The twelve months of the chart, oldest first, ending with `month`. */
export function chartMonths(month: string): string[] {
  return Array.from({ length: 12 }, (_, i) => addMonths(month, i - 11));
}
