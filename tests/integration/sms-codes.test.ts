// Phone-code rules on the real database: per-number and per-IP limits, expiry, the daily cap.
import { eq, like, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { phoneCodes, rateLimits, smsMessages, users } from "~db/schema";
import { checkCode, pendingCode, requestLoginCode, requestVerificationCode } from "~/sms/verification.server";
import { createSmsHarness, type SmsHarness } from "../support/sms-harness";

let h: SmsHarness;
beforeAll(async () => {
  h = await createSmsHarness({ SMS_DAILY_CAP: "40", SMS_CODE_LIMIT_PER_IP_HOUR: "12" });
});
afterAll(() => h?.close());
const db = () => h.database.handle.db;
let n = 0;
const freshPhone = () => `+86158${String(process.pid % 10000).padStart(4, "0")}${String(++n).padStart(4, "0")}`;
const ip = () => `10.0.0.${n}`;

/** Moves a number's per-minute window into the past, as if a minute had gone by. */
async function aMinuteLater(phone: string) {
  await db()
    .update(rateLimits)
    .set({ windowStart: sql`now() - interval '61 seconds'` })
    .where(eq(rateLimits.key, `code:min:${phone}`));
}

describe("sending limits", () => {
  it("allows 1 a minute and 5 an hour per number", async () => {
    const user = await h.verifiedUser();
    const phone = freshPhone();
    const send = () => requestVerificationCode(db(), h.jobs, h.env, { userId: user.id, phone, ip: ip() });
    expect(await send()).toEqual({ ok: true });
    expect(await send()).toMatchObject({ ok: false, reason: "rate_limited" });
    for (let i = 0; i < 3; i++) {
      await aMinuteLater(phone);
      expect(await send()).toEqual({ ok: true });
    }
    await aMinuteLater(phone);
    // The double tap refused above did not use up the hour: this is the 5th code...
    expect(await send()).toMatchObject({ ok: true });
    await aMinuteLater(phone);
    // ...and the hour limit holds the 6th.
    const sixth = await send();
    expect(sixth).toMatchObject({ ok: false, reason: "rate_limited" });
    expect((sixth as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(60);
  });

  it("allows 10 a day per number", async () => {
    const user = await h.verifiedUser();
    const phone = freshPhone();
    const results = [];
    for (let i = 0; i < 11; i++) {
      await aMinuteLater(phone);
      await db()
        .update(rateLimits)
        .set({ windowStart: sql`now() - interval '2 hours'` })
        .where(eq(rateLimits.key, `code:hour:${phone}`));
      results.push(
        (await requestVerificationCode(db(), h.jobs, h.env, { userId: user.id, phone, ip: `${ip()}-${i}` })).ok,
      );
    }
    expect(results).toEqual([...Array(10).fill(true), false]);
  });

  it("limits codes per IP across many numbers", async () => {
    const user = await h.verifiedUser();
    const attacker = "203.0.113.7";
    const results = [];
    for (let i = 0; i < 13; i++)
      results.push(
        (await requestVerificationCode(db(), h.jobs, h.env, { userId: user.id, phone: freshPhone(), ip: attacker })).ok,
      );
    expect(results.filter(Boolean)).toHaveLength(12);
    expect(results.at(-1)).toBe(false);
  });

  it("refuses countries outside the allow-list", async () => {
    const user = await h.verifiedUser();
    expect(
      await requestVerificationCode(db(), h.jobs, h.env, { userId: user.id, phone: "+2348031234567", ip: ip() }),
    ).toEqual({ ok: false, reason: "country_not_allowed" });
  });

  it("answers for a number verified on another account as for any other, and sends it no code", async () => {
    const owner = await h.verifiedUser();
    const other = await h.verifiedUser();
    expect(
      await requestVerificationCode(db(), h.jobs, h.env, { userId: other.id, phone: owner.phone, ip: ip() }),
    ).toEqual({ ok: true });
    const texts = await db().select().from(smsMessages).where(eq(smsMessages.toPhone, owner.phone));
    expect(texts.filter((m) => m.kind === "verification_code")).toHaveLength(0);
    // A stand-in row shows the asker a code box as for any number (pendingCode); no typed code matches it.
    expect(await pendingCode(db(), { userId: other.id, purpose: "verify_phone" })).toMatchObject({
      phone: owner.phone,
    });
    // Asked for one number, a code for another is not pending (a parent's number edited since).
    expect(await pendingCode(db(), { userId: other.id, purpose: "verify_phone", phone: freshPhone() })).toBeNull();
    for (const code of ["000000", "------", ""])
      expect(
        await checkCode(db(), { phone: owner.phone, purpose: "verify_phone", code, userId: other.id }),
      ).toMatchObject({ ok: false });
  });
});

describe("checking codes", () => {
  async function issued() {
    const user = await h.verifiedUser();
    const phone = freshPhone();
    await requestVerificationCode(db(), h.jobs, h.env, { userId: user.id, phone, ip: ip() });
    const [message] = await db().select().from(smsMessages).where(eq(smsMessages.toPhone, phone));
    return { user, phone, code: String(message!.params.code) };
  }

  it("stores only a salted hash of the code", async () => {
    const { phone, code } = await issued();
    const [row] = await db().select().from(phoneCodes).where(eq(phoneCodes.phone, phone));
    expect(Buffer.from(row!.codeHash).toString("hex")).not.toContain(Buffer.from(code).toString("hex"));
    expect(row!.codeHash).toHaveLength(32);
  });

  it("expires after 10 minutes", async () => {
    const { user, phone, code } = await issued();
    await db()
      .update(phoneCodes)
      .set({ expiresAt: sql`now() - interval '1 second'` })
      .where(eq(phoneCodes.phone, phone));
    expect(await checkCode(db(), { phone, purpose: "verify_phone", code, userId: user.id })).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("counts parallel guesses exactly: at most 5 tries", async () => {
    const { user, phone, code } = await issued();
    const wrong = String((Number(code) + 7) % 1_000_000).padStart(6, "0");
    const results = await Promise.all(
      Array.from({ length: 12 }, () =>
        checkCode(db(), { phone, purpose: "verify_phone", code: wrong, userId: user.id }),
      ),
    );
    expect(results.every((r) => !r.ok)).toBe(true);
    const [row] = await db().select().from(phoneCodes).where(eq(phoneCodes.phone, phone));
    expect(row!.attempts).toBe(5);
    expect(await checkCode(db(), { phone, purpose: "verify_phone", code, userId: user.id })).toEqual({
      ok: false,
      reason: "too_many_attempts",
    });
  });

  it("does not accept a code issued to another user or for another purpose", async () => {
    const { phone, code } = await issued();
    const stranger = await h.verifiedUser();
    expect(await checkCode(db(), { phone, purpose: "verify_phone", code, userId: stranger.id })).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(await checkCode(db(), { phone, purpose: "login", code })).toEqual({ ok: false, reason: "invalid" });
  });

  it("a new code replaces the previous one", async () => {
    const { user, phone, code: first } = await issued();
    await aMinuteLater(phone);
    await requestVerificationCode(db(), h.jobs, h.env, { userId: user.id, phone, ip: ip() });
    const messages = await db().select().from(smsMessages).where(eq(smsMessages.toPhone, phone));
    const second = String(messages.map((m) => m.params.code).find((c) => c !== first));
    if (second !== first)
      expect(await checkCode(db(), { phone, purpose: "verify_phone", code: first, userId: user.id })).toMatchObject({
        ok: false,
      });
    expect(await checkCode(db(), { phone, purpose: "verify_phone", code: second, userId: user.id })).toEqual({
      ok: true,
      userId: user.id,
    });
  });
});

describe("daily cap", () => {
  it("stops sending codes once the day's cap is reached", async () => {
    const day = new Date().toISOString().slice(0, 10);
    await db()
      .insert(rateLimits)
      .values({ key: `code:daily-cap:${day}`, windowStart: new Date(), count: 40 })
      .onConflictDoUpdate({ target: rateLimits.key, set: { count: 40 } });
    const user = await h.verifiedUser();
    const phone = freshPhone();
    expect(await requestVerificationCode(db(), h.jobs, h.env, { userId: user.id, phone, ip: ip() })).toEqual({
      ok: false,
      reason: "daily_cap",
    });
    expect(await db().select().from(smsMessages).where(eq(smsMessages.toPhone, phone))).toHaveLength(0);
    // Login codes report the cap too, the same for a carer's number as for any other.
    const carer = await h.verifiedUser("carer");
    expect(await requestLoginCode(db(), h.jobs, h.env, { phone: carer.phone, ip: ip() })).toEqual({
      ok: false,
      reason: "daily_cap",
    });
    expect(await requestLoginCode(db(), h.jobs, h.env, { phone: freshPhone(), ip: ip() })).toEqual({
      ok: false,
      reason: "daily_cap",
    });
    await db().delete(rateLimits).where(like(rateLimits.key, "code:daily-cap:%"));
    expect(await db().select().from(users).where(eq(users.phone, phone))).toHaveLength(0);
  });
});
