// Sessions as the Lucia guide writes them: token = id.secret, only SHA-256(secret) stored,
// sliding idle expiry under an absolute cap, a fresh session at every login.
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, lt, sql } from "drizzle-orm";
import { sessions, users, type Session, type User } from "~db/schema";
import { unreadTotalSql } from "~/chat/unread.server";
import { type Database, preparedQuery } from "~/db.server";
import type { Env } from "~/env.server";
import { localeCookie } from "~/i18n/i18n.server";
import { readCookie, serializeCookie, sessionCookieName } from "./cookies.server";

const DAY_MS = 24 * 60 * 60 * 1000;
/** Only write lastSeen/expiresAt back when it moved by this much: most requests stay read-only. */
const REFRESH_EVERY_MS = 60 * 60 * 1000;

export type SessionUser = Pick<
  User,
  "id" | "email" | "name" | "role" | "locale" | "phone" | "phoneVerifiedAt" | "deletionRequestedAt" | "timeZone"
>;
/** How long sessions last: from the environment (SESSION_IDLE_DAYS, SESSION_ABSOLUTE_DAYS). */
export type SessionPolicy = Pick<Env, "SESSION_IDLE_DAYS" | "SESSION_ABSOLUTE_DAYS">;
type CookieEnv = Pick<Env, "isProduction">;

export interface CurrentAuth {
  session: Pick<Session, "id" | "expiresAt" | "absoluteExpiresAt">;
  user: SessionUser;
  /** The viewer's unread chat messages when the session was read: the navigation's badge. */
  unread: number;
}

function randomString(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

export async function createSession(
  db: Database,
  policy: SessionPolicy,
  userId: string,
  userAgent: string | null,
  now = new Date(),
): Promise<{ token: string; absoluteExpiresAt: Date }> {
  const { SESSION_IDLE_DAYS, SESSION_ABSOLUTE_DAYS } = policy;
  const id = randomString();
  const secret = randomString();
  const absoluteExpiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_DAYS * DAY_MS);
  const expiresAt = new Date(Math.min(now.getTime() + SESSION_IDLE_DAYS * DAY_MS, absoluteExpiresAt.getTime()));
  await db.insert(sessions).values({
    id,
    secretHash: hashSecret(secret),
    userId,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    absoluteExpiresAt,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token: `${id}.${secret}`, absoluteExpiresAt };
}

export async function validateSessionToken(
  db: Database,
  policy: SessionPolicy,
  token: string,
  now = new Date(),
): Promise<CurrentAuth | null> {
  const dot = token.indexOf(".");
  if (dot <= 0 || token.length > 200) return null;
  const id = token.slice(0, dot);
  const secret = token.slice(dot + 1);
  const [row] = await preparedQuery(db, "session_by_id", (db) =>
    db
      .select({
        id: sessions.id,
        secretHash: sessions.secretHash,
        expiresAt: sessions.expiresAt,
        absoluteExpiresAt: sessions.absoluteExpiresAt,
        lastSeenAt: sessions.lastSeenAt,
        user: {
          id: users.id,
          email: users.email,
          name: users.name,
          role: users.role,
          locale: users.locale,
          phone: users.phone,
          phoneVerifiedAt: users.phoneVerifiedAt,
          deletionRequestedAt: users.deletionRequestedAt,
          timeZone: users.timeZone,
        },
        suspendedAt: users.suspendedAt,
        // Read with the session, so the badge on every signed-in page costs no query of its own.
        unread: unreadTotalSql(),
      })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(eq(sessions.id, sql.placeholder("id")))
      .limit(1)
      .prepare("session_by_id"),
  ).execute({ id });
  if (!row) return null;
  if (!constantTimeEqual(hashSecret(secret), new Uint8Array(row.secretHash))) return null;
  // Suspension deletes the account's sessions; this covers one created in the same instant.
  if (row.suspendedAt) return null;
  if (now >= row.expiresAt || now >= row.absoluteExpiresAt) {
    await db.delete(sessions).where(eq(sessions.id, id));
    return null;
  }
  let expiresAt = row.expiresAt;
  if (now.getTime() - row.lastSeenAt.getTime() >= REFRESH_EVERY_MS) {
    const idleMs = policy.SESSION_IDLE_DAYS * DAY_MS;
    expiresAt = new Date(Math.min(now.getTime() + idleMs, row.absoluteExpiresAt.getTime()));
    await db.update(sessions).set({ expiresAt, lastSeenAt: now }).where(eq(sessions.id, id));
  }
  return {
    session: { id: row.id, expiresAt, absoluteExpiresAt: row.absoluteExpiresAt },
    user: row.user,
    unread: row.unread,
  };
}

export async function invalidateSession(db: Database, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

export async function invalidateUserSessions(db: Database, userId: string): Promise<number> {
  const deleted = await db.delete(sessions).where(eq(sessions.userId, userId)).returning({ id: sessions.id });
  return deleted.length;
}

export async function deleteExpiredSessions(db: Database, now = new Date()): Promise<void> {
  await db.delete(sessions).where(and(lt(sessions.expiresAt, now)));
}

/**
 * Logs a user in, whichever way they proved who they are (password, texted code, reset): a new session,
 * and the cookies that go with it (as Set-Cookie headers), the session's and the account's language. Every page's language
 * comes from the account once the root's loader runs, but a page drawn without it (an action's error
 * page, which the root's boundary draws before any loader) falls back to the language cookie: a carer
 * logged in by code on an English phone got those pages in English (an outside probe).
 */
export async function signIn(
  db: Database,
  env: SessionPolicy & CookieEnv,
  userId: string,
  userAgent: string | null,
  now = new Date(),
): Promise<{ headers: [string, string][] }> {
  const { token, absoluteExpiresAt } = await createSession(db, env, userId, userAgent, now);
  const [user] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  const cookies = [sessionCookie(env, token, absoluteExpiresAt, now)];
  if (user) cookies.push(localeCookie(env, user.locale));
  return { headers: cookies.map((cookie): [string, string] => ["Set-Cookie", cookie]) };
}

export function readSessionToken(env: CookieEnv, request: Request): string | null {
  return readCookie(request, sessionCookieName(env));
}

export function sessionCookie(env: CookieEnv, token: string, absoluteExpiresAt: Date, now = new Date()): string {
  return serializeCookie(env, sessionCookieName(env), token, {
    maxAgeSeconds: (absoluteExpiresAt.getTime() - now.getTime()) / 1000,
  });
}

export function clearSessionCookie(env: CookieEnv): string {
  return serializeCookie(env, sessionCookieName(env), "", { maxAgeSeconds: 0 });
}
