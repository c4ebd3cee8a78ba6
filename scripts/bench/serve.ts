// Child process for benchmarks: the production build on a throwaway database, plus a bare /__bench/hello route
// and /__bench/stats (this process's CPU time and the number of queries drizzle has sent so far).
// Prints one JSON line {"benchReady": url} once listening; SIGTERM drains and exits.
import fs from "node:fs";
import inspector from "node:inspector";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "~db/client";
import { runMigrations } from "~db/migrate";
import { seedDemoCity } from "~db/seed/demo-city";
import { getEnv } from "~/env.server";
import { createLogger } from "~/logger.server";
import { startServer } from "../../server/start";

const env = getEnv();
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kv-bench-"));
let dropDatabase: (() => Promise<void>) | undefined;
let handle: DatabaseHandle;
let queries = 0;
const logger = {
  logQuery: (query: string) => {
    queries += 1;
    // BENCH_LOG_QUERIES=1: each statement's first line on stderr, to see what a page sends.
    if (process.env.BENCH_LOG_QUERIES) console.error(`query ${queries}: ${query.replace(/\s+/g, " ").slice(0, 160)}`);
  },
};
if (env.DATABASE_URL) {
  const name = `kv_bench_${process.pid}`;
  const admin = postgres(env.DATABASE_URL, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const url = new URL(env.DATABASE_URL);
  url.pathname = `/${name}`;
  handle = await openDatabase({ url: url.toString(), logger });
  dropDatabase = async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  };
} else {
  handle = await openDatabase({ pgliteDir: path.join(dir, "pglite"), logger });
}
await runMigrations(handle);
await seedDemoCity(handle.db);
const running = await startServer({
  env,
  handle,
  logger: createLogger(env.LOG_LEVEL),
  buildDir: "build",
  port: 0,
  host: "127.0.0.1",
  extraRoutes: (app) => {
    app.get("/__bench/hello", (_req, res) => void res.type("text/plain").send("hello"));
    app.get("/__bench/stats", (_req, res) => void res.json({ cpu: process.cpuUsage(), queries }));
    // BENCH_CPU_PROFILE=<dir>: /__bench/profile/start, then /__bench/profile/stop?name=x writes <dir>/x.cpuprofile.
    const profileDir = process.env.BENCH_CPU_PROFILE;
    if (profileDir) {
      fs.mkdirSync(profileDir, { recursive: true });
      const session = new inspector.Session();
      session.connect();
      const post = (method: string) =>
        new Promise<unknown>((resolve, reject) =>
          session.post(method, (error, result) => (error ? reject(error) : resolve(result))),
        );
      app.get("/__bench/profile/start", async (_req, res) => {
        await post("Profiler.enable");
        await post("Profiler.start");
        res.send("started");
      });
      app.get("/__bench/profile/stop", async (req, res) => {
        const { profile } = (await post("Profiler.stop")) as { profile: unknown };
        const file = path.join(
          profileDir,
          `${String(req.query.name ?? "profile").replace(/[^\w.-]/g, "_")}.cpuprofile`,
        );
        fs.writeFileSync(file, JSON.stringify(profile));
        res.send(file);
      });
    }
  },
});
console.log(JSON.stringify({ benchReady: running.url, driver: handle.driver }));

process.on("SIGTERM", async () => {
  await running.drain(2000);
  await handle.close();
  await dropDatabase?.();
  fs.rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
