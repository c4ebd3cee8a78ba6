// Start-up steps shared by the app (server.ts), the worker (worker.ts) and one-off scripts:
// a bad environment or a locked PGlite folder ends the process with a clear message, not a stack trace.
import { openDatabase, type DatabaseHandle } from "~db/client";
import { PgliteLockedError } from "~db/pglite-lock";
import { bundleDir, copyTemplate } from "~db/pglite-template";
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
    fromTemplate = false,
  }: {
    logger?: Logger;
    max?: number;
    applicationName?: string;
    lockedHint?: string;
    /** A new PGlite folder starts from the build's migrated cluster (db/pglite-template.ts), when there is one. */
    fromTemplate?: boolean;
  } = {},
): Promise<DatabaseHandle> {
  try {
    if (env.DATABASE_URL) return await openDatabase({ url: env.DATABASE_URL, max, applicationName });
    // Under the folder's lock: two processes starting on one new folder copy it once.
    const prepareFolder = (dir: string) => {
      if (copyTemplate(dir, bundleDir)) logger?.info("new PGlite folder: copied the build's migrated cluster", { dir });
    };
    return await openDatabase({ pgliteDir: env.PGLITE_DIR, prepareFolder: fromTemplate ? prepareFolder : undefined });
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
