// The family's side of the parent's own word: confirming the parent's own number with a code the
// parent reads out, then turning the "did the carer come?" texts on or off and choosing their
// language. Nothing is texted to a number the family has not confirmed (queueParentSms).
import { eq } from "drizzle-orm";
import { parents } from "~db/schema";
import { toE164 } from "~/auth/phone.server";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import type { Jobs } from "~/jobs/jobs.server";
import type { SmsLocale } from "~/sms/templates";
import {
  checkCode,
  type CodeCheckResult,
  type CodeRequestResult,
  type PendingCode,
  pendingCode,
  requestParentCode,
} from "~/sms/verification.server";
import type { MemberParent } from "./parents.server";

export function parentCheckSettings(parent: MemberParent) {
  return {
    phone: parent.phone,
    verified: parent.phone !== null && parent.phoneVerifiedAt !== null,
    /** A number a text can reach: a landline is said at once, not offered a code that is bound to fail. */
    textable: parent.phone !== null && toE164(parent.phone) !== null,
    askAfterVisit: parent.askAfterVisit,
    smsLocale: parent.smsLocale,
  };
}

export type ParentCodeResult = CodeRequestResult | { ok: false; reason: "no_phone" | "not_mobile" };

/** Texts a code to the parent's number (stored in E.164 first, so the code goes where replies come from). */
export async function sendParentCode(
  db: Database,
  jobs: Jobs,
  env: Env,
  parent: MemberParent,
  { memberName, ip }: { memberName: string; ip: string },
): Promise<ParentCodeResult & { phone?: string }> {
  if (!parent.phone) return { ok: false, reason: "no_phone" };
  const phone = toE164(parent.phone);
  if (!phone) return { ok: false, reason: "not_mobile" };
  if (phone !== parent.phone) {
    await db.update(parents).set({ phone, phoneVerifiedAt: null }).where(eq(parents.id, parent.id));
  }
  const sent = await requestParentCode(db, jobs, env, {
    userId: parent.viewer.id,
    memberName,
    parentId: parent.id,
    phone,
    ip,
  });
  return sent.ok ? { ...sent, phone } : sent;
}

/**
 * The code this family member asked for and has not typed yet, if it went to the parent's number as
 * it is now: the code box comes back after a reload, a dropped connection or a lock screen.
 */
export async function pendingParentCode(db: Database, parent: MemberParent): Promise<PendingCode | null> {
  const phone = parent.phone && parent.phoneVerifiedAt === null ? toE164(parent.phone) : null;
  if (!phone) return null;
  return pendingCode(db, { userId: parent.viewer.id, purpose: "verify_parent", phone });
}

/** The code the parent read out, entered by the family member who asked for it. */
export async function confirmParentCode(db: Database, parent: MemberParent, code: string): Promise<CodeCheckResult> {
  const phone = parent.phone ? toE164(parent.phone) : null;
  if (!phone) return { ok: false, reason: "invalid" };
  return checkCode(db, { phone, purpose: "verify_parent", code, userId: parent.viewer.id, parentId: parent.id });
}

export type SaveChecksResult = { ok: true } | { ok: false; error: "unverified" };

export async function saveParentChecks(
  db: Database,
  parent: MemberParent,
  input: { askAfterVisit: boolean; smsLocale: SmsLocale },
): Promise<SaveChecksResult> {
  if (input.askAfterVisit && !parentCheckSettings(parent).verified) return { ok: false, error: "unverified" };
  await db
    .update(parents)
    // Not `updatedAt`: it is the version of the details the edit form shows (app/validation/form-version.ts),
    // and these two settings are not among them; an edit page open meanwhile would be refused for nothing.
    .set({ askAfterVisit: input.askAfterVisit, smsLocale: input.smsLocale })
    .where(eq(parents.id, parent.id));
  return { ok: true };
}
