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

it.skipIf(!serverUrl())("a worker SIGKILLed between Twilio's 201 and saving it sends no second text", async () => {
  const harness = h!;
  const db = harness.database.handle.db;
  const workerEnv = {
    DATABASE_URL: harness.database.handle.url!,
    NODE_ENV: "production",
    LOG_LEVEL: "info",
    PUBLIC_URL: harness.env.PUBLIC_URL,
    ...harness.fake.env(),
    JOB_POLL_SECONDS: "0.5",
    JOB_RETRY_DELAY_SECONDS: "1",
    JOB_EXPIRE_SECONDS: "2",
    JOB_MAINTENANCE_SECONDS: "1",
  };
  const user = await harness.verifiedUser();
  const held = harness.fake.acceptButHoldNext(user.phone);
  const first = spawnTsx("worker.ts", [], workerEnv);
  await first.waitFor(/worker ready/);
  const queued = await queueSms(db, harness.jobs, harness.env, {
    event: "process-kill",
    kind: "visit_confirmed",
    userId: user.id,
    params: { visitId: "v", carerName: "Wang", parentName: "Mum", when: "Sat" },
  });
  const accepted = await held;
  first.child.kill("SIGKILL");
  await first.exited;
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
