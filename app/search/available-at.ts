// The search's "Available at": a time still to come, in the parent's zone. A past one would search
// weekly availability at a moment nobody can book, and its empty list read as "no carer covers this
// address".
import { dateIn, localDateTimeToUtc } from "~/geo/time-zone";

/** The problem with `at` (a datetime-local in `timeZone`) at `now`, as a message key; null if none. */
export function availableAtProblem(
  at: string | undefined,
  timeZone: string,
  now: Date,
): "validation.timePassed" | "validation.dateRange" | null {
  if (!at) return null;
  const instant = localDateTimeToUtc(at, timeZone);
  // The minute under way still counts as now.
  if (!instant || instant.getTime() > now.getTime() - 60_000) return null;
  return at.slice(0, 10) === dateIn(timeZone, now) ? "validation.timePassed" : "validation.dateRange";
}
