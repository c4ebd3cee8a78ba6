// When a one-off start is refused: it has passed, or it is further ahead than a booking may be. Shared
// by the visit request (its form in the browser and its action) and the search's "Available at", so
// each says the same thing about the same moment. Pure: the clock is passed in.
import { dateIn, zonedParts, zonedTimeToUtc } from "~/geo/time-zone";
import { HORIZON_DAYS } from "./schedule";

export type StartProblem =
  | { field: "date"; error: "validation.dateRange" }
  | { field: "time"; error: "validation.timePassed" };

/**
 * The problem with a start at `startsAt` (the wall-clock `date` in `timeZone`) at `now`, or null.
 * Today at an hour already gone is the time to change, not the date. `graceMs`: how long a start
 * still counts as to come once it has begun (the search takes the minute under way as now);
 * `horizon`: whether a start more than HORIZON_DAYS ahead is refused.
 */
export function startProblem(
  startsAt: Date,
  date: string,
  timeZone: string,
  now: Date,
  { graceMs = 0, horizon = true }: { graceMs?: number; horizon?: boolean } = {},
): StartProblem | null {
  if (startsAt.getTime() <= now.getTime() - graceMs) {
    return date === dateIn(timeZone, now)
      ? { field: "time", error: "validation.timePassed" }
      : { field: "date", error: "validation.dateRange" };
  }
  if (horizon && startsAt.getTime() > now.getTime() + HORIZON_DAYS * 86_400_000) {
    return { field: "date", error: "validation.dateRange" };
  }
  return null;
}

/**
 * Whether a wall-clock time happens in `timeZone` on that day (not skipped by a change of clocks).
 * Here, not in time-zone.ts, which every page loads: only the forms' checks need it in the browser.
 */
export function wallClockExists(date: string, time: string, timeZone: string): boolean {
  const at = zonedTimeToUtc(date, time, timeZone);
  if (!at) return false;
  const p = zonedParts(timeZone, at);
  const iso = (n: number, w = 2) => String(n).padStart(w, "0");
  return `${iso(p.year, 4)}-${iso(p.month)}-${iso(p.day)}` === date && `${iso(p.hour)}:${iso(p.minute)}` === time;
}
