// The one opener of the database: PostgreSQL via postgres.js when a URL is given, PGlite otherwise.
import { PGlite } from "@electric-sql/pglite";
import { cube } from "@electric-sql/pglite/contrib/cube";
import { earthdistance } from "@electric-sql/pglite/contrib/earthdistance";
import type { Logger } from "drizzle-orm/logger";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { acquirePgliteLock } from "./pglite-lock";
import * as schema from "./schema";

export type Schema = typeof schema;
export type Database = PgDatabase<PgQueryResultHKT, Schema>;

/** Runs raw SQL with positional parameters on whichever driver is open (used by pg-boss and benches). */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export interface DatabaseHandle {
  db: Database;
  driver: "pglite" | "postgres";
  /** Set for PostgreSQL; lets the migrator open its own single connection. */
  url?: string;
  executeSql: ExecuteSql;
  close(): Promise<void>;
}

export type OpenOptions = (
  | { url: string; max?: number; applicationName?: string }
  | { pgliteDir: string | "memory" }
) & {
  /** Sees every query drizzle sends (tests count queries with it). */
  logger?: Logger;
};

const drizzleConfig = (logger?: Logger) => ({ schema, casing: "snake_case", logger }) as const;

export async function openPglite(dir: string | "memory"): Promise<{ client: PGlite; release: () => void }> {
  const release = dir === "memory" ? () => {} : acquirePgliteLock(dir);
  try {
    const client = await PGlite.create({
      dataDir: dir === "memory" ? undefined : dir,
      extensions: { cube, earthdistance },
    });
    return { client, release };
  } catch (error) {
    release();
    throw error;
  }
}

export async function openDatabase(options: OpenOptions): Promise<DatabaseHandle> {
  if ("url" in options) {
    const sql = postgres(options.url, {
      max: options.max ?? 10,
      onnotice: () => {},
      connection: { application_name: options.applicationName ?? "kinvisit" },
    });
    const db = drizzlePostgres(sql, drizzleConfig(options.logger)) as unknown as Database;
    return {
      db,
      driver: "postgres",
      url: options.url,
      executeSql: async (text, values = []) => ({
        rows: (await sql.unsafe(text, values as postgres.ParameterOrJSON<never>[])) as unknown as Record<string, unknown>[],
      }),
      close: () => sql.end({ timeout: 5 }),
    };
  }
  const { client, release } = await openPglite(options.pgliteDir);
  const db = drizzlePglite(client, drizzleConfig(options.logger)) as unknown as Database;
  return {
    db,
    driver: "pglite",
    executeSql: async (text, values = []) => {
      if (values.length === 0) {
        const results = await client.exec(text);
        return { rows: (results.at(-1)?.rows ?? []) as Record<string, unknown>[] };
      }
      const result = await client.query(text, values);
      return { rows: result.rows as Record<string, unknown>[] };
    },
    close: async () => {
      try {
        await client.close();
      } finally {
        release();
      }
    },
  };
}
