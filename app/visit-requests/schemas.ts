// Zod schema for posting a visit request: one date and time, or a weekly pattern, in the parent's time zone.
import { z } from "zod";
import { serviceKinds } from "~db/catalogue";
import { yuan } from "~/validation/money";
import { weekdayList } from "~/validation/choices";
import { calendarDate, clockTime, optionalMultiLine } from "~/validation/text";

export const VisitRequestSchema = z
  .object({
    service: z.enum(serviceKinds, { error: "errors.choice" }),
    schedule: z.enum(["once", "weekly"], { error: "errors.choice" }),
    /** A real date; the action also keeps it between today and a year ahead (visit-requests.server.ts). */
    date: calendarDate("errors.dateTime").optional(),
    time: clockTime(),
    weekdays: weekdayList().default([]),
    durationMinutes: z
      .number({ error: "errors.number" })
      .int({ error: "errors.integer" })
      .min(15, { error: "errors.minutesRange" })
      .max(720, { error: "errors.minutesRange" }),
    /** In yuan; stored in fen. */
    budget: yuan({ min: 0, minError: "errors.priceNegative" }).optional(),
    notes: optionalMultiLine(1000),
  })
  // `when`: these run even when other fields failed, so one submit shows every problem at once (an
  // object's refinements are otherwise skipped until its fields pass: a second round of errors). The
  // value may then be partly unparsed, hence the defensive reads.
  .refine((v) => v.schedule !== "once" || Boolean(v.date), {
    path: ["date"],
    error: "errors.dateTime",
    when: () => true,
  })
  .refine((v) => v.schedule !== "weekly" || (Array.isArray(v.weekdays) && v.weekdays.length > 0), {
    path: ["weekdays"],
    error: "errors.weekdays",
    when: () => true,
  });

export type VisitRequestInput = z.infer<typeof VisitRequestSchema>;

export { jobSorts, type JobSort } from "./sorts";
