// An isolated, migrated database per test file: PGlite in memory by default, or a fresh
// database on the PostgreSQL server named by TEST_DATABASE_URL / DATABASE_URL.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import type { Logger } from "drizzle-orm/logger";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";

export interface TestDatabase {
  handle: DatabaseHandle;
  dispose(): Promise<void>;
}

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export async function createTestDatabase(options: { logger?: Logger } = {}): Promise<TestDatabase> {
  const adminUrl = serverUrl();
  if (!adminUrl) {
    const handle = await openDatabase({ pgliteDir: "memory", logger: options.logger });
    await runMigrations(handle);
    return { handle, dispose: () => handle.close() };
  }
  const name = `kv_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const handle = await openDatabase({ url: url.toString(), max: 5, logger: options.logger });
  await runMigrations(handle);
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}
