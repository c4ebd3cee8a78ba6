// The real entry points as processes: start-up, readiness, draining on signals, env validation,
// and the refusal of a second process on the same PGlite folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "~db/client";
import { spawnTsx } from "../support/spawn";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-process-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const serverEnv = (dir: string) => ({
  NODE_ENV: "production",
  PORT: "0",
  HOST: "127.0.0.1",
  PGLITE_DIR: dir,
  LOG_LEVEL: "info",
});

describe("server process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("migrates, seeds, serves, and on %s drains and exits 0", async (signal) => {
    const dir = path.join(tmp, `server-${signal}`);
    const server = spawnTsx("server.ts", [], serverEnv(dir));
    try {
      const [, url] = (await server.waitFor(/"msg":"ready".*?"url":"([^"]+)"/)) as RegExpMatchArray;
      expect(server.output()).toContain('"msg":"demo login"');
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      // A request in flight when the signal arrives still gets its answer.
      const inFlight = fetch(`${url}/login`);
      await new Promise((r) => setTimeout(r, 5));
      server.child.kill(signal);
      expect((await inFlight).status).toBe(200);
      expect(await server.exited).toBe(0);
      expect(server.output()).toContain('"msg":"stopped"');
      expect(fs.existsSync(`${dir}.lock`)).toBe(false);
    } finally {
      server.child.kill("SIGKILL");
    }
  });

  it("does not seed again on a warm start", async () => {
    const dir = path.join(tmp, "server-SIGTERM");
    const server = spawnTsx("server.ts", [], serverEnv(dir));
    await server.waitFor(/"msg":"ready"/);
    expect(server.output()).not.toContain('"msg":"demo login"');
    server.child.kill("SIGTERM");
    expect(await server.exited, `${server.child.signalCode}\n${server.output()}`).toBe(0);
  });

  it("exits 0 and frees the folder when stopped during start-up", async () => {
    const dir = path.join(tmp, "early-stop");
    const server = spawnTsx("server.ts", [], serverEnv(dir));
    await server.waitFor(/"msg":"database open"/);
    server.child.kill("SIGTERM");
    expect(await server.exited, server.output()).toBe(0);
    expect(server.output()).not.toContain('"msg":"ready"');
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  });

  it("refuses to start with a bad variable and names it", async () => {
    const server = spawnTsx("server.ts", [], {
      ...serverEnv(path.join(tmp, "bad")),
      PORT: "eighty",
      DATABASE_URL: "mysql://nope",
    });
    expect(await server.exited).toBe(1);
    expect(server.output()).toMatch(/Invalid environment/);
    expect(server.output()).toMatch(/PORT/);
    expect(server.output()).toMatch(/DATABASE_URL/);
  });
});

describe("PGlite folder lock", () => {
  it("refuses a second process clearly and leaves the folder intact", async () => {
    const dir = path.join(tmp, "locked");
    const owner = await openDatabase({ pgliteDir: dir });
    await owner.executeSql("create table canary (v text)");
    await owner.executeSql("insert into canary values ($1)", ["still here"]);
    try {
      const second = spawnTsx("scripts/migrate.ts", [], { PGLITE_DIR: dir });
      expect(await second.exited).toBe(1);
      expect(second.output()).toMatch(/already open in process \d+/);
      const server = spawnTsx("server.ts", [], serverEnv(dir));
      expect(await server.exited).toBe(1);
      expect(server.output()).toMatch(/already open in process/);
    } finally {
      await owner.close();
    }
    // After the owner closes, the folder opens with its data.
    const again = await openDatabase({ pgliteDir: dir });
    const { rows } = await again.executeSql("select v from canary", []);
    expect(rows).toEqual([{ v: "still here" }]);
    await again.close();
  });

  it("takes over a stale lock left by a process that died", async () => {
    const dir = path.join(tmp, "stale");
    fs.mkdirSync(tmp, { recursive: true });
    fs.writeFileSync(`${dir}.lock`, "999999999");
    const migrate = spawnTsx("scripts/migrate.ts", [], { PGLITE_DIR: dir });
    expect(await migrate.exited).toBe(0);
    expect(migrate.output()).toContain("migrations applied");
  });
});
