// Account verbs: sign up, log in (rate-limited, refused while suspended), and the suspension check.
import { eq } from "drizzle-orm";
import { users, type UserLocale, type UserRole } from "~db/schema";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./password.server";
import { timeZoneForPhone } from "./phone.server";
import { consumeRateLimit } from "./rate-limit.server";

export interface NewAccount {
  role: UserRole;
  name: string;
  email: string;
  password: string;
  phone: string; // E.164
  locale: UserLocale;
}

export type SignupResult = { ok: true; userId: string } | { ok: false; reason: "email_taken" };

export async function createAccount(db: Database, input: NewAccount): Promise<SignupResult> {
  const passwordHash = await hashPassword(input.password);
  const [row] = await db
    .insert(users)
    .values({
      role: input.role,
      name: input.name,
      email: input.email.trim().toLowerCase(),
      passwordHash,
      phone: input.phone,
      locale: input.locale,
      timeZone: timeZoneForPhone(input.phone),
    })
    .onConflictDoNothing({ target: users.email })
    .returning({ id: users.id });
  return row ? { ok: true, userId: row.id } : { ok: false, reason: "email_taken" };
}

export type LoginResult =
  | { ok: true; userId: string; locale: UserLocale; role: UserRole }
  | { ok: false; reason: "invalid" }
  /** Only told after the right password: a suspended account is not revealed to a guesser. */
  | { ok: false; reason: "suspended" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

const LOGIN_WINDOW_SECONDS = 60;

export async function attemptLogin(
  db: Database,
  env: Pick<Env, "LOGIN_LIMIT_PER_IP" | "LOGIN_LIMIT_PER_ACCOUNT">,
  { email, password, ip }: { email: string; password: string; ip: string },
): Promise<LoginResult> {
  const [byIp, byAccount] = await Promise.all([
    consumeRateLimit(db, `login:ip:${ip}`, env.LOGIN_LIMIT_PER_IP, LOGIN_WINDOW_SECONDS),
    consumeRateLimit(db, `login:email:${email}`, env.LOGIN_LIMIT_PER_ACCOUNT, LOGIN_WINDOW_SECONDS),
  ]);
  if (!byIp.allowed || !byAccount.allowed) {
    return {
      ok: false,
      reason: "rate_limited",
      retryAfterSeconds: Math.max(
        byIp.allowed ? 0 : byIp.retryAfterSeconds,
        byAccount.allowed ? 0 : byAccount.retryAfterSeconds,
      ),
    };
  }
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
  if (!user) {
    await burnPasswordCheck(password);
    return { ok: false, reason: "invalid" };
  }
  if (!(await verifyPassword(user.passwordHash, password))) return { ok: false, reason: "invalid" };
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
