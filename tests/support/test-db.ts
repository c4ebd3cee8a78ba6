// Test databases: a template migrated and seeded with the personas once per run (tests/support/
// global-template-db.ts), then one copy per test file: an in-memory PGlite loaded from the template's
// tarball by default, or `CREATE DATABASE … TEMPLATE` on the PostgreSQL server named by
// TEST_DATABASE_URL / DATABASE_URL. `{ empty: true }` gives a blank, unmigrated database instead.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import type { Logger } from "drizzle-orm/logger";
import postgres from "postgres";
import { inject } from "vitest";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { databaseUrl, type TemplateInfo } from "./global-template-db";
import { personaRecords, type PersonaKey, type PersonaRecord } from "./personas";

export { serverUrl } from "./global-template-db";

export interface TestDatabase {
  handle: DatabaseHandle;
  dispose(): Promise<void>;
}

export interface TemplateCopy extends TestDatabase {
  /** The personas' accounts as the template holds them (same ids in every copy of a run). */
  personas: Record<PersonaKey, PersonaRecord>;
}

interface Options {
  /** Sees every query drizzle sends on this database. */
  logger?: Logger;
}

/** The template this run's global setup built; only test files run by vitest.config.ts have one. */
export function templateInfo(): TemplateInfo {
  const info = inject("testDatabaseTemplate");
  if (!info) {
    throw new Error(
      "No template database was provided: run the integration tests with vitest.config.ts, " +
        "whose globalSetup tests/support/global-template-db.ts builds it.",
    );
  }
  return info;
}

/** A fresh database on the PostgreSQL server, made from `template` or blank; dropped (forced) on dispose. */
async function serverDatabase(server: string, template: string | null, options: Options): Promise<TestDatabase> {
  const name = `kv_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(template ? `create database ${name} template ${template}` : `create database ${name}`);
  const handle = await openDatabase({ url: databaseUrl(server, name), max: 5, logger: options.logger });
  return {
    handle,
    dispose: async () => {
      await handle.close();
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    },
  };
}

/** A copy of the run's template: migrated, with the personas and their sessions. */
export async function createTestDatabase(options?: Options & { empty?: false }): Promise<TemplateCopy>;
/** A blank database, not even migrated (for tests of migrations, seeding and start-up). */
export async function createTestDatabase(options: Options & { empty: true }): Promise<TestDatabase>;
export async function createTestDatabase(
  options: Options & { empty?: boolean } = {},
): Promise<TestDatabase | TemplateCopy> {
  const template = templateInfo();
  let database: TestDatabase;
  if (template.driver === "postgres") {
    database = await serverDatabase(template.serverUrl, options.empty ? null : template.name, options);
  } else {
    const tarball = options.empty ? template.blankTarball : template.tarball;
    const loadDataDir = new Blob([await fs.promises.readFile(tarball)]);
    const handle = await openDatabase({ pgliteDir: "memory", loadDataDir, logger: options.logger });
    database = { handle, dispose: () => handle.close() };
  }
  return options.empty ? database : { ...database, personas: personaRecords(template.personas) };
}
