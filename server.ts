// The Express entry: validate env, open + migrate (+ seed) the database, serve, drain on SIGTERM/SIGINT.
import { openDatabase, type DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";
import { PgliteLockedError } from "~db/pglite-lock";
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemoCity } from "~db/seed/demo-city";
import { getEnv, InvalidEnvError, type Env } from "~/env.server";
import { createLogger } from "~/logger.server";
import { startServer } from "./server/start";

const startedAt = performance.now();
let env: Env;
try {
  env = getEnv();
} catch (error) {
  if (error instanceof InvalidEnvError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const logger = createLogger(env.LOG_LEVEL, { service: "kinvisit", pid: process.pid });

let handle: DatabaseHandle;
try {
  handle = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR });
} catch (error) {
  if (error instanceof PgliteLockedError) {
    logger.error(error.message);
    process.exit(1);
  }
  throw error;
}
logger.info("database open", { driver: handle.driver, location: env.DATABASE_URL ? "DATABASE_URL" : env.PGLITE_DIR });
await runMigrations(handle);
logger.info("migrations applied");

if (env.SEED_ON_EMPTY && (await isDatabaseEmpty(handle.db))) {
  const { accounts } = await seedDemoCity(handle.db);
  logger.info("seeded demo city (Hangzhou): demo logins follow", { password: DEMO_PASSWORD });
  for (const a of accounts) logger.info("demo login", { email: a.email, role: a.role, password: DEMO_PASSWORD });
}

const running = await startServer({
  env,
  handle,
  logger,
  buildDir: env.isProduction ? "build" : undefined,
});
logger.info("ready", { url: running.url, startupMs: Math.round(performance.now() - startedAt) });

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  await running.drain(env.SHUTDOWN_TIMEOUT_MS);
  await handle.close();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
