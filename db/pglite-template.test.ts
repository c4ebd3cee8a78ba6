// The build's PGlite template: made once, copied into a new folder only, and a complete cluster there.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "./client";
import { appliedMigrationCount, expectedMigrationCount } from "./migrate";
import { copyTemplate, makeTemplate, templateDir } from "./pglite-template";

describe("PGlite template", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "kv-template-test-"));
  const bin = path.join(root, "bin");
  beforeAll(async () => {
    fs.mkdirSync(bin);
    await makeTemplate(bin);
  }, 120_000);
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it("is made beside the bundle, without its lock file", () => {
    expect(fs.existsSync(path.join(templateDir(bin), "PG_VERSION"))).toBe(true);
    expect(fs.existsSync(`${templateDir(bin)}.lock`)).toBe(false);
  });

  it("fills a new folder, which opens migrated and with the job queue's schema", async () => {
    const dir = path.join(root, "new");
    expect(copyTemplate(dir, bin)).toBe(true);
    const handle = await openDatabase({ pgliteDir: dir });
    try {
      expect(await appliedMigrationCount(handle)).toBe(expectedMigrationCount());
      const { rows } = await handle.executeSql("select count(*)::int as n from pg_namespace where nspname = 'pgboss'");
      expect(rows[0]!.n).toBe(1);
    } finally {
      await handle.close();
    }
  }, 60_000);

  it("leaves a folder in use, memory and a missing template alone", () => {
    const used = path.join(root, "used");
    fs.mkdirSync(used);
    fs.writeFileSync(path.join(used, "PG_VERSION"), "17");
    expect(copyTemplate(used, bin)).toBe(false);
    expect(fs.readdirSync(used)).toEqual(["PG_VERSION"]);
    expect(copyTemplate("memory", bin)).toBe(false);
    const elsewhere = path.join(root, "no-template", "bin");
    fs.mkdirSync(elsewhere, { recursive: true });
    expect(copyTemplate(path.join(root, "other"), elsewhere)).toBe(false);
    expect(fs.existsSync(path.join(root, "other"))).toBe(false);
  });
});
