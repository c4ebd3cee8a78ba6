// Password reset (ADR 021): a 6-digit code texted to the account's verified number, or a single-use
// link emailed to its address. The answer never says whether an account exists; both kinds expire,
// work once, and the newest replaces any earlier one. A reset ends every session of the account.
import { withRedirect } from "~/http/redirect";
import { randomBytes, randomInt } from "node:crypto";
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, desc, eq, gt, isNotNull, isNull, lt, sql } from "drizzle-orm";
import { passwordResets, sessions, users, type UserRole } from "~db/schema";
import { burnPasswordCheck, hashPassword, verifyPassword } from "~/auth/password.server";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import type { Jobs } from "~/jobs/jobs.server";
import type { Logger } from "~/logger.server";
import { queueSms } from "~/sms/sms.server";
import { countryAllowed, numberCodeLimits } from "~/sms/verification.server";
import { sendMail } from "./mail.server";
import { renderMail } from "./mail-templates";

export const RESET_CODE_TTL_MS = 10 * 60 * 1000;
export const RESET_LINK_TTL_MS = 60 * 60 * 1000;
export const MAX_RESET_ATTEMPTS = 5;

export type ResetTarget = { kind: "email"; email: string } | { kind: "phone"; phone: string };

export type ResetRequestResult =
  | { ok: true }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  | { ok: false; reason: "country_not_allowed" };

export type ResetResult =
  | { ok: true; userId: string; role: UserRole }
  | { ok: false; reason: "invalid" | "too_many_attempts" };

export interface ResetDeps {
  jobs: Jobs;
  env: Env;
  logger: Logger;
}

function saltedHash(salt: Uint8Array, secret: string): Uint8Array {
  const bytes = new Uint8Array(salt.length + secret.length);
  bytes.set(salt);
  bytes.set(new TextEncoder().encode(secret), salt.length);
  return sha256(bytes);
}

/** Links are looked up by their hash, so they are hashed without a salt (32 random bytes need none). */
function linkHash(token: string): Uint8Array {
  return sha256(new TextEncoder().encode(token));
}

/**
 * Per IP, and per address (a minute apart, 5 an hour) or per number (the number's allowance of texted
 * codes, shared with its login and verification codes). Counted before the account is looked up, so
 * the limits answer the same for addresses and numbers with and without an account.
 */
async function checkLimits(db: Database, env: Env, target: ResetTarget, ip: string): Promise<ResetRequestResult> {
  const limits: [string, number, number][] = [
    [`reset:ip:${ip}`, env.SMS_CODE_LIMIT_PER_IP_HOUR, 3600],
    ...(target.kind === "phone"
      ? numberCodeLimits(target.phone)
      : ([
          [`reset:min:${target.email}`, 1, 60],
          [`reset:hour:${target.email}`, 5, 3600],
        ] as [string, number, number][])),
  ];
  for (const [k, limit, window] of limits) {
    const result = await consumeRateLimit(db, k, limit, window);
    if (!result.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: result.retryAfterSeconds };
  }
  return { ok: true };
}

/**
 * Sends a reset code (to a verified number) or link (to an address) if an account has it, and
 * answers `{ ok: true }` either way. Refusals (limits, a country we never text) do not depend on
 * whether the account exists. The code or link is made by `issue`, which the caller runs after its
 * answer is sent (afterResponse): an address with an account answers as fast as one without (an
 * outside probe timed them apart, ADR 015).
 */
export async function requestPasswordReset(
  db: Database,
  deps: ResetDeps,
  {
    target,
    ip,
    redirectTo = null,
  }: {
    target: ResetTarget;
    ip: string;
    /** Where the login was asked for (an invitation), a same-site path: the emailed link leads back there. */
    redirectTo?: string | null;
  },
  now: Date,
): Promise<ResetRequestResult & { issue?: () => Promise<void> }> {
  const { env } = deps;
  if (target.kind === "phone" && !countryAllowed(env, target.phone))
    return { ok: false, reason: "country_not_allowed" };
  const limited = await checkLimits(db, env, target, ip);
  if (!limited.ok) return limited;
  if (target.kind === "phone") {
    // The texts' daily cap is shared with every other code (app/sms/verification.server.ts).
    const cap = await consumeRateLimit(
      db,
      `code:daily-cap:${now.toISOString().slice(0, 10)}`,
      env.SMS_DAILY_CAP,
      86_400,
    );
    if (!cap.allowed) return { ok: true }; // said the same way as "no such number": nothing is revealed
  }
  const [user] = await db
    .select({ id: users.id, email: users.email, locale: users.locale, phone: users.phone })
    .from(users)
    .where(
      and(
        isNull(users.erasedAt),
        target.kind === "phone"
          ? and(eq(users.phone, target.phone), isNotNull(users.phoneVerifiedAt))
          : eq(users.email, target.email),
      ),
    )
    .limit(1);
  if (!user) return { ok: true };
  return { ok: true, issue: () => issueReset(db, deps, target, user, redirectTo, now) };
}

async function issueReset(
  db: Database,
  deps: ResetDeps,
  target: ResetTarget,
  user: Pick<typeof users.$inferSelect, "id" | "email" | "locale" | "phone">,
  redirectTo: string | null,
  now: Date,
): Promise<void> {
  const { env } = deps;
  const salt = new Uint8Array(randomBytes(16));
  await db.transaction(async (tx) => {
    // A new code or link replaces every earlier one of this account, spent: no try of it counts
    // again, not even as the repeat of a reset it made (repeatOfReset).
    await tx
      .update(passwordResets)
      .set({ consumedAt: now, attempts: MAX_RESET_ATTEMPTS })
      .where(and(eq(passwordResets.userId, user.id), isNull(passwordResets.consumedAt)));
    if (target.kind === "phone") {
      const code = String(randomInt(0, 1_000_000)).padStart(6, "0");
      const [row] = await tx
        .insert(passwordResets)
        .values({
          userId: user.id,
          channel: "sms",
          phone: user.phone,
          salt,
          secretHash: saltedHash(salt, code),
          expiresAt: new Date(now.getTime() + RESET_CODE_TTL_MS),
          createdAt: now,
        })
        .returning({ id: passwordResets.id });
      await queueSms(
        tx,
        deps.jobs,
        env,
        { event: `reset:${row!.id}`, kind: "verification_code", userId: user.id, params: { code } },
        now,
      );
    } else {
      const token = encodeBase32LowerCaseNoPadding(new Uint8Array(randomBytes(32)));
      await tx.insert(passwordResets).values({
        userId: user.id,
        channel: "email",
        salt,
        secretHash: linkHash(token),
        expiresAt: new Date(now.getTime() + RESET_LINK_TTL_MS),
        createdAt: now,
      });
      // The way back rides in the link (a reset by link lost the invitation that led to the login).
      const link = new URL(withRedirect(`/password/reset/${token}`, redirectTo), env.PUBLIC_URL).toString();
      const mail = renderMail("password_reset", user.locale, { link, minutes: String(RESET_LINK_TTL_MS / 60_000) });
      await sendMail(tx, deps.logger, { userId: user.id, to: user.email, kind: "password_reset", ...mail }, now);
    }
  });
}

/** Sets the new password, uses up the reset and ends every session of the account, in one transaction. */
async function applyReset(db: Database, resetId: string, password: string, now: Date): Promise<ResetResult> {
  const passwordHash = await hashPassword(password);
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(passwordResets)
      .set({ consumedAt: now })
      .where(and(eq(passwordResets.id, resetId), isNull(passwordResets.consumedAt), gt(passwordResets.expiresAt, now)))
      .returning({ userId: passwordResets.userId });
    if (!used) return { ok: false, reason: "invalid" } as const;
    const [user] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, used.userId))
      .returning({ role: users.role });
    await tx.delete(sessions).where(eq(sessions.userId, used.userId));
    return { ok: true, userId: used.userId, role: user!.role } as const;
  });
}

/** Checks a texted code for `phone` and, when it is right, sets the new password. */
export async function resetWithCode(
  db: Database,
  { phone, code, password }: { phone: string; code: string; password: string },
  now: Date,
): Promise<ResetResult> {
  const [latest] = await db
    .select()
    .from(passwordResets)
    .where(and(eq(passwordResets.phone, phone), eq(passwordResets.channel, "sms"), isNull(passwordResets.consumedAt)))
    .orderBy(desc(passwordResets.createdAt))
    .limit(1);
  if (!latest || latest.expiresAt <= now) {
    const repeat = await repeatOfReset(db, { phone, code, password }, now);
    if (repeat.result) return repeat.result;
    // One password hash on every path, as a right code costs, so timing tells nothing.
    if (!repeat.hashed) await burnPasswordCheck(password);
    return { ok: false, reason: "invalid" };
  }
  // Count the try before comparing, atomically, so parallel guesses cannot exceed the limit.
  const [counted] = await db
    .update(passwordResets)
    .set({ attempts: sql`${passwordResets.attempts} + 1` })
    .where(
      and(
        eq(passwordResets.id, latest.id),
        lt(passwordResets.attempts, MAX_RESET_ATTEMPTS),
        isNull(passwordResets.consumedAt),
      ),
    )
    .returning({ attempts: passwordResets.attempts });
  if (!counted) return { ok: false, reason: "too_many_attempts" };
  const candidate = /^\d{6}$/.test(code) ? code : "------";
  if (!constantTimeEqual(saltedHash(new Uint8Array(latest.salt), candidate), new Uint8Array(latest.secretHash))) {
    return { ok: false, reason: counted.attempts >= MAX_RESET_ATTEMPTS ? "too_many_attempts" : "invalid" };
  }
  const applied = await applyReset(db, latest.id, password, now);
  // Two taps at once: the other one reset it a moment ago, with the same code and password.
  return applied.ok ? applied : ((await repeatOfReset(db, { phone, code, password }, now)).result ?? applied);
}

/** How long after a reset by code the same post is answered as the first was. */
const RESET_REPEAT_MS = 10 * 60_000;

/**
 * The post of a reset that already went through, sent again (its answer lost on a weak signal, a
 * double tap): the same number, the code it used and the password it set, minutes later. Answered as
 * the first was (logged in again), changing nothing; it said "That code is wrong or has expired" to
 * someone whose password had just changed (an outside probe). Knowing the password it set is what
 * logging in asks anyway, and each try counts against the code's own five (a code replaced by a newer
 * one is spent: issueReset), so this opens nothing. `hashed`: whether it checked a password (it does
 * only once the code matches), for the caller to keep every path at one hash.
 */
async function repeatOfReset(
  db: Database,
  { phone, code, password }: { phone: string; code: string; password: string },
  now: Date,
): Promise<{ result: ResetResult | null; hashed: boolean }> {
  const none = { result: null, hashed: false };
  if (!/^\d{6}$/.test(code)) return none;
  const [used] = await db
    .select({
      id: passwordResets.id,
      userId: passwordResets.userId,
      salt: passwordResets.salt,
      secretHash: passwordResets.secretHash,
    })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.phone, phone),
        eq(passwordResets.channel, "sms"),
        isNotNull(passwordResets.consumedAt),
        gt(passwordResets.consumedAt, new Date(now.getTime() - RESET_REPEAT_MS)),
      ),
    )
    .orderBy(desc(passwordResets.consumedAt))
    .limit(1);
  if (!used) return none;
  // Counted before comparing, atomically, as a live code's tries are.
  const [counted] = await db
    .update(passwordResets)
    .set({ attempts: sql`${passwordResets.attempts} + 1` })
    .where(and(eq(passwordResets.id, used.id), lt(passwordResets.attempts, MAX_RESET_ATTEMPTS)))
    .returning({ attempts: passwordResets.attempts });
  if (!counted) return none;
  if (!constantTimeEqual(saltedHash(new Uint8Array(used.salt), code), new Uint8Array(used.secretHash))) return none;
  const [user] = await db
    .select({ role: users.role, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, used.userId));
  if (!user?.passwordHash) return none;
  if (!(await verifyPassword(user.passwordHash, password))) return { result: null, hashed: true };
  return { result: { ok: true, userId: used.userId, role: user.role }, hashed: true };
}

async function findLink(db: Database, token: string, now: Date) {
  if (!/^[a-z2-7]{40,60}$/.test(token)) return null;
  const [row] = await db
    .select({ id: passwordResets.id })
    .from(passwordResets)
    .where(
      and(
        eq(passwordResets.secretHash, linkHash(token)),
        eq(passwordResets.channel, "email"),
        isNull(passwordResets.consumedAt),
        gt(passwordResets.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Whether an emailed link can still be used (the page shows the form, or says it has lapsed). */
export async function resetLinkIsLive(db: Database, token: string, now: Date): Promise<boolean> {
  return (await findLink(db, token, now)) !== null;
}

/** Uses an emailed link to set the new password. */
export async function resetWithLink(
  db: Database,
  { token, password }: { token: string; password: string },
  now: Date,
): Promise<ResetResult> {
  const link = await findLink(db, token, now);
  if (!link) return { ok: false, reason: "invalid" };
  return applyReset(db, link.id, password, now);
}

/** Housekeeping: resets a day past their expiry are of no use to anyone. */
export async function pruneExpiredResets(db: Database, now: Date): Promise<void> {
  await db.delete(passwordResets).where(lt(passwordResets.expiresAt, new Date(now.getTime() - 86_400_000)));
}
