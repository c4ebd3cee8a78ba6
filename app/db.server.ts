// The app's view of the database: the handle is opened once by the server and handed over in the load context.
import type { SQL } from "drizzle-orm";
import type { Database } from "~db/client";
export type { Database } from "~db/client";
export { preparedQuery, preparedRows } from "~db/client";

/** Runs raw SQL and returns its rows; postgres.js answers with an array, PGlite with `{ rows }`. */
export async function queryRows<T extends Record<string, unknown>>(db: Database, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown;
  if (Array.isArray(result)) return result as T[];
  return (result as { rows: T[] }).rows;
}
