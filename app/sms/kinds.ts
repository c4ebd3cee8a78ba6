// Which SMS kinds are urgent, optional, or only for one role. Apart from the templates (and their
// locale texts) so that the preferences form's schema, which the browser loads, can list the kinds.
import type { SmsKind } from "~db/schema";

export const URGENT_KINDS: ReadonlySet<SmsKind> = new Set([
  "verification_code",
  "visit_late",
  "visit_late_carer",
  "visit_missed",
  "parent_phone_code",
  "account_notice",
]);
/** Kinds sent to a parent's own number (not to a user): nobody's preferences list them. */
export const PARENT_KINDS: ReadonlySet<SmsKind> = new Set(["parent_phone_code", "parent_check"]);
/** Kinds nobody gets unless they turn them on (PRODUCT §6: "new nearby job (carers who opt in)"). */
export const OPT_IN_KINDS: ReadonlySet<SmsKind> = new Set(["nearby_job"]);
/** Kinds only carers are sent (new jobs, the reminder before a visit); other roles are not offered them. */
export const CARER_ONLY_KINDS: ReadonlySet<SmsKind> = new Set(["nearby_job", "visit_reminder"]);
/** Kinds only families are sent (the carer arrived, the carer left); carers are not offered them. */
export const FAMILY_ONLY_KINDS: ReadonlySet<SmsKind> = new Set(["carer_arrived", "carer_left"]);

/**
 * Kinds a user may turn off: not codes, not urgent alerts, not the texts to parents. Listed by hand for
 * the browser; sms-rules.test.ts checks it against the templates.
 */
export const OPTIONAL_KINDS = [
  "visit_confirmed",
  "visit_reminder",
  "carer_arrived",
  "carer_left",
  "visit_cancelled",
  "series_cancelled",
  "chat_message",
  "dispute_resolved",
  "nearby_job",
] as const satisfies readonly SmsKind[];
