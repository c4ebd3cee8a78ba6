// Account settings (ADR 021): name, email (needs the password), password (needs the current one and
// ends the other sessions) and language. Each takes the acting user and changes only that account.
import { and, eq, ne } from "drizzle-orm";
import { sessions, users, type UserLocale } from "~db/schema";
import { hashPassword, verifyPassword } from "~/auth/password.server";
import { type Reservation, reserveRateLimit } from "~/auth/rate-limit.server";
import type { Database } from "~/db.server";
import type { Logger } from "~/logger.server";
import { sendMail } from "./mail.server";
import { renderMail } from "./mail-templates";

export interface AccountViewer {
  id: string;
}

export type PasswordCheck = { ok: true } | { ok: false; error: "wrong_password" | "rate_limited" };

/**
 * Takes one of the account's tries at its password for a sensitive change (10 wrong ones per 15
 * minutes), so a stolen session cannot be used to guess it. Taken before the password is checked
 * (tries sent at once cannot all pass a look at the count), and given back unless it was wrong: the
 * limit says "too many wrong passwords", and right ones had counted (an outside probe). Callers that
 * run the change inside a transaction take it first, outside it: a rolled-back count would not count.
 * Refused when none is left (the try is given back then too).
 */
export async function reservePasswordAttempt(db: Database, viewer: AccountViewer): Promise<Reservation> {
  const attempt = await reserveRateLimit(db, `password-confirm:${viewer.id}`, 10, 900);
  if (!attempt.allowed) await attempt.release();
  return attempt;
}

/**
 * "That email is taken" tells whoever asks that an account uses the address, which sign-up, login
 * and a forgotten password never say (ADR 015). Until a new address is confirmed by a link (not built:
 * there is no mail transport), an account may hear it EMAIL_TAKEN_PER_DAY times a day; after that
 * every change of email waits, taken or not, so the refusal says nothing either. Counted outside the
 * change's transaction, which the refusal rolls back.
 */
const EMAIL_TAKEN_PER_DAY = 3;

/**
 * Takes one of the day's "taken" answers before the change is tried (changes sent at once cannot all
 * pass a look at the count); the caller releases it unless the answer was "taken". Refused when the
 * day's answers are used up (the slot is given back then too).
 */
export async function reserveEmailTaken(db: Database, viewer: AccountViewer): Promise<Reservation> {
  const reservation = await reserveRateLimit(db, `email-taken:${viewer.id}`, EMAIL_TAKEN_PER_DAY, 86_400);
  if (!reservation.allowed) await reservation.release();
  return reservation;
}

/**
 * Whether `password` is the account's password now: a repeated password change, whose new password
 * is already set, took effect (the caller has taken the try).
 */
export async function isCurrentPassword(db: Database, viewer: AccountViewer, password: string): Promise<boolean> {
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, viewer.id)).limit(1);
  return Boolean(row) && (await verifyPassword(row!.hash, password));
}

/** The current password, asked again before a sensitive change; a wrong one counted unless the caller counts. */
export async function confirmPassword(
  db: Database,
  viewer: AccountViewer,
  password: string,
  { counted = false }: { counted?: boolean } = {},
): Promise<PasswordCheck> {
  const attempt = counted ? null : await reservePasswordAttempt(db, viewer);
  if (attempt && !attempt.allowed) return { ok: false, error: "rate_limited" };
  const [row] = await db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, viewer.id)).limit(1);
  if (!row || !(await verifyPassword(row.hash, password))) return { ok: false, error: "wrong_password" };
  await attempt?.release();
  return { ok: true };
}

export async function changeName(db: Database, viewer: AccountViewer, name: string): Promise<void> {
  await db.update(users).set({ name }).where(eq(users.id, viewer.id));
}

export async function changeLanguage(db: Database, viewer: AccountViewer, locale: UserLocale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, viewer.id));
}

/** The clock the account's pages are shown on, and its texts' quiet hours are kept by. */
export async function changeTimeZone(db: Database, viewer: AccountViewer, timeZone: string): Promise<void> {
  await db.update(users).set({ timeZone }).where(eq(users.id, viewer.id));
}

export type EmailChangeResult =
  | { ok: true }
  | { ok: false; error: "wrong_password" | "rate_limited" | "email_taken" | "same_email" };

/** Changes the address once the password is confirmed; the old address is told (a hijack shows). */
export async function changeEmail(
  db: Database,
  logger: Logger,
  viewer: AccountViewer,
  { email, currentPassword }: { email: string; currentPassword: string },
  now: Date,
  { counted = false }: { counted?: boolean } = {},
): Promise<EmailChangeResult> {
  const checked = await confirmPassword(db, viewer, currentPassword, { counted });
  if (!checked.ok) return checked;
  const [me] = await db
    .select({ email: users.email, locale: users.locale })
    .from(users)
    .where(eq(users.id, viewer.id))
    .limit(1);
  if (!me) return { ok: false, error: "wrong_password" };
  if (me.email === email) return { ok: false, error: "same_email" };
  try {
    await db.transaction(async (tx) => {
      await tx.update(users).set({ email }).where(eq(users.id, viewer.id));
      const mail = renderMail("email_changed", me.locale, { email });
      await sendMail(tx, logger, { userId: viewer.id, to: me.email, kind: "email_changed", ...mail }, now);
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, error: "email_taken" };
    throw error;
  }
  return { ok: true };
}

/** A unique index refused the write (drivers and drizzle wrap the database error differently). */
function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === "23505" || /unique|duplicate key/i.test(e.message ?? "")) return true;
  }
  return false;
}

export type PasswordChangeResult =
  | { ok: true; endedSessions: number }
  | { ok: false; error: "wrong_password" | "rate_limited" };

/** Sets a new password once the current one is confirmed, and ends every session but `keepSessionId`. */
export async function changePassword(
  db: Database,
  logger: Logger,
  viewer: AccountViewer,
  {
    currentPassword,
    newPassword,
    keepSessionId,
  }: { currentPassword: string; newPassword: string; keepSessionId: string },
  now: Date,
  { counted = false }: { counted?: boolean } = {},
): Promise<PasswordChangeResult> {
  const checked = await confirmPassword(db, viewer, currentPassword, { counted });
  if (!checked.ok) return checked;
  const passwordHash = await hashPassword(newPassword);
  return db.transaction(async (tx) => {
    const [me] = await tx
      .update(users)
      .set({ passwordHash })
      .where(eq(users.id, viewer.id))
      .returning({ email: users.email, locale: users.locale });
    const ended = await tx
      .delete(sessions)
      .where(and(eq(sessions.userId, viewer.id), ne(sessions.id, keepSessionId)))
      .returning({ id: sessions.id });
    if (me) {
      const mail = renderMail("password_changed", me.locale, {});
      await sendMail(tx, logger, { userId: viewer.id, to: me.email, kind: "password_changed", ...mail }, now);
    }
    return { ok: true, endedSessions: ended.length } as const;
  });
}
