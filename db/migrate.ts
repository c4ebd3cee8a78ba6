// Applies db/migrations identically on PGlite and PostgreSQL, and reports whether they are all applied.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { DatabaseHandle } from "./client";

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), "migrations");
const MIGRATION_LOCK = 727_001; // pg_advisory_lock key: one migrator at a time on a shared server

export function expectedMigrationCount(): number {
  const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, "meta", "_journal.json"), "utf8")) as {
    entries: unknown[];
  };
  return journal.entries.length;
}

export async function runMigrations(handle: DatabaseHandle): Promise<void> {
  if (handle.driver === "pglite") {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  // One dedicated connection, so the session-level advisory lock and the migration share it.
  const sql = postgres(handle.url!, { max: 1, onnotice: () => {} });
  try {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migratePostgres(drizzle(sql), { migrationsFolder });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export async function appliedMigrationCount(handle: DatabaseHandle): Promise<number> {
  const { rows } = await handle
    .executeSql("select count(*)::int as n from drizzle.__drizzle_migrations", [])
    .catch(() => ({ rows: [{ n: 0 }] }));
  return Number(rows[0]?.n ?? 0);
}
