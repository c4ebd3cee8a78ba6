// Child process of bench:chat: the production build through `startServer`, with its own database
// handle (so its own LISTEN connection), plus GET /__bench/stats (RSS, heap, open streams, CPU time,
// event-loop delay). On PostgreSQL (DATABASE_URL) the orchestrator has already migrated and filled
// the database. On PGlite this process owns the folder, so `--setup <file> <conversations>` migrates,
// makes the bench data here and writes it (ids and session tokens) as JSON to <file>.
// Prints one JSON line {"benchReady": url, "pid": n}; SIGTERM drains and exits 0.
import fs from "node:fs";
import { Session } from "node:inspector/promises";
import path from "node:path";
import v8 from "node:v8";
import vm from "node:vm";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { openDatabase } from "~db/client";
import { runMigrations } from "~db/migrate";
import { getEnv } from "~/env.server";
import { createLogger } from "~/logger.server";
import { startServer } from "../../server/start";
import { makeChatData } from "./chat-data";

const env = getEnv();
const handle = await openDatabase(
  env.DATABASE_URL ? { url: env.DATABASE_URL, applicationName: "kinvisit-bench" } : { pgliteDir: env.PGLITE_DIR },
);
const setupAt = process.argv.indexOf("--setup");
if (setupAt >= 0) {
  const file = process.argv[setupAt + 1]!;
  const count = Number(process.argv[setupAt + 2]);
  const t = performance.now();
  await runMigrations(handle);
  const data = await makeChatData(handle.db, count);
  fs.writeFileSync(file, JSON.stringify(data));
  console.log(JSON.stringify({ benchSetup: file, conversations: data.length, ms: Math.round(performance.now() - t) }));
}

// BENCH_CPU_PROF=<folder>: a CPU profile from the load's start (the stats reset) to SIGTERM.
let profiler: Session | undefined;
async function startProfile() {
  if (!process.env.BENCH_CPU_PROF || profiler) return;
  profiler = new Session();
  profiler.connect();
  await profiler.post("Profiler.enable");
  await profiler.post("Profiler.start");
}
async function stopProfile() {
  if (!profiler) return;
  const { profile } = await profiler.post("Profiler.stop");
  const file = path.join(process.env.BENCH_CPU_PROF!, `chat-app-${process.pid}.cpuprofile`);
  fs.writeFileSync(file, JSON.stringify(profile));
  profiler.disconnect();
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();
let running: Awaited<ReturnType<typeof startServer>> | undefined;
running = await startServer({
  env,
  handle,
  logger: createLogger(env.LOG_LEVEL),
  buildDir: "build",
  port: 0,
  host: "127.0.0.1",
  extraRoutes: (app) =>
    app.get("/__bench/stats", async (req, res) => {
      const connections = await new Promise<number>((resolve) =>
        running ? running.server.getConnections((_e, n) => resolve(n)) : resolve(0),
      );
      // ?gc=1: a full collection first, to tell live memory from garbage not yet collected.
      if (req.query.gc === "1") {
        v8.setFlagsFromString("--expose-gc");
        (vm.runInNewContext("gc") as () => void)();
      }
      const memory = process.memoryUsage();
      const cpu = process.cpuUsage();
      const ms = (ns: number) => Math.round(ns / 1e4) / 100;
      const body = {
        rss: memory.rss,
        heapUsed: memory.heapUsed,
        external: memory.external,
        arrayBuffers: memory.arrayBuffers,
        streams: running?.hub.size ?? 0,
        connections,
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        loopDelay: { p50: ms(loopDelay.percentile(50)), p99: ms(loopDelay.percentile(99)), max: ms(loopDelay.max) },
      };
      if (req.query.reset === "1") {
        loopDelay.reset();
        await startProfile();
      }
      res.json(body);
    }),
});
console.log(JSON.stringify({ benchReady: running.url, pid: process.pid, driver: handle.driver }));

let stopping = false;
process.on("SIGTERM", async () => {
  if (stopping) return;
  stopping = true;
  await stopProfile();
  await running?.drain(3000);
  await handle.close();
  process.exit(0);
});
