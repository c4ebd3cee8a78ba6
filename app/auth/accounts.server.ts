// Account verbs: sign up, log in (rate-limited, refused while suspended), and the suspension check.
// Neither reveals which emails have an account (docs/decisions/015-login-throttling-and-enumeration.md).
import { eq } from "drizzle-orm";
import { users, type UserLocale, type UserRole } from "~db/schema";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import { recordSubmission, type Submission, tookEffect } from "~/http/once.server";
import type { Jobs } from "~/jobs/jobs.server";
import { queueSms } from "~/sms/sms.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password.server";
import { SignupSchema } from "./schemas";
import { checkPhoneField, mobileProblem, timeZoneForPhone } from "./phone.server";
import { consumeRateLimit, reserveRateLimit } from "./rate-limit.server";

/** SignupSchema with the number read as a number (checkPhoneField): its problem comes with the form's others. */
export const SignupSchemaWithPhone = SignupSchema.superRefine(
  (v, ctx) => checkPhoneField(ctx, v.phone, ["phone"], mobileProblem),
  { when: () => true },
);

export interface NewAccount {
  role: UserRole;
  name: string;
  email: string;
  password: string;
  phone: string; // E.164
  locale: UserLocale;
  /** Where the person is, from their browser; without it, the phone number's country decides. */
  timeZone?: string;
}

export type SignupResult = { ok: true; userId: string } | { ok: false; reason: "email_taken" };

/**
 * `submission`, the sign-up form's key and fingerprint, is written with the account, in its
 * transaction (the password hash is taken before it opens): a retry of that post that finds the
 * account finds the submission too.
 */
export async function createAccount(
  db: Database,
  input: NewAccount,
  { submission = null }: { submission?: Submission | null } = {},
): Promise<SignupResult> {
  const passwordHash = await hashPassword(input.password);
  const insert = async (tx: Database): Promise<SignupResult> => {
    const [row] = await tx
      .insert(users)
      .values({
        role: input.role,
        name: input.name,
        email: input.email.trim().toLowerCase(),
        passwordHash,
        phone: input.phone,
        locale: input.locale,
        timeZone: input.timeZone ?? timeZoneForPhone(input.phone),
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!row) return { ok: false, reason: "email_taken" };
    if (submission) await recordSubmission(tx, row.id, submission, "/login");
    return { ok: true, userId: row.id };
  };
  return submission ? db.transaction(insert) : insert(db);
}

export type SignupOutcome =
  /** `notify`: queues the owner's notice; the caller runs it after its answer has gone. */
  { ok: true; notify?: () => Promise<unknown> } | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

const SIGNUP_WINDOW_SECONDS = 3600;

/**
 * Sign-up that does not tell whether the email has an account: a new email gets its account, a
 * taken one gets nothing but a text to the owner's verified number ("someone tried to sign up with
 * your email"; at most one an hour), and both answer the same, at the same cost (one argon2 hash
 * and one insert; the notice is queued after the answer).
 * Nobody is logged in by signing up: the new owner logs in with the password just chosen.
 * `submission` is the form's key and fingerprint: a retry of the post that made the account (a double
 * click, a lost answer) finds the email taken by that very post, and is no attempt to warn anyone of.
 */
export async function signUp(
  db: Database,
  jobs: Jobs,
  env: Env,
  input: NewAccount & { ip: string; submission: Submission | null },
  now = new Date(),
): Promise<SignupOutcome> {
  const limit = await consumeRateLimit(
    db,
    `signup:ip:${input.ip}`,
    env.SIGNUP_LIMIT_PER_IP_HOUR,
    SIGNUP_WINDOW_SECONDS,
  );
  if (!limit.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: limit.retryAfterSeconds };
  const { submission } = input;
  const created = await createAccount(db, input, { submission });
  if (created.ok) return { ok: true };
  // Run by the caller once its answer has gone (app/http/after-response.server.ts).
  const notify = async () => {
    const [owner] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email)).limit(1);
    if (!owner) return;
    if (submission && (await tookEffect(db, owner.id, submission))) return;
    // queueSms sends only to a verified number, and once per event: one notice an hour at most.
    const hour = now.toISOString().slice(0, 13);
    await queueSms(db, jobs, env, {
      event: `signup-attempt:${hour}`,
      kind: "account_notice",
      userId: owner.id,
      params: {},
    });
  };
  return { ok: true, notify };
}

export type LoginResult =
  | { ok: true; userId: string; locale: UserLocale; role: UserRole }
  | { ok: false; reason: "invalid" }
  /** Only told after the right password: a suspended account is not revealed to a guesser. */
  | { ok: false; reason: "suspended" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number }
  /** Too many wrong passwords for this account from everywhere: only an SMS code logs it in for now. */
  | { ok: false; reason: "use_sms"; retryAfterSeconds: number };

const LOGIN_WINDOW_SECONDS = 60;
const ACCOUNT_WINDOW_SECONDS = 3600;
/** Wrong passwords for one account, from all addresses together, before password login pauses. */
export const ACCOUNT_FAILURES_PER_HOUR = 100;

/**
 * Password login, throttled without locking the owner out:
 * - per IP, every attempt counts (LOGIN_LIMIT_PER_IP a minute);
 * - per account and IP, wrong passwords count (LOGIN_LIMIT_PER_ACCOUNT a minute): an attacker's
 *   address slows down, the owner's does not;
 * - per account from everywhere, wrong passwords count (ACCOUNT_FAILURES_PER_HOUR): a spread-out
 *   attack pauses password login for that account, and the owner logs in by SMS code meanwhile.
 * Each attempt takes a failure slot before the password is checked (reserveRateLimit), so attempts
 * sent at once cannot all pass; a right password, or a refusal, gives it back and never uses up the
 * allowance.
 */
export async function attemptLogin(
  db: Database,
  env: Pick<Env, "LOGIN_LIMIT_PER_IP" | "LOGIN_LIMIT_PER_ACCOUNT">,
  { email, password, ip }: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const pairKey = `login:fail:${email}:${ip}`;
  const accountKey = `login:fail:${email}`;
  const [byIp, byPair, byAccount] = await Promise.all([
    consumeRateLimit(db, `login:ip:${ip}`, env.LOGIN_LIMIT_PER_IP, LOGIN_WINDOW_SECONDS),
    reserveRateLimit(db, pairKey, env.LOGIN_LIMIT_PER_ACCOUNT, LOGIN_WINDOW_SECONDS),
    reserveRateLimit(db, accountKey, ACCOUNT_FAILURES_PER_HOUR, ACCOUNT_WINDOW_SECONDS),
  ]);
  const notAFailure = () => Promise.all([byPair.release(), byAccount.release()]);
  if (!byIp.allowed || !byPair.allowed || !byAccount.allowed) await notAFailure();
  if (!byIp.allowed || !byPair.allowed) {
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.max(
        byIp.allowed ? 0 : byIp.retryAfterSeconds,
        byPair.allowed ? 0 : byPair.retryAfterSeconds,
      ),
    };
  }
  if (!byAccount.allowed) return { ok: false, reason: "use_sms", retryAfterSeconds: byAccount.retryAfterSeconds };
  const [user] = await db
    .select({
      id: users.id,
      passwordHash: users.passwordHash,
      locale: users.locale,
      role: users.role,
      suspendedAt: users.suspendedAt,
    })
    .from(users)
    .where(eq(users.email, email))
    .limit(1);
  let right = false;
  if (user) right = await verifyPassword(user.passwordHash, password);
  else await burnPasswordCheck(password);
  // A wrong password keeps its slots: it is the failure they count.
  if (!user || !right) return { ok: false, reason: "invalid" };
  await notAFailure();
  if (user.suspendedAt) return { ok: false, reason: "suspended" };
  return { ok: true, userId: user.id, locale: user.locale, role: user.role };
}

/** Whether an admin suspended this account (no session is made for it: login says why). */
export async function isSuspended(db: Database, userId: string): Promise<boolean> {
  const [row] = await db.select({ at: users.suspendedAt }).from(users).where(eq(users.id, userId)).limit(1);
  return Boolean(row?.at);
}

export async function setUserLocale(db: Database, userId: string, locale: UserLocale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
