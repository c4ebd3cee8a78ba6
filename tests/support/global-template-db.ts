// The run's template database, built once by this vitest globalSetup: migrated, the personas seeded
// with their sessions, then handed to every test file (tests/support/test-db.ts copies it) and
// removed at the end. PGlite: a data-folder tarball in a temp folder. PostgreSQL (TEST_DATABASE_URL
// or DATABASE_URL): a database `kv_tpl_<pid>_<random>` that nothing stays connected to.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import type { TestProject } from "vitest/node";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";
import { seedPersonas, type PersonaSeeds } from "./personas";

/** What every test file gets (serialisable: it crosses process boundaries). */
export type TemplateInfo = { personas: PersonaSeeds } & (
  | {
      driver: "pglite";
      /** The template's data folder as a tarball. */
      tarball: string;
      /** The same cluster before migrations, for tests that need a blank database. */
      blankTarball: string;
    }
  | { driver: "postgres"; serverUrl: string; name: string }
);

declare module "vitest" {
  export interface ProvidedContext {
    testDatabaseTemplate: TemplateInfo;
  }
}

export function serverUrl(): string | undefined {
  return process.env.TEST_DATABASE_URL || process.env.DATABASE_URL || undefined;
}

export function databaseUrl(server: string, name: string): string {
  const url = new URL(server);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Writes a PGlite data folder to `file` as a tarball, flushed first so a copy starts without replaying WAL. */
async function dumpTo(handle: DatabaseHandle, file: string): Promise<string> {
  await handle.executeSql("checkpoint");
  const dump = await handle.dumpDataDir!();
  fs.writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
  return file;
}

/** Migrates and seeds the personas into `handle`. */
async function fill(handle: DatabaseHandle): Promise<PersonaSeeds> {
  await runMigrations(handle);
  return seedPersonas(handle.db);
}

/**
 * Builds the run's template and returns it with the function that removes it. On PostgreSQL the
 * template is a database no connection stays open to, or CREATE DATABASE … TEMPLATE would refuse it.
 */
async function buildTemplate(): Promise<{ info: TemplateInfo; remove(): Promise<void> }> {
  const server = serverUrl();
  if (!server) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kv-template-"));
    const remove = async () => fs.rmSync(dir, { recursive: true, force: true });
    try {
      const handle = await openDatabase({ pgliteDir: path.join(dir, "pgdata") });
      try {
        // A fresh cluster costs an initdb (seconds); loading a tarball of one is several times faster.
        const blankTarball = await dumpTo(handle, path.join(dir, "blank.tar"));
        const personas = await fill(handle);
        const tarball = await dumpTo(handle, path.join(dir, "template.tar"));
        return { info: { driver: "pglite", tarball, blankTarball, personas }, remove };
      } finally {
        await handle.close();
      }
    } catch (error) {
      await remove();
      throw error;
    }
  }

  const name = `kv_tpl_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  const remove = async () => {
    const sql = postgres(server, { max: 1, onnotice: () => {} });
    try {
      await sql.unsafe(`drop database if exists ${name} with (force)`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  };
  try {
    await admin.unsafe(`create database ${name}`);
    const handle = await openDatabase({ url: databaseUrl(server, name), max: 1, applicationName: "kinvisit-template" });
    let personas: PersonaSeeds;
    try {
      personas = await fill(handle);
    } finally {
      await handle.close();
    }
    // A closed client's backend may take a moment to go; wait for it here rather than in every copy.
    const deadline = Date.now() + 10_000;
    for (;;) {
      const [row] = await admin`select count(*)::int as n from pg_stat_activity where datname = ${name}`;
      if (row?.n === 0) break;
      if (Date.now() > deadline) throw new Error(`connections to the template ${name} are still open`);
      await new Promise((r) => setTimeout(r, 50));
    }
    return { info: { driver: "postgres", serverUrl: server, name, personas }, remove };
  } catch (error) {
    await remove();
    throw error;
  } finally {
    await admin.end({ timeout: 5 });
  }
}

export default async function setup({ provide }: TestProject) {
  const template = await buildTemplate();
  provide("testDatabaseTemplate", template.info);
  return () => template.remove();
}
