// Zod schemas of the visiting-time ledger: the month in the query string, and the family's own
// visits and calls logged by hand. Messages are i18n keys.
import { z } from "zod";
import { postedNumber } from "~/validation/numbers";
import { SUBMISSION_KEY_FIELD } from "~/http/submission-key";
import { calendarDate, optionalSingleLine } from "~/validation/text";

export const MONTH = /^(20\d\d)-(0[1-9]|1[0-2])$/;

export const LedgerQuerySchema = z.object({
  // Navigation, not a filter: a month that is not one (2026-13, 1999-01) shows this month.
  month: z.string().regex(MONTH).optional().catch(undefined),
});

export const ContactSchema = z.object({
  intent: z.literal("add-contact"),
  [SUBMISSION_KEY_FIELD]: z.uuid({ error: "errors.generic" }),
  kind: z.enum(["visit", "call"], { error: "errors.choice" }),
  date: calendarDate(),
  minutes: postedNumber()
    .int({ error: "errors.integer" })
    .min(1, { error: "errors.contactMinutes" })
    .max(1440, { error: "errors.contactMinutes" }),
  note: optionalSingleLine(300),
});

export const LedgerActionSchema = z.discriminatedUnion("intent", [
  ContactSchema,
  z.object({ intent: z.literal("remove-contact"), contactId: z.uuid({ error: "errors.generic" }) }),
]);

export type ContactInput = z.infer<typeof ContactSchema>;
