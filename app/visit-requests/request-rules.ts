// The rules of a one-off visit request's start that need the parent's zone and a clock: run by the
// action (createVisitRequest) and, through visitRequestSchemaAt, by the form in the browser and by the
// action's parse, so one submit shows a past date beside the form's other problems. Pure.
import { zonedTimeToUtc } from "~/geo/time-zone";
import { startProblem, type StartProblem, wallClockExists } from "~/visits/start-rule";

export type RequestStartProblem =
  | StartProblem
  | { field: "date"; error: "errors.dateTime" }
  | { field: "time"; error: "errors.timeGap" };

/** The problem with a one-off start on `date` at `time` in `timeZone`, at `now`; null if none. */
export function requestStartProblem(
  date: string,
  time: string,
  timeZone: string,
  now: Date,
): { startsAt: Date; problem: null } | { startsAt: Date | null; problem: RequestStartProblem } {
  const startsAt = zonedTimeToUtc(date, time, timeZone);
  if (!startsAt) return { startsAt, problem: { field: "date", error: "errors.dateTime" } };
  // 02:30 on the night the clocks skip from 02:00 to 03:00 is no time at all: asked, not moved.
  if (!wallClockExists(date, time, timeZone)) return { startsAt, problem: { field: "time", error: "errors.timeGap" } };
  // Not in the past, nor beyond the horizon: carers are shown it as an open job.
  const problem = startProblem(startsAt, date, timeZone, now);
  return problem ? { startsAt, problem } : { startsAt, problem: null };
}
