// SMS delivery end to end: our queue and worker, the official twilio client, a fake Twilio over real HTTP.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smsMessages, smsOptOuts, type SmsMessage } from "~db/schema";
import { queryRows } from "~/db.server";
import { createLogger } from "~/logger.server";
import { deliverSms, deliverSmsBatch, RetryableSmsError } from "~/sms/delivery.server";
import { queueSms } from "~/sms/sms.server";
import { createTwilioClient } from "~/sms/twilio.server";
import { createSmsHarness, type SmsHarness } from "../support/sms-harness";
import { waitUntil } from "../support/wait";

let h: SmsHarness;
beforeAll(async () => {
  h = await createSmsHarness();
  await h.startWorkers();
});
afterAll(() => h?.close());

const db = () => h.database.handle.db;
let eventCounter = 0;
const event = (name: string) => `${name}:${++eventCounter}`;

async function message(id: string): Promise<SmsMessage> {
  const [row] = await db().select().from(smsMessages).where(eq(smsMessages.id, id));
  return row!;
}

async function settled(id: string, statuses = ["accepted", "failed", "sent", "delivered", "suppressed"]) {
  return waitUntil(
    async () => {
      const row = await message(id);
      return statuses.includes(row.status) ? row : null;
    },
    { what: `message ${id} to settle` },
  );
}

async function jobState(messageId: string): Promise<string | undefined> {
  const rows = await queryRows<{ state: string }>(
    db(),
    sql`select state from pgboss.job where name = 'sms-send' and data->>'messageId' = ${messageId}`,
  );
  return rows[0]?.state;
}

/** A recorded, not yet queued message, for delivering by hand as a worker would. */
async function recordMessage(user: { id: string; phone: string }, name: string): Promise<SmsMessage> {
  const key = event(name);
  const [row] = await db()
    .insert(smsMessages)
    .values({
      idempotencyKey: key,
      userId: user.id,
      toPhone: user.phone,
      kind: "visit_reminder",
      locale: "en",
      params: {},
      body: `Reminder ${key}`,
      segments: 1,
      encoding: "GSM-7",
      urgent: false,
    })
    .returning();
  return row!;
}

const sentTo = (phone: string) => h.fake.messages.filter((m) => m.to === phone);

describe("delivery through the queue", () => {
  it("sends a confirmed visit text once, in the recipient's language, with a status callback", async () => {
    const user = await h.verifiedUser("family", "zh-CN");
    const queued = await queueSms(db(), h.jobs, h.env, {
      event: event("visit-confirmed"),
      kind: "visit_confirmed",
      userId: user.id,
      params: { visitId: "v-1", carerName: "王芳", parentName: "李奶奶", when: "11月23日 10:00" },
    });
    expect(queued.status).toBe("queued");
    const row = await settled(queued.id);
    expect(row.status).toBe("accepted");
    expect(row.twilioSid).toMatch(/^SM[0-9a-f]{32}$/);
    const [sms] = sentTo(user.phone);
    expect(sms!.body).toContain("探访已预约");
    expect(sms!.body).toContain("https://kinvisit.test/visits/v-1");
    expect(sms!.messagingServiceSid).toBe(h.fake.messagingServiceSid);
    expect(sms!.statusCallback).toBe(`https://kinvisit.test/webhooks/twilio/status?m=${queued.id}`);
    expect(row.encoding).toBe("UCS-2");
  });

  it("500, 500, then 201 → exactly one message", async () => {
    const user = await h.verifiedUser();
    h.fake.failNext(2, 500);
    const before = h.fake.createRequests;
    const queued = await queueSms(db(), h.jobs, h.env, {
      event: event("retry"),
      kind: "visit_reminder",
      userId: user.id,
      params: { visitId: "v", parentName: "Mum", when: "10:00" },
    });
    const row = await settled(queued.id, ["accepted", "failed"]);
    expect(row.status).toBe("accepted");
    expect(row.attempts).toBe(3);
    expect(h.fake.createRequests - before).toBe(3);
    expect(sentTo(user.phone)).toHaveLength(1);
  });

  it("429 is retried too", async () => {
    const user = await h.verifiedUser();
    h.fake.failNext(1, 429, 20429, "Too Many Requests");
    const queued = await queueSms(db(), h.jobs, h.env, {
      event: event("429"),
      kind: "visit_reminder",
      userId: user.id,
      params: { visitId: "v", parentName: "Mum", when: "10:00" },
    });
    expect((await settled(queued.id, ["accepted", "failed"])).status).toBe("accepted");
    expect(sentTo(user.phone)).toHaveLength(1);
  });

  it("400 → failed with the reason, and no retry", async () => {
    const user = await h.verifiedUser();
    h.fake.failNext(1, 400, 21211, "Invalid 'To' Phone Number");
    const before = h.fake.createRequests;
    const queued = await queueSms(db(), h.jobs, h.env, {
      event: event("400"),
      kind: "visit_reminder",
      userId: user.id,
      params: { visitId: "v", parentName: "Mum", when: "10:00" },
    });
    const row = await settled(queued.id, ["failed", "accepted"]);
    expect(row).toMatchObject({ status: "failed", errorCode: "21211", attempts: 1 });
    expect(row.errorMessage).toContain("Invalid 'To'");
    await waitUntil(async () => (await jobState(queued.id)) === "completed", { what: "job completed" });
    expect(h.fake.createRequests - before).toBe(1);
  });

  it("a rolled-back transaction sends nothing and leaves no job", async () => {
    const user = await h.verifiedUser();
    const name = event("rolled-back");
    await expect(
      db().transaction(async (tx) => {
        await queueSms(tx, h.jobs, h.env, {
          event: name,
          kind: "visit_reminder",
          userId: user.id,
          params: { visitId: "v", parentName: "Mum", when: "10:00" },
        });
        throw new Error("the visit could not be booked");
      }),
    ).rejects.toThrow("could not be booked");
    expect(
      await db()
        .select()
        .from(smsMessages)
        .where(eq(smsMessages.idempotencyKey, `${name}:${user.id}`)),
    ).toHaveLength(0);
    const jobs = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from pgboss.job j where j.name = 'sms-send' and not exists (select 1 from sms_messages m where m.id::text = j.data->>'messageId')`,
    );
    expect(jobs[0]!.n).toBe(0);
    expect(sentTo(user.phone)).toHaveLength(0);
  });

  it("a committed transaction enqueues with the change", async () => {
    const user = await h.verifiedUser();
    const id = await db().transaction(async (tx) => {
      const q = await queueSms(tx, h.jobs, h.env, {
        event: event("committed"),
        kind: "visit_reminder",
        userId: user.id,
        params: { visitId: "v", parentName: "Mum", when: "10:00" },
      });
      return q.id;
    });
    expect((await settled(id)).status).toBe("accepted");
  });

  it("the same event twice gives one message and one text", async () => {
    const user = await h.verifiedUser();
    const name = event("dup");
    const request = {
      event: name,
      kind: "visit_cancelled" as const,
      userId: user.id,
      params: { visitId: "v", parentName: "Mum", when: "Sat" },
    };
    const [a, b] = await Promise.all([queueSms(db(), h.jobs, h.env, request), queueSms(db(), h.jobs, h.env, request)]);
    expect([a.status, b.status].sort()).toEqual(["duplicate", "queued"]);
    await settled(a.id);
    await new Promise((r) => setTimeout(r, 300));
    expect(sentTo(user.phone)).toHaveLength(1);
  });
});

describe("who receives what", () => {
  it("an unverified number receives nothing but codes", async () => {
    const user = await h.verifiedUser();
    await db()
      .update((await import("~db/schema")).users)
      .set({ phoneVerifiedAt: null })
      .where(eq((await import("~db/schema")).users.id, user.id));
    const visit = await queueSms(db(), h.jobs, h.env, {
      event: event("unverified"),
      kind: "visit_confirmed",
      userId: user.id,
      params: { visitId: "v", carerName: "A", parentName: "B", when: "C" },
    });
    expect(visit).toMatchObject({ status: "suppressed", reason: "unverified" });
    const code = await queueSms(db(), h.jobs, h.env, {
      event: event("code"),
      kind: "verification_code",
      userId: user.id,
      params: { code: "123456" },
    });
    expect(code.status).toBe("queued");
    await settled(code.id);
    expect(sentTo(user.phone).map((m) => m.body)).toEqual([expect.stringContaining("123456")]);
  });

  it("STOP, then a send → nothing sent; a STOP between queueing and sending also holds", async () => {
    const user = await h.verifiedUser();
    await db().insert(smsOptOuts).values({ phone: user.phone });
    const after = await queueSms(db(), h.jobs, h.env, {
      event: event("after-stop"),
      kind: "visit_late",
      userId: user.id,
      params: { visitId: "v", parentName: "Mum", when: "10:00" },
    });
    expect(after).toMatchObject({ status: "suppressed", reason: "opted_out" });
    await db().delete(smsOptOuts).where(eq(smsOptOuts.phone, user.phone));
    // Queued while opted in, STOP arrives before the worker sends it.
    const queued = await queueSms(
      db(),
      h.jobs,
      h.env,
      {
        event: event("race"),
        kind: "visit_reminder",
        userId: user.id,
        params: { visitId: "v", parentName: "Mum", when: "10:00" },
      },
      new Date(),
    );
    await db().insert(smsOptOuts).values({ phone: user.phone }).onConflictDoNothing();
    const row = await settled(queued.id);
    // Either the worker won the race (sent before STOP) or it honoured STOP; never both.
    expect(["accepted", "suppressed"]).toContain(row.status);
    expect(sentTo(user.phone).length).toBe(row.status === "accepted" ? 1 : 0);
  });

  it("honours turned-off kinds but never for urgent alerts", async () => {
    const user = await h.verifiedUser();
    const { saveSmsPreferences } = await import("~/sms/preferences.server");
    await saveSmsPreferences(db(), user.id, { enabledKinds: [], quietHours: false, timeZone: "Asia/Shanghai" });
    const reminder = await queueSms(db(), h.jobs, h.env, {
      event: event("pref"),
      kind: "visit_reminder",
      userId: user.id,
      params: { visitId: "v", parentName: "Mum", when: "10:00" },
    });
    expect(reminder).toMatchObject({ status: "suppressed", reason: "preference" });
    const missed = await queueSms(db(), h.jobs, h.env, {
      event: event("missed"),
      kind: "visit_missed",
      userId: user.id,
      params: { visitId: "v", parentName: "Mum", when: "10:00" },
    });
    expect(missed.status).toBe("queued");
  });

  it("holds non-urgent texts over quiet hours, not urgent ones", async () => {
    const user = await h.verifiedUser("family", "en", { quietHours: true });
    const lateEvening = new Date("2030-01-10T15:30:00Z"); // 23:30 in Shanghai
    const reminder = await queueSms(
      db(),
      h.jobs,
      h.env,
      {
        event: event("quiet"),
        kind: "visit_reminder",
        userId: user.id,
        params: { visitId: "v", parentName: "Mum", when: "10:00" },
      },
      lateEvening,
    );
    expect(reminder.status === "queued" && reminder.sendAfter.toISOString()).toBe("2030-01-11T00:00:00.000Z");
    const late = await queueSms(
      db(),
      h.jobs,
      h.env,
      {
        event: event("urgent"),
        kind: "visit_late",
        userId: user.id,
        params: { visitId: "v", parentName: "Mum", when: "10:00" },
      },
      lateEvening,
    );
    expect(late.status === "queued" && late.sendAfter.toISOString()).toBe(lateEvening.toISOString());
    const [job] = await queryRows<{ start_after: Date | string }>(
      db(),
      sql`select start_after from pgboss.job where data->>'messageId' = ${reminder.id}`,
    );
    expect(new Date(job!.start_after).toISOString()).toBe("2030-01-11T00:00:00.000Z");
  });
});

describe("without Twilio settings (the development outbox)", () => {
  it("writes each text whole to the log, as a warning, so that a code can be read there", async () => {
    const user = await h.verifiedUser();
    const row = await recordMessage(user, "outbox");
    const lines: string[] = [];
    // LOG_LEVEL=warn still shows it: nothing was sent.
    const logger = createLogger("warn", {}, (line) => lines.push(line));
    expect(await deliverSms({ db: db(), env: h.env, logger, twilio: null }, row.id, { finalAttempt: false })).toBe(
      "outbox",
    );
    const line = JSON.parse(lines.find((l) => l.includes("development outbox"))!);
    expect(line).toMatchObject({ level: "warn", to: user.phone, text: row.body });
    expect(JSON.stringify(line)).not.toContain("[redacted]");
    expect(sentTo(user.phone)).toHaveLength(0);
  });
});

describe("a worker that dies after Twilio accepted, before saving", () => {
  it("reconciles with Twilio instead of sending a second text", async () => {
    const user = await h.verifiedUser();
    // Record the message without the queue, then deliver it by hand as a worker would.
    const row = await recordMessage(user, "crash");
    const deps = { db: db(), env: h.env, logger: createLogger("silent"), twilio: createTwilioClient(h.env) };
    const held = h.fake.acceptButHoldNext(user.phone);
    const dying = deliverSms(deps, row.id, { finalAttempt: false });
    const accepted = await held; // Twilio has it; our worker never hears back ("dies").
    expect((await message(row.id)).status).toBe("sending");

    // The restarted worker picks the job up again.
    const restarted = { ...deps, twilio: createTwilioClient(h.env) };
    expect(await deliverSms(restarted, row.id, { finalAttempt: false })).toBe("reconciled");
    const after = await message(row.id);
    expect(after).toMatchObject({ status: "accepted", twilioSid: accepted.sid });
    expect(sentTo(user.phone)).toHaveLength(1);
    expect(await deliverSms(restarted, row.id, { finalAttempt: false })).toBe("already_done");

    // Release the hung request: the first worker sees a dead connection and changes nothing.
    h.fake.dropHeld();
    await expect(dying).rejects.toBeInstanceOf(RetryableSmsError);
    expect(await message(row.id)).toMatchObject({ status: "accepted", twilioSid: accepted.sid });
  });
});

describe("a batch of texts", () => {
  it("claims and sends each once and refuses, of its first attempts, those past the daily cap", async () => {
    const users = await Promise.all([1, 2, 3, 4, 5].map(() => h.verifiedUser()));
    const rows = await Promise.all(users.map((u, i) => recordMessage(u, `batch-${i}`)));
    // The day's count is already one below a cap of 3: of the batch's first attempts, two fit.
    const env = { ...h.env, SMS_DAILY_CAP: 3 };
    const day = `sms:daily:${new Date().toISOString().slice(0, 10)}`;
    await db().execute(sql`delete from rate_limits where key = ${day}`);
    await db().execute(sql`insert into rate_limits (key, window_start, count) values (${day}, now(), 1)`);
    const deps = { db: db(), env, logger: createLogger("silent"), twilio: createTwilioClient(env) };
    const items = [
      ...rows.map((r) => ({ messageId: r.id, finalAttempt: false })),
      { messageId: "00000000-0000-4000-8000-000000000000", finalAttempt: false },
    ];
    const outcome = (r: PromiseSettledResult<string>) => (r.status === "fulfilled" ? r.value : "rejected");
    expect((await deliverSmsBatch(deps, items)).map(outcome)).toEqual([
      "accepted",
      "accepted",
      "failed",
      "failed",
      "failed",
      "missing",
    ]);
    expect((await Promise.all(rows.map((r) => message(r.id)))).map((m) => [m.status, m.errorCode])).toEqual([
      ["accepted", null],
      ["accepted", null],
      ["failed", "daily_cap"],
      ["failed", "daily_cap"],
      ["failed", "daily_cap"],
    ]);
    // The same batch again (a redelivered job) changes and sends nothing.
    expect((await deliverSmsBatch(deps, items)).map(outcome)).toEqual([
      "already_done",
      "already_done",
      "already_done",
      "already_done",
      "already_done",
      "missing",
    ]);
    for (const u of users.slice(0, 2)) expect(sentTo(u.phone)).toHaveLength(1);
    for (const u of users.slice(2)) expect(sentTo(u.phone)).toHaveLength(0);
  });
});

describe("the last try gets no answer", () => {
  it("is marked failed with an unknown outcome that a later callback can still correct", async () => {
    const user = await h.verifiedUser();
    const row = await recordMessage(user, "last-try");
    const held = h.fake.acceptButHoldNext(user.phone);
    const attempt = deliverSms(
      {
        db: db(),
        env: h.env,
        logger: createLogger("silent"),
        twilio: createTwilioClient({ ...h.env, TWILIO_TIMEOUT_MS: 300 }),
      },
      row.id,
      { finalAttempt: true },
    );
    const accepted = await held;
    h.fake.dropHeld();
    expect(await attempt).toBe("failed");
    expect(await message(row.id)).toMatchObject({ status: "failed", errorCode: "unknown_outcome", statusRank: 1 });
    const { applyStatusCallback } = await import("~/sms/webhooks.server");
    expect(
      await applyStatusCallback(db(), {
        messageId: row.id,
        callback: { MessageSid: accepted.sid, MessageStatus: "delivered" },
      }),
    ).toBe(true);
    expect(await message(row.id)).toMatchObject({ status: "delivered", twilioSid: accepted.sid });
  });
});
