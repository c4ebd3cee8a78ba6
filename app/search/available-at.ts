// The search's "Available at": a time still to come, in the parent's zone. A past one would search
// weekly availability at a moment nobody can book, and its empty list read as "no carer covers this
// address".
import { localDateTimeToUtc } from "~/geo/time-zone";
import { startProblem, wallClockExists } from "~/visits/start-rule";

/** The problem with `at` (a datetime-local in `timeZone`) at `now`, as a message key; null if none. */
export function availableAtProblem(
  at: string | undefined,
  timeZone: string,
  now: Date,
): "validation.timePassed" | "validation.dateRange" | "errors.timeGap" | null {
  const instant = at ? localDateTimeToUtc(at, timeZone) : null;
  if (!at || !instant) return null;
  // A time the clocks skip that day is no time anyone can book, as the request form says too (an outside probe).
  if (!wallClockExists(at.slice(0, 10), at.slice(11, 16), timeZone)) return "errors.timeGap";
  // The minute under way still counts as now; any time to come may be searched, however far.
  return startProblem(instant, at.slice(0, 10), timeZone, now, { graceMs: 60_000, horizon: false })?.error ?? null;
}
