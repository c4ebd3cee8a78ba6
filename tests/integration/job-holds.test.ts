// A named worker's holds (app/jobs/holds.server.ts): what a crashed run of the same name still held
// goes back for retry when the name starts again, and nothing else does. pg-boss and the database are
// real; the "crash" is a fetched job never finished.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobHolds } from "~db/schema";
import { queryRows } from "~/db.server";
import { jobHoldsFor, reclaimHeldJobs } from "~/jobs/holds.server";
import { QUEUES } from "~/jobs/jobs.server";
import { createSmsHarness, type SmsHarness } from "../support/sms-harness";

let h: SmsHarness;
beforeAll(async () => {
  h = await createSmsHarness({ JOB_EXPIRE_SECONDS: "600" });
});
afterAll(() => h?.close());

/** A job of the nearby-texts queue (no worker runs in this file), fetched: active, as a worker holds it. */
async function takenJob(): Promise<string> {
  const id = await h.jobs.send(h.database.handle.db, QUEUES.nearbyJobTexts, { requestId: crypto.randomUUID() });
  expect(id).toBeTruthy();
  // Fetched until it is this one: an earlier test's job handed back for retry comes first once its
  // retry is due (cancelled here), and a fetch on a busy machine has answered nothing once in a CI run.
  for (let attempt = 0; attempt < 40; attempt++) {
    const [job] = (await h.jobs.boss.fetch(QUEUES.nearbyJobTexts, { batchSize: 1 })) ?? [];
    if (job?.id === id) return id!;
    if (job) await h.jobs.boss.cancel(QUEUES.nearbyJobTexts, job.id);
    else await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`job ${id} was never fetched`);
}

const stateOf = async (id: string) =>
  (await queryRows<{ state: string }>(h.database.handle.db, sql`select state from pgboss.job where id = ${id}`))[0]
    ?.state;

describe("job holds", () => {
  it("hands back what the crashed run of the same name held, at once, and forgets its holds", async () => {
    const db = h.database.handle.db;
    const cutOff = await takenJob();
    const other = await takenJob();
    await jobHoldsFor(db, "sms-1").hold(QUEUES.nearbyJobTexts, [cutOff]);
    await jobHoldsFor(db, "sms-2").hold(QUEUES.nearbyJobTexts, [other]);

    expect(await reclaimHeldJobs(db, h.jobs.boss, "sms-1")).toBe(1);
    // Back in the queue for its retry (its expiry is 10 minutes away).
    expect(await stateOf(cutOff)).toBe("retry");
    const job = await h.jobs.boss.getJobById(QUEUES.nearbyJobTexts, cutOff);
    expect(JSON.stringify(job?.output)).toContain("worker sms-1 restarted");
    // Another live process's job is its own.
    expect(await stateOf(other)).toBe("active");
    expect((await db.select().from(jobHolds).where(eq(jobHolds.workerName, "sms-1"))).length).toBe(0);
    expect((await db.select().from(jobHolds).where(eq(jobHolds.workerName, "sms-2"))).length).toBe(1);
    // A second start finds nothing left.
    expect(await reclaimHeldJobs(db, h.jobs.boss, "sms-1")).toBe(0);
    // Out of the queue: once its retry is due, the next test's fetch would take it before its own job.
    await h.jobs.boss.cancel(QUEUES.nearbyJobTexts, cutOff);
  });

  it("leaves a job that was taken again after the hold, and one whose batch finished", async () => {
    const db = h.database.handle.db;
    const holds = jobHoldsFor(db, "sms-3");
    // Held long before its current activation began: it expired and someone else took it since.
    const retaken = await takenJob();
    await holds.hold(QUEUES.nearbyJobTexts, [retaken]);
    await db.update(jobHolds).set({ heldAt: sql`now() - interval '1 hour'` }).where(eq(jobHolds.jobId, retaken));
    // Finished, but the crash came before the hold was cleared.
    const finished = await takenJob();
    await holds.hold(QUEUES.nearbyJobTexts, [finished]);
    await h.jobs.boss.complete(QUEUES.nearbyJobTexts, finished);

    expect(await reclaimHeldJobs(db, h.jobs.boss, "sms-3")).toBe(0);
    expect(await stateOf(retaken)).toBe("active");
    expect(await stateOf(finished)).toBe("completed");
    expect((await db.select().from(jobHolds).where(eq(jobHolds.workerName, "sms-3"))).length).toBe(0);
  });

  it("a batch released is no longer held", async () => {
    const db = h.database.handle.db;
    const holds = jobHoldsFor(db, "sms-4");
    const a = await takenJob();
    const b = await takenJob();
    await holds.hold(QUEUES.nearbyJobTexts, [a, b]);
    await holds.release([a]);
    const left = await db.select({ jobId: jobHolds.jobId }).from(jobHolds).where(eq(jobHolds.workerName, "sms-4"));
    expect(left).toEqual([{ jobId: b }]);
  });
});
