// Stopping the job queue before the database closes (app/jobs/jobs.server.ts, stop). pg-boss's own
// graceful stop returns while a fetch it began is still on its way, and sends complete() without
// waiting for it: a handler or a query could then reach a closed pool (CONNECTION_ENDED, unhandled).
// Here a fetch is held back until pg-boss says it has stopped; `stop` must still wait for the job it
// brings, its handler and its completion. pg-boss and the database are real; only the fetch is slowed.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExecuteSql } from "~db/client";
import { queryRows } from "~/db.server";
import { parseEnv } from "~/env.server";
import { createJobs, QUEUES, startJobs, type Jobs } from "~/jobs/jobs.server";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database?.dispose());

const env = parseEnv({ NODE_ENV: "test", JOB_POLL_SECONDS: "0.5" });

/** The database's executor, with the next fetch from `queue` held until `release` is called. */
function slowFetch(queue: string) {
  let held: (() => void) | null = null;
  let release = () => {};
  const gate = new Promise<void>((resolve) => (release = resolve));
  const reached = new Promise<void>((resolve) => (held = resolve));
  const executeSql: ExecuteSql = async (text, values) => {
    if (held && text.includes("SKIP LOCKED") && values?.[0] === queue) {
      held();
      held = null;
      await gate;
    }
    return database.handle.executeSql(text, values);
  };
  return { executeSql, reached, release };
}

const stateOf = async (id: string) =>
  (await queryRows<{ state: string }>(database.handle.db, sql`select state from pgboss.job where id = ${id}`))[0]
    ?.state;

describe("stopping the job queue", () => {
  it("waits for a fetch begun before the stop, the handler it starts, and the job's completion", async () => {
    const slow = slowFetch(QUEUES.housekeeping);
    const jobs: Jobs = createJobs(slow.executeSql, env);
    await startJobs(jobs, env);
    const id = await jobs.send(database.handle.db, QUEUES.housekeeping, {});
    let handled = false;
    await jobs.work(QUEUES.housekeeping, { pollingIntervalSeconds: 0.5 }, async () => {
      await database.handle.db.execute(sql`select pg_sleep(0.05)`);
      handled = true;
    });
    await slow.reached;
    // The fetch brings its job only once pg-boss has finished stopping.
    jobs.boss.once("stopped", slow.release);
    expect(await jobs.stop(10_000)).toBe(true);
    expect(handled).toBe(true);
    expect(await stateOf(id!)).toBe("completed");
  });

  it("gives up after its timeout when a handler runs on, and says so", async () => {
    const jobs = createJobs(database.handle.executeSql, env);
    await startJobs(jobs, env);
    const id = await jobs.send(database.handle.db, QUEUES.visitSeries, {});
    let started = () => {};
    const running = new Promise<void>((resolve) => (started = resolve));
    let finish = () => {};
    await jobs.work(QUEUES.visitSeries, { pollingIntervalSeconds: 0.5 }, async () => {
      started();
      await new Promise<void>((resolve) => (finish = resolve));
    });
    await running;
    expect(await jobs.stop(1_000)).toBe(false);
    // pg-boss failed the job it held when its own wait ran out; the handler is let go here.
    expect(await stateOf(id!)).toBe("retry");
    finish();
    await jobs.stop(5_000);
  });
});
