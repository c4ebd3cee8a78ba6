// Zod schemas of the admin forms and query strings. Shared by the browser and the server; messages are
// i18n keys. Every action that changes something names the admin's reason (or note) and a target id.
import { z } from "zod";
import { tickBox } from "~/validation/choices";
import { calendarDate, multiLine, optionalMultiLine, optionalSingleLine } from "~/validation/text";
import { AUDIT_ACTIONS } from "./audit";
import { DISPUTE_OUTCOMES, REPORT_KINDS } from "./vocabulary";
import { fromDecimal } from "~/validation/numbers";

export const REASON_MAX = 500;

// Reasons and notes are typed in text areas: multi-line text under the one set of input rules (ADR 013).
const reason = multiLine(REASON_MAX);
const id = z.uuid({ error: "errors.generic" });
// A real calendar date in the years the app takes at all (validation/text.ts): zod's iso.date takes year
// 0000, which PostgreSQL has no room for (a 500 on /admin/audit?from=0000-01-01).
const day = calendarDate();

export { DISPUTE_OUTCOMES, type DisputeOutcome, REPORT_KINDS, type ReportKind } from "./vocabulary";

export const CarerCheckSchema = z.object({
  intent: z.literal("check", { error: "errors.generic" }),
  carerId: id,
  kind: z.enum(["id", "background"], { error: "errors.choice" }),
  checkedOn: day,
  note: reason,
});

/**
 * The verification queue's query string: a search (refused beside its field when it breaks the input
 * rules) and the cursor of the page, a navigation parameter that falls back to the first page.
 */
export const VerificationQueueSchema = z.object({
  // As long as an email may be: the accounts page links a carer's card by their email.
  q: optionalSingleLine(254).optional(),
  after: z.uuid().optional().catch(undefined),
});

export const AccountActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("suspend"), userId: id, reason }),
  z.object({ intent: z.literal("reinstate"), userId: id, reason }),
]);

export const AccountSearchSchema = z.object({
  // An email at its longest (a report links to its author's account by email).
  q: optionalSingleLine(254).optional(),
  // A value the box cannot send is said beside it, by name (it read "Something went wrong": an outside probe).
  suspended: tickBox().optional(),
});

export const ReportActionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("hide"), kind: z.enum(REPORT_KINDS, { error: "errors.choice" }), reportId: id, reason }),
  z.object({
    intent: z.literal("dismiss"),
    kind: z.enum(REPORT_KINDS, { error: "errors.choice" }),
    reportId: id,
    reason,
  }),
]);

export const ResolveDisputeSchema = z.object({
  intent: z.literal("resolve", { error: "errors.generic" }),
  outcome: z.enum(DISPUTE_OUTCOMES, { error: "errors.choice" }),
  note: reason,
});

export const RetrySmsSchema = z.object({
  intent: z.literal("retry", { error: "errors.generic" }),
  messageId: id,
  reason: optionalMultiLine(REASON_MAX),
});

/** The audit log's filter, from the query string; every field optional. */
export const AuditFilterSchema = z
  .object({
    // A select: a value that is no one's id was not one of its options.
    actor: z.uuid({ error: "errors.choice" }).optional(),
    action: z.enum(AUDIT_ACTIONS, { error: "errors.choice" }).optional(),
    from: day.optional(),
    to: day.optional(),
    // A paging cursor: one that is not a row id (0, -1, 1.5) is the first page, never an error.
    before: fromDecimal(z.number({ error: "errors.integer" }).int({ error: "errors.integer" }).positive())
      .optional()
      .catch(undefined),
  })
  .refine((f) => !f.from || !f.to || f.from <= f.to, { path: ["to"], error: "errors.dayRange" });
