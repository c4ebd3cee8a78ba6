// `npm run worker`: runs the job handlers in their own process (start the app with JOBS_IN_PROCESS=false).
// Needs PostgreSQL (DATABASE_URL): a PGlite folder belongs to one process, the app's.
import type { DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";
import { createJobs, startJobs, type Jobs } from "~/jobs/jobs.server";
import { registerWorkers } from "~/jobs/workers.server";
import { createLogger } from "~/logger.server";
import { loadEnvOrExit, openDatabaseOrExit } from "./server/boot";

const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL, { service: "kinvisit-worker", pid: process.pid });
let handle: DatabaseHandle | undefined;
let jobs: Jobs | undefined;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("worker stopping", { signal });
  if (jobs && !(await jobs.stop(10_000))) logger.warn("worker: a job was still running after the timeout");
  await handle?.close();
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

handle = await openDatabaseOrExit(env, {
  logger,
  max: 6,
  applicationName: "kinvisit-worker",
  lockedHint: "A separate worker process needs PostgreSQL (DATABASE_URL).",
});
await runMigrations(handle);
jobs = createJobs(handle.executeSql, env);
jobs.boss.on("error", (error) => logger.error("job queue error", { error }));
await startJobs(jobs, env);
await registerWorkers(jobs, { db: handle.db, env, logger });
logger.info("worker ready", { driver: handle.driver });
