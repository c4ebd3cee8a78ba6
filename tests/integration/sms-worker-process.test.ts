// The separate worker process (worker.ts, `npm run worker`) killed with SIGKILL after Twilio accepted a
// text but before the worker saved that: the restarted worker must not send it again.
// PostgreSQL only: a separate worker cannot share a PGlite folder with this test (bench:sms covers PGlite).
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { smsMessages } from "~db/schema";
import { queueSms } from "~/sms/sms.server";
import { spawnTsx } from "../support/spawn";
import { createSmsHarness, type SmsHarness } from "../support/sms-harness";
import { serverUrl } from "../support/test-db";
import { waitUntil } from "../support/wait";

let h: SmsHarness | undefined;
beforeAll(async () => {
  if (serverUrl()) h = await createSmsHarness();
});
afterAll(() => h?.close());

/**
 * A text queued for a new user while a worker process with `env` runs, and that process SIGKILLed
 * once Twilio has accepted the text but before the worker hears so (the fake holds its answer).
 */
async function killedMidSend(harness: SmsHarness, env: Record<string, string>, event: string) {
  const user = await harness.verifiedUser();
  const held = harness.fake.acceptButHoldNext(user.phone);
  const worker = spawnTsx("worker.ts", [], env);
  await worker.waitFor(/worker ready/);
  const queued = await queueSms(harness.database.handle.db, harness.jobs, harness.env, {
    event,
    kind: "visit_confirmed",
    userId: user.id,
    params: { visitId: event, carerName: "Wang", parentName: "Mum", when: "Sat" },
  });
  const accepted = await held;
  worker.child.kill("SIGKILL");
  await worker.exited;
  return { user, queued, accepted };
}

/** A worker process's settings: the harness's database and fake Twilio, quick polls and retries. */
const workerEnvOf = (harness: SmsHarness, overrides: Record<string, string>) => ({
  DATABASE_URL: harness.database.handle.url!,
  NODE_ENV: "production",
  LOG_LEVEL: "info",
  PUBLIC_URL: harness.env.PUBLIC_URL,
  ...harness.fake.env(),
  JOB_POLL_SECONDS: "0.5",
  JOB_RETRY_DELAY_SECONDS: "1",
  JOB_MAINTENANCE_SECONDS: "1",
  ...overrides,
});

it.skipIf(!serverUrl())("a worker SIGKILLed between Twilio's 201 and saving it sends no second text", async () => {
  const harness = h!;
  const db = harness.database.handle.db;
  const workerEnv = workerEnvOf(harness, { JOB_EXPIRE_SECONDS: "2" });
  const { user, queued, accepted } = await killedMidSend(harness, workerEnv, "process-kill");
  expect((await db.select().from(smsMessages).where(eq(smsMessages.id, queued.id)))[0]!.status).toBe("sending");

  const second = spawnTsx("worker.ts", [], workerEnv);
  try {
    const row = await waitUntil(
      async () =>
        (await db.select().from(smsMessages).where(eq(smsMessages.id, queued.id)))[0]?.twilioSid
          ? (await db.select().from(smsMessages).where(eq(smsMessages.id, queued.id)))[0]
          : null,
      { what: "the restarted worker to settle the message", timeoutMs: 60_000 },
    );
    expect(row).toMatchObject({ status: "accepted", twilioSid: accepted.sid });
    expect(harness.fake.messages.filter((m) => m.to === user.phone)).toHaveLength(1);
  } finally {
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  }
});

it.skipIf(!serverUrl())(
  "a named worker restarted after a SIGKILL hands back the text it held at once, not after the job's expiry; another name leaves it",
  async () => {
    const harness = h!;
    const db = harness.database.handle.db;
    // Ten minutes: only the restart can bring the text back within this test.
    const workerEnv = (name: string) => workerEnvOf(harness, { JOB_EXPIRE_SECONDS: "600", WORKER_NAME: name });
    const { user, queued, accepted } = await killedMidSend(harness, workerEnv("sms-a"), "named-kill");
    const message = async () => (await db.select().from(smsMessages).where(eq(smsMessages.id, queued.id)))[0]!;

    // Another name takes nothing over: the text's job is still the dead worker's.
    const other = spawnTsx("worker.ts", [], workerEnv("sms-b"));
    await other.waitFor(/worker ready/);
    expect((await message()).status).toBe("sending");
    other.child.kill("SIGTERM");
    expect(await other.exited).toBe(0);
    expect((await message()).status).toBe("sending");

    // The same name again: the text is reconciled with Twilio (it was accepted), not sent twice.
    const again = spawnTsx("worker.ts", [], workerEnv("sms-a"));
    try {
      await again.waitFor(/jobs cut off by a crash handed back for retry/);
      const row = await waitUntil(async () => ((await message()).twilioSid ? message() : null), {
        what: "the restarted worker to settle the message",
        timeoutMs: 60_000,
      });
      expect(row).toMatchObject({ status: "accepted", twilioSid: accepted.sid });
      expect(harness.fake.messages.filter((m) => m.to === user.phone)).toHaveLength(1);
    } finally {
      again.child.kill("SIGTERM");
      expect(await again.exited).toBe(0);
    }
  },
);
