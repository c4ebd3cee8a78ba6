// One-time SMS codes: verify a phone number (a user's, or a parent's own), or log a carer in. Codes
// are 6 digits, stored as a salted SHA-256, live 10 minutes, allow 5 tries, and are compared in
// constant time. Sending is limited per number (1/min, 5/h, 10/day), per IP, by a country allow-list
// and by a daily cap.
import { randomBytes, randomInt } from "node:crypto";
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { and, desc, eq, gt, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { parents, phoneCodes, users } from "~db/schema";
import { phoneCountry } from "~/auth/phone.server";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import type { Jobs } from "~/jobs/jobs.server";
import { queueParentSms, queueSms } from "./sms.server";

export const CODE_TTL_MS = 10 * 60 * 1000;
export const MAX_CODE_ATTEMPTS = 5;
/** How soon another code may be sent to a number: the per-minute limit in checkSendLimits. */
const RESEND_AFTER_MS = 60 * 1000;
type Purpose = "verify_phone" | "login" | "verify_parent";

export type CodeRequestResult =
  | { ok: true }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "country_not_allowed" | "daily_cap" | "phone_taken" };

export type CodeCheckResult =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" | "too_many_attempts" | "phone_taken" };

function hashCode(salt: Uint8Array, code: string): Uint8Array {
  const bytes = new Uint8Array(salt.length + code.length);
  bytes.set(salt);
  bytes.set(new TextEncoder().encode(code), salt.length);
  return sha256(bytes);
}

export function countryAllowed(env: Env, phone: string): boolean {
  const country = phoneCountry(phone);
  const allowed = env.SMS_COUNTRY_ALLOWLIST.split(",")
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return Boolean(country && allowed.includes(country));
}

/**
 * A number's allowance of texted codes, whatever the code is for (verifying it, logging in, resetting a
 * password): one a minute, 5 an hour, 10 a day. Shared, so one number cannot be sent a login code and
 * a reset code in the same second (an outside probe). [key, limit, window in seconds].
 */
export function numberCodeLimits(phone: string): [string, number, number][] {
  return [
    [`code:min:${phone}`, 1, 60],
    [`code:hour:${phone}`, 5, 3600],
    [`code:day:${phone}`, 10, 86_400],
  ];
}

/**
 * Checked in order, stopping at the first refusal, so a double tap refused by the per-minute limit
 * does not also use up the number's hourly and daily allowance.
 */
async function checkSendLimits(db: Database, env: Env, phone: string, ip: string): Promise<CodeRequestResult> {
  const limits: [string, number, number][] = [
    [`code:ip:${ip}`, env.SMS_CODE_LIMIT_PER_IP_HOUR, 3600],
    ...numberCodeLimits(phone),
  ];
  for (const [key, limit, window] of limits) {
    const result = await consumeRateLimit(db, key, limit, window);
    if (!result.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: result.retryAfterSeconds };
  }
  return { ok: true };
}

async function underDailyCap(db: Database, env: Env): Promise<boolean> {
  return (
    await consumeRateLimit(db, `code:daily-cap:${new Date().toISOString().slice(0, 10)}`, env.SMS_DAILY_CAP, 86_400)
  ).allowed;
}

async function issueCode(
  db: Database,
  userId: string,
  phone: string,
  purpose: Purpose,
  send: (tx: Database, code: { id: string; code: string }) => Promise<unknown>,
): Promise<CodeRequestResult> {
  const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
  const salt = new Uint8Array(randomBytes(16));
  await db.transaction(async (tx) => {
    // A new code replaces any earlier one for the same number and purpose.
    await tx
      .update(phoneCodes)
      .set({ consumedAt: new Date() })
      .where(and(eq(phoneCodes.phone, phone), eq(phoneCodes.purpose, purpose), isNull(phoneCodes.consumedAt)));
    const [row] = await tx
      .insert(phoneCodes)
      .values({
        phone,
        userId,
        purpose,
        salt,
        codeHash: hashCode(salt, code),
        expiresAt: new Date(Date.now() + CODE_TTL_MS),
      })
      .returning({ id: phoneCodes.id });
    await send(tx, { id: row!.id, code });
  });
  return { ok: true };
}

/** The text of a code to the user's own number (or the one they are verifying). */
const textToUser =
  (jobs: Jobs, env: Env, userId: string, phone: string) =>
  (tx: Database, { id, code }: { id: string; code: string }) =>
    queueSms(tx, jobs, env, { event: `code:${id}`, kind: "verification_code", userId, phone, params: { code } });

/** Sends a code to `phone` so the user can prove it is theirs. */
export async function requestVerificationCode(
  db: Database,
  jobs: Jobs,
  env: Env,
  { userId, phone, ip }: { userId: string; phone: string; ip: string },
): Promise<CodeRequestResult> {
  if (!countryAllowed(env, phone)) return { ok: false, reason: "country_not_allowed" };
  // The limits first: "taken or not" is never an answer a caller gets faster than the limits allow.
  const limited = await checkSendLimits(db, env, phone, ip);
  if (!limited.ok) return limited;
  if (!(await underDailyCap(db, env))) return { ok: false, reason: "daily_cap" };
  const [taken] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.phone, phone), isNotNull(users.phoneVerifiedAt), sql`${users.id} <> ${userId}`))
    .limit(1);
  // A number verified on another account answers as if the code were sent: which numbers have
  // accounts stays unknown. Its owner gets a notice instead of a code; a guessed code fails like a
  // wrong one.
  if (taken) {
    await queueSms(db, jobs, env, {
      event: `phone-attempt:${new Date().toISOString().slice(0, 13)}`,
      kind: "account_notice",
      userId: taken.id,
      params: { about: "phone" },
    });
    // The page shows a code box for it as for any number (pendingCode); a random hash that no typed
    // code can match stands in for the code that was not sent.
    const salt = new Uint8Array(randomBytes(16));
    await db.insert(phoneCodes).values({
      phone,
      userId,
      purpose: "verify_phone",
      salt,
      codeHash: new Uint8Array(randomBytes(32)),
      expiresAt: new Date(Date.now() + CODE_TTL_MS),
    });
    return { ok: true };
  }
  return issueCode(db, userId, phone, "verify_phone", textToUser(jobs, env, userId, phone));
}

/**
 * Sends a login code to a user's verified number (a carer's sign-in of choice; anyone's way in while
 * password login is paused for their account, ADR 015). Answers the same, in the same time, whether
 * or not such a user exists: the limits are counted and the number looked up the same way for
 * every number, and the code itself is issued after the answer (`issue`, which the route runs
 * once its response has been sent), so a registered number costs the request nothing more.
 */
export async function requestLoginCode(
  db: Database,
  jobs: Jobs,
  env: Env,
  { phone, ip }: { phone: string; ip: string },
): Promise<CodeRequestResult & { issue?: () => Promise<unknown> }> {
  if (!countryAllowed(env, phone)) return { ok: false, reason: "country_not_allowed" };
  const limited = await checkSendLimits(db, env, phone, ip);
  if (!limited.ok) return limited;
  // The cap is counted before the number is looked up, so its answer cannot tell users' numbers apart.
  if (!(await underDailyCap(db, env))) return { ok: false, reason: "daily_cap" };
  const [user] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.phone, phone), isNotNull(users.phoneVerifiedAt)))
    .limit(1);
  if (!user) return { ok: true };
  // Run by the caller once its answer has gone (app/http/after-response.server.ts).
  return { ok: true, issue: () => issueCode(db, user.id, phone, "login", textToUser(jobs, env, user.id, phone)) };
}

/**
 * Sends a code to a parent's own number, in the parent's language, which the parent reads out to
 * the family member who asked (PRODUCT §5, the parent's own word). The same limits as any code:
 * country, per IP, per number, daily cap. `phone` is the parent's number in E.164.
 */
export async function requestParentCode(
  db: Database,
  jobs: Jobs,
  env: Env,
  {
    userId,
    memberName,
    parentId,
    phone,
    ip,
  }: { userId: string; memberName: string; parentId: string; phone: string; ip: string },
): Promise<CodeRequestResult> {
  if (!countryAllowed(env, phone)) return { ok: false, reason: "country_not_allowed" };
  const limited = await checkSendLimits(db, env, phone, ip);
  if (!limited.ok) return limited;
  if (!(await underDailyCap(db, env))) return { ok: false, reason: "daily_cap" };
  return issueCode(db, userId, phone, "verify_parent", (tx, { id, code }) =>
    queueParentSms(tx, jobs, env, {
      event: `code:${id}`,
      kind: "parent_phone_code",
      parentId,
      params: { code, memberName },
    }),
  );
}

/** A code sent and still waiting to be typed, and how long until another may be sent. */
export interface PendingCode {
  phone: string;
  resendInSeconds: number;
}

/**
 * The user's latest code for `purpose` that can still be typed (unused, unexpired, tries left), so
 * the page shows its code box again after a reload: a phone's browser reloads the tab when the user
 * switches to read the text, and asking again only met the per-minute limit and spent the hourly one.
 */
export async function pendingCode(
  db: Database,
  { userId, purpose, phone }: { userId: string; purpose: Purpose; phone?: string },
): Promise<PendingCode | null> {
  const now = new Date();
  const [latest] = await db
    .select({ phone: phoneCodes.phone, createdAt: phoneCodes.createdAt })
    .from(phoneCodes)
    .where(
      and(
        eq(phoneCodes.userId, userId),
        eq(phoneCodes.purpose, purpose),
        // A parent's code is for one number: a code sent to the number before an edit is not pending.
        phone ? eq(phoneCodes.phone, phone) : undefined,
        isNull(phoneCodes.consumedAt),
        gt(phoneCodes.expiresAt, now),
        lt(phoneCodes.attempts, MAX_CODE_ATTEMPTS),
      ),
    )
    .orderBy(desc(phoneCodes.createdAt))
    .limit(1);
  if (!latest) return null;
  const wait = latest.createdAt.getTime() + RESEND_AFTER_MS - now.getTime();
  return { phone: latest.phone, resendInSeconds: Math.max(0, Math.ceil(wait / 1000)) };
}

/** Withdraws the user's unused codes for `purpose`: they chose to give a different number. */
export async function withdrawCodes(db: Database, { userId, purpose }: { userId: string; purpose: Purpose }) {
  await db
    .update(phoneCodes)
    .set({ consumedAt: new Date() })
    .where(and(eq(phoneCodes.userId, userId), eq(phoneCodes.purpose, purpose), isNull(phoneCodes.consumedAt)));
}

/**
 * Checks a code; on success it is used up. For verify_phone, the account's number becomes verified;
 * for verify_parent, the parent's (`parentId`), if it is still the number the code went to.
 */
export async function checkCode(
  db: Database,
  {
    phone,
    purpose,
    code,
    userId,
    parentId,
  }: { phone: string; purpose: Purpose; code: string; userId?: string; parentId?: string },
): Promise<CodeCheckResult> {
  const [latest] = await db
    .select()
    .from(phoneCodes)
    .where(
      and(
        eq(phoneCodes.phone, phone),
        eq(phoneCodes.purpose, purpose),
        isNull(phoneCodes.consumedAt),
        userId ? eq(phoneCodes.userId, userId) : undefined,
      ),
    )
    .orderBy(desc(phoneCodes.createdAt))
    .limit(1);
  if (!latest || latest.expiresAt <= new Date()) return { ok: false, reason: "invalid" };
  // Count the try before comparing, atomically, so parallel guesses cannot exceed the limit.
  const [counted] = await db
    .update(phoneCodes)
    .set({ attempts: sql`${phoneCodes.attempts} + 1` })
    .where(and(eq(phoneCodes.id, latest.id), lt(phoneCodes.attempts, MAX_CODE_ATTEMPTS), isNull(phoneCodes.consumedAt)))
    .returning({ attempts: phoneCodes.attempts });
  if (!counted) return { ok: false, reason: "too_many_attempts" };
  const candidate = /^\d{6}$/.test(code) ? code : "------";
  if (!constantTimeEqual(hashCode(new Uint8Array(latest.salt), candidate), new Uint8Array(latest.codeHash))) {
    return { ok: false, reason: counted.attempts >= MAX_CODE_ATTEMPTS ? "too_many_attempts" : "invalid" };
  }
  try {
    return await db.transaction(async (tx) => {
      // The account's row first: verifying withdraws its other codes, and two tabs verifying two
      // numbers at once each held its own code and waited for the other's (a review).
      if (purpose === "verify_phone")
        await tx.execute(sql`select id from users where id = ${latest.userId} for update`);
      const [used] = await tx
        .update(phoneCodes)
        .set({ consumedAt: new Date() })
        .where(and(eq(phoneCodes.id, latest.id), isNull(phoneCodes.consumedAt)))
        .returning({ userId: phoneCodes.userId });
      if (!used) return { ok: false, reason: "invalid" } as const;
      if (purpose === "verify_phone") {
        await tx.update(users).set({ phone, phoneVerifiedAt: new Date() }).where(eq(users.id, used.userId));
        // The codes still out to the account's other numbers (sent from another tab) are withdrawn: the
        // page asked for one after this number was verified, and it would have switched the number.
        await tx
          .update(phoneCodes)
          .set({ consumedAt: new Date() })
          .where(
            and(
              eq(phoneCodes.userId, used.userId),
              eq(phoneCodes.purpose, "verify_phone"),
              isNull(phoneCodes.consumedAt),
            ),
          );
      }
      if (purpose === "verify_parent" && parentId) {
        const [confirmed] = await tx
          .update(parents)
          .set({ phoneVerifiedAt: new Date() })
          .where(and(eq(parents.id, parentId), eq(parents.phone, phone)))
          .returning({ id: parents.id });
        if (!confirmed) return { ok: false, reason: "invalid" } as const;
      }
      return { ok: true, userId: used.userId } as const;
    });
  } catch (error) {
    // Another account verified this number in the meantime (unique index on verified phones).
    if (String((error as { code?: string }).code ?? (error as Error).message).match(/23505|unique/))
      return { ok: false, reason: "phone_taken" };
    throw error;
  }
}

export async function pruneExpiredCodes(db: Database): Promise<void> {
  await db.delete(phoneCodes).where(or(lt(phoneCodes.expiresAt, new Date(Date.now() - 86_400_000))));
}
