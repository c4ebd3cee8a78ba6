// The job queue: pg-boss 10 over our own SQL executor on either driver (docs/decisions/007-jobs-and-sms.md).
// Jobs can be enqueued inside the transaction of the change that causes them.
import PgBoss from "pg-boss";
import { sqlExecutor, type Database, type ExecuteSql } from "~db/client";
import type { Env } from "~/env.server";
import { createInFlight } from "~/http/in-flight.server";

export const QUEUES = {
  smsSend: "sms-send",
  nearbyJobTexts: "nearby-job-texts",
  housekeeping: "housekeeping",
  /** Keeps weekly series four weeks ahead (app/visits/booking.server.ts). */
  visitSeries: "visit-series",
  /** Once a day: figures whose window slides (carers' reply times). */
  daily: "daily",
  /** Every minute: reminders, late and missed visits, auto-confirmation (app/visits/alerts.server.ts). */
  visitScan: "visit-scan",
  /** Every hour: the default good rating for visits 15 days past completion (app/ratings/ratings.server.ts). */
  ratingDefaults: "rating-defaults",
  /** Once a day: ratings leaving the 180-day window, then the peer figures (app/ratings/peers.server.ts). */
  ratingScores: "rating-scores",
} as const;
export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];

export interface SmsSendJob {
  messageId: string;
}

export interface Jobs {
  readonly boss: PgBoss;
  /** Enqueues on `db`'s connection: pass the open transaction to make the job part of it. */
  send(db: Database, queue: QueueName, data: object, options?: PgBoss.SendOptions): Promise<string | null>;
  /** `boss.work`, with the handler counted while it runs, so that `stop` can wait for it. */
  work<T>(
    queue: QueueName,
    options: PgBoss.WorkOptions & { includeMetadata: true },
    handler: PgBoss.WorkWithMetadataHandler<T>,
  ): Promise<string>;
  work<T>(queue: QueueName, options: PgBoss.WorkOptions, handler: PgBoss.WorkHandler<T>): Promise<string>;
  /**
   * Stops fetching, lets the jobs in hand finish, and waits for what pg-boss still sends: then the
   * database can be closed. Resolves false if work was still running after `timeoutMs`.
   */
  stop(timeoutMs: number): Promise<boolean>;
}

/** pg-boss on our connection, in its schema (created on first start, or already in a PGlite folder made
 * from the build's template), migrated to the installed version on start. */
function newBoss(executeSql: ExecuteSql, options: Omit<PgBoss.ConstructorOptions, "db" | "schema" | "migrate">) {
  return new PgBoss({
    db: { executeSql: (text, values) => executeSql(text, values ?? []) },
    schema: "pgboss",
    migrate: true,
    ...options,
  });
}

/** Creates or upgrades pg-boss's schema and nothing else (no queues, no timers): the PGlite template. */
export async function installJobsSchema(executeSql: ExecuteSql): Promise<void> {
  const boss = newBoss(executeSql, { supervise: false, schedule: false });
  await boss.start();
  await boss.stop({ graceful: false, wait: true });
}

export function createJobs(executeSql: ExecuteSql, env: Env): Jobs {
  // pg-boss's graceful stop waits while a handler holds jobs, but not for the complete() or fail() it
  // then sends without waiting, nor for a fetch begun before the stop that still hands jobs to a
  // handler. Either, sent after the caller has closed the database, is a query on an ended pool: an
  // unhandled rejection. So every query pg-boss sends and every handler run is counted here.
  const running = createInFlight();
  const boss = newBoss((text, values) => running.track(executeSql(text, values)), {
    supervise: true,
    schedule: true,
    maintenanceIntervalSeconds: env.JOB_MAINTENANCE_SECONDS,
  });
  const work = (queue: QueueName, options: PgBoss.WorkOptions, handler: (jobs: never[]) => Promise<unknown>) =>
    boss.work(queue, options, (jobs) => running.track(handler(jobs as never[])));
  return {
    boss,
    send: (db, queue, data, options = {}) =>
      boss.send(queue, data, { ...options, db: { executeSql: sqlExecutor(db) } }),
    work: work as Jobs["work"],
    async stop(timeoutMs) {
      const until = Date.now() + timeoutMs;
      await boss.stop({ graceful: true, timeout: timeoutMs, close: false, wait: true }).catch(() => {});
      for (;;) {
        if (!(await running.settled(Math.max(0, until - Date.now())))) return false;
        // A settled fetch hands its jobs to a handler in the same turn: look again after it.
        await new Promise((resolve) => setImmediate(resolve));
        if (running.size === 0) return true;
      }
    },
  };
}

/** Starts pg-boss (creating its schema on first run) and declares our queues and schedules. */
export async function startJobs(jobs: Jobs, env: Env): Promise<void> {
  await jobs.boss.start();
  const retry = {
    retryLimit: env.JOB_RETRY_LIMIT,
    retryDelay: env.JOB_RETRY_DELAY_SECONDS,
    retryBackoff: true,
    expireInSeconds: env.JOB_EXPIRE_SECONDS,
  };
  for (const name of Object.values(QUEUES)) {
    if (!(await jobs.boss.getQueue(name))) await jobs.boss.createQueue(name, { name, policy: "standard", ...retry });
    else await jobs.boss.updateQueue(name, { name, policy: "standard", ...retry });
  }
  // Cron jobs live here.
  await jobs.boss.schedule(QUEUES.housekeeping, "*/15 * * * *", {}, { tz: "UTC" });
  await jobs.boss.schedule(QUEUES.visitSeries, "7 * * * *", {}, { tz: "UTC" });
  await jobs.boss.schedule(QUEUES.daily, "10 19 * * *", {}, { tz: "UTC" }); // 03:10 in Shanghai
  await jobs.boss.schedule(QUEUES.visitScan, "* * * * *", {}, { tz: "UTC" });
  await jobs.boss.schedule(QUEUES.ratingDefaults, "23 * * * *", {}, { tz: "UTC" });
  await jobs.boss.schedule(QUEUES.ratingScores, "40 19 * * *", {}, { tz: "UTC" }); // 03:40 in Shanghai
}
