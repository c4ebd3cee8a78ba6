// Opens the configured database for a one-off script, migrated; a locked PGlite folder or a bad
// environment ends the script with a clear message.
import type { DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";
import { loadEnvOrExit, openDatabaseOrExit } from "../../server/boot";

export async function openConfiguredDatabase(): Promise<DatabaseHandle> {
  const handle = await openDatabaseOrExit(loadEnvOrExit(), { max: 2 });
  await runMigrations(handle);
  return handle;
}
