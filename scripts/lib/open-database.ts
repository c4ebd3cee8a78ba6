// Opens the configured database for a one-off script; a locked PGlite folder ends the script with a clear message.
import { openDatabase, type DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";
import { PgliteLockedError } from "~db/pglite-lock";
import { getEnv, InvalidEnvError } from "~/env.server";

export async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  try {
    const env = getEnv();
    const handle = await openDatabase(env.DATABASE_URL ? { url: env.DATABASE_URL, max: 2 } : { pgliteDir: env.PGLITE_DIR });
    await runMigrations(handle);
    return handle;
  } catch (error) {
    if (error instanceof PgliteLockedError || error instanceof InvalidEnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}
