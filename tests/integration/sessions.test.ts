// Session lifetime rules and the database-backed rate limiter, on the real database.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions } from "~db/schema";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import { createSession, invalidateUserSessions, validateSessionToken } from "~/auth/session.server";
import { makeUser } from "../support/fixtures";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.dispose());
const db = () => database.handle.db;
const DAY = 86_400_000;
/** The defaults of SESSION_IDLE_DAYS and SESSION_ABSOLUTE_DAYS, which these tests are about. */
const POLICY = { SESSION_IDLE_DAYS: 30, SESSION_ABSOLUTE_DAYS: 90 };

describe("sessions", () => {
  it("validates a token and refuses a wrong secret or malformed token", async () => {
    const user = await makeUser(db(), "family");
    const { token } = await createSession(db(), POLICY, user.id, null);
    expect((await validateSessionToken(db(), POLICY, token))?.user.id).toBe(user.id);
    expect(await validateSessionToken(db(), POLICY, `${token.split(".")[0]}.${"a".repeat(39)}`)).toBeNull();
    expect(await validateSessionToken(db(), POLICY, "no-dot")).toBeNull();
    expect(await validateSessionToken(db(), POLICY, `.${"x".repeat(5)}`)).toBeNull();
  });

  it("slides the idle expiry forward on use but never past the absolute cap", async () => {
    const user = await makeUser(db(), "carer");
    const t0 = new Date("2026-01-01T00:00:00Z");
    const { token } = await createSession(db(), POLICY, user.id, null, t0);
    const id = token.split(".")[0]!;
    // Used every 20 days: idle expiry (30 d) keeps moving...
    let at = t0;
    for (let i = 0; i < 4; i++) {
      at = new Date(at.getTime() + 20 * DAY);
      const auth = await validateSessionToken(db(), POLICY, token, at);
      expect(auth, `day ${(at.getTime() - t0.getTime()) / DAY}`).not.toBeNull();
      expect(auth!.session.expiresAt.getTime()).toBeLessThanOrEqual(t0.getTime() + 90 * DAY);
    }
    // ...but the 90-day absolute cap ends it however active the user is.
    expect(await validateSessionToken(db(), POLICY, token, new Date(t0.getTime() + 90 * DAY))).toBeNull();
    expect(await db().select().from(sessions).where(eq(sessions.id, id))).toHaveLength(0);
  });

  it("expires after the idle period without use", async () => {
    const user = await makeUser(db(), "carer");
    const t0 = new Date("2026-02-01T00:00:00Z");
    const { token } = await createSession(db(), POLICY, user.id, null, t0);
    expect(await validateSessionToken(db(), POLICY, token, new Date(t0.getTime() + 31 * DAY))).toBeNull();
  });

  it("writes to the database at most hourly while a session is in use", async () => {
    const user = await makeUser(db(), "family");
    const t0 = new Date("2026-03-01T00:00:00Z");
    const { token } = await createSession(db(), POLICY, user.id, null, t0);
    const id = token.split(".")[0]!;
    await validateSessionToken(db(), POLICY, token, new Date(t0.getTime() + 10 * 60_000));
    const [unchanged] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(unchanged!.lastSeenAt.getTime()).toBe(t0.getTime());
    await validateSessionToken(db(), POLICY, token, new Date(t0.getTime() + 61 * 60_000));
    const [moved] = await db().select().from(sessions).where(eq(sessions.id, id));
    expect(moved!.lastSeenAt.getTime()).toBe(t0.getTime() + 61 * 60_000);
  });

  it("ends every session of a user", async () => {
    const user = await makeUser(db(), "family");
    const a = await createSession(db(), POLICY, user.id, null);
    const b = await createSession(db(), POLICY, user.id, null);
    expect(await invalidateUserSessions(db(), user.id)).toBe(2);
    expect(await validateSessionToken(db(), POLICY, a.token)).toBeNull();
    expect(await validateSessionToken(db(), POLICY, b.token)).toBeNull();
  });
});

describe("rate limits", () => {
  it("allows the limit and refuses the next hit in the window", async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await consumeRateLimit(db(), "t:serial", 3, 60));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3]!.retryAfterSeconds).toBeLessThanOrEqual(60);
  });

  it("counts concurrent hits exactly", async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => consumeRateLimit(db(), "t:concurrent", 5, 60)));
    expect(results.filter((r) => r.allowed)).toHaveLength(5);
    expect(results.map((r) => r.count).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
  });

  it("starts a new window once the old one has passed", async () => {
    await consumeRateLimit(db(), "t:window", 1, 1);
    expect((await consumeRateLimit(db(), "t:window", 1, 1)).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await consumeRateLimit(db(), "t:window", 1, 1)).allowed).toBe(true);
  });
});
