// Zod schema for posting a visit request: one date and time, or a weekly pattern, in the parent's time zone.
import { z } from "zod";
import { postedNumber } from "~/validation/numbers";
import { serviceKinds } from "~db/catalogue";
import { yuan } from "~/validation/money";
import { weekdayList } from "~/validation/choices";
import { calendarDate, clockTime, optionalMultiLine } from "~/validation/text";
import { requestStartProblem } from "./request-rules";

export const VisitRequestSchema = z
  .object({
    service: z.enum(serviceKinds, { error: "errors.choice" }),
    schedule: z.enum(["once", "weekly"], { error: "errors.choice" }),
    /** A real date; the action also keeps it between today and a year ahead (visit-requests.server.ts). */
    date: calendarDate("errors.date").optional(),
    time: clockTime(),
    weekdays: weekdayList().default([]),
    durationMinutes: postedNumber()
      .int({ error: "errors.integer" })
      .min(15, { error: "errors.minutesRange" })
      .max(720, { error: "errors.minutesRange" }),
    /** In yuan; stored in fen. */
    budget: yuan({ zeroError: "errors.budgetPositive" }).optional(),
    notes: optionalMultiLine(1000),
  })
  // `when`: these run even when other fields failed, so one submit shows every problem at once (an
  // object's refinements are otherwise skipped until its fields pass: a second round of errors). The
  // value may then be partly unparsed, hence the defensive reads.
  .refine((v) => v.schedule !== "once" || Boolean(v.date), {
    path: ["date"],
    error: "errors.date",
    when: () => true,
  })
  .refine((v) => v.schedule !== "weekly" || (Array.isArray(v.weekdays) && v.weekdays.length > 0), {
    path: ["weekdays"],
    error: "errors.weekdays",
    when: () => true,
  });

export type VisitRequestInput = z.infer<typeof VisitRequestSchema>;

/** What a one-off start's rules read: they wait until these fields are right. */
const START_FIELDS: readonly PropertyKey[] = ["schedule", "date", "time"];

/**
 * VisitRequestSchema with the start's rules that need the parent's zone and a clock (a past date, an
 * hour already gone, a year ahead, an hour the clocks skip), run even when other fields failed: one
 * submit, in the browser or on the server, shows every problem. createVisitRequest checks again.
 */
export function visitRequestSchemaAt(timeZone: string, clock: () => Date) {
  return VisitRequestSchema.superRefine(
    (v, ctx) => {
      if (v.schedule !== "once" || typeof v.date !== "string" || typeof v.time !== "string") return;
      const { problem } = requestStartProblem(v.date, v.time, timeZone, clock());
      if (problem) ctx.addIssue({ code: "custom", path: [problem.field], message: problem.error });
    },
    { when: (payload) => !payload.issues.some((issue) => START_FIELDS.includes(issue.path?.[0] as PropertyKey)) },
  );
}

export { jobSorts, type JobSort } from "./sorts";
