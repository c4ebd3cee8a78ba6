// Start-up steps shared by the app (server.ts), the worker (worker.ts) and one-off scripts:
// a bad environment or a locked PGlite folder ends the process with a clear message, not a stack trace.
import { openDatabase, type DatabaseHandle } from "~db/client";
import { PgliteLockedError } from "~db/pglite-lock";
import { getEnv, InvalidEnvError, type Env } from "~/env.server";
import type { Logger } from "~/logger.server";

export function loadEnvOrExit(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (error instanceof InvalidEnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

export async function openDatabaseOrExit(
  env: Env,
  {
    logger,
    max,
    applicationName,
    lockedHint = "",
  }: { logger?: Logger; max?: number; applicationName?: string; lockedHint?: string } = {},
): Promise<DatabaseHandle> {
  try {
    return await openDatabase(
      env.DATABASE_URL ? { url: env.DATABASE_URL, max, applicationName } : { pgliteDir: env.PGLITE_DIR },
    );
  } catch (error) {
    if (error instanceof PgliteLockedError) {
      const message = `${error.message}${lockedHint ? ` ${lockedHint}` : ""}`;
      if (logger) logger.error(message);
      else console.error(message);
      process.exit(1);
    }
    throw error;
  }
}
