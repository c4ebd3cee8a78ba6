// `npm run worker`: runs the job handlers in their own process (start the app with JOBS_IN_PROCESS=false).
// Needs PostgreSQL (DATABASE_URL): a PGlite folder belongs to one process, the app's.
import { openDatabase, type DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";
import { PgliteLockedError } from "~db/pglite-lock";
import { getEnv, InvalidEnvError } from "~/env.server";
import { createJobs, startJobs, type Jobs } from "~/jobs/jobs.server";
import { registerWorkers } from "~/jobs/workers.server";
import { createLogger } from "~/logger.server";

let env;
try {
  env = getEnv();
} catch (error) {
  if (error instanceof InvalidEnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const logger = createLogger(env.LOG_LEVEL, { service: "kinvisit-worker", pid: process.pid });
let handle: DatabaseHandle | undefined;
let jobs: Jobs | undefined;
let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("worker stopping", { signal });
  await jobs?.boss.stop({ graceful: true, timeout: 10_000, close: false, wait: true }).catch(() => {});
  await handle?.close();
  logger.info("worker stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

try {
  handle = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL, max: 6, applicationName: "kinvisit-worker" } : { pgliteDir: env.PGLITE_DIR });
} catch (error) {
  if (error instanceof PgliteLockedError) {
    logger.error(`${error.message} A separate worker process needs PostgreSQL (DATABASE_URL).`);
    process.exit(1);
  }
  throw error;
}
await runMigrations(handle);
jobs = createJobs(handle.executeSql, env);
jobs.boss.on("error", (error) => logger.error("job queue error", { error }));
await startJobs(jobs, env);
await registerWorkers(jobs, { db: handle.db, env, logger });
logger.info("worker ready", { driver: handle.driver });
