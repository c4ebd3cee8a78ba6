// The Express entry: validate env, open + migrate (+ seed) the database, serve, drain on SIGTERM/SIGINT.
import "./server/route-matching"; // first: before anything loads @remix-run/router
import type { DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";
import { DEMO_PASSWORD, isDatabaseEmpty, seedDemoCity } from "~db/seed/demo-city";
import { createLogger } from "~/logger.server";
import { getStorage } from "~/storage/storage.server";
import { loadEnvOrExit, openDatabaseOrExit } from "./server/boot";
import { startServer, type RunningServer } from "./server/start";

const startedAt = performance.now();
const env = loadEnvOrExit();
const logger = createLogger(env.LOG_LEVEL, { service: "kinvisit", pid: process.pid });

// Signals are handled from the first moment: one that arrives during start-up waits for start-up
// to finish, then shuts down the same way.
let running: RunningServer | undefined;
let handle: DatabaseHandle | undefined;
let stopping = false;
let startup: Promise<unknown> = Promise.resolve();
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info("shutting down", { signal });
  await startup.catch(() => {});
  await running?.drain(env.SHUTDOWN_TIMEOUT_MS);
  await handle?.close();
  logger.info("stopped");
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));

handle = await openDatabaseOrExit(env, { logger, fromTemplate: true });
logger.info("database open", { driver: handle.driver, location: env.DATABASE_URL ? "DATABASE_URL" : env.PGLITE_DIR });
const db = handle;
startup = (async () => {
  await runMigrations(db);
  logger.info("migrations applied");
  if (env.SEED_ON_EMPTY && (await isDatabaseEmpty(db.db))) {
    const { accounts } = await seedDemoCity(db.db, { photos: getStorage(env) });
    logger.info("seeded demo city (Hangzhou): demo logins follow", { password: DEMO_PASSWORD });
    for (const a of accounts) logger.info("demo login", { email: a.email, role: a.role, password: DEMO_PASSWORD });
  }
  if (stopping) return;
  running = await startServer({ env, handle: db, logger, buildDir: env.isProduction ? "build" : undefined });
  logger.info("ready", { url: running.url, startupMs: Math.round(performance.now() - startedAt) });
})();
await startup;
