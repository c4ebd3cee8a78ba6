// `npm run bench:sms`: 2,000 texts through pg-boss to the fake Twilio server with 5% injected 500s.
// Part-way, a worker process is SIGKILLed at the worst moment (Twilio accepted a message, the worker
// never saw the answer) and restarted. Reports delivery throughput, enqueue→accepted latency,
// duplicates and losses. Runs on PGlite with one worker process (a PGlite folder belongs to one
// process), then on PostgreSQL (DATABASE_URL, default the local server, in a throwaway database) with
// BENCH_SMS_WORKERS processes (2). Bounded: BENCH_SMS_COUNT texts (2000), ten minutes per run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { FakeTwilio } from "../../tests/fakes/twilio-server";
import { type Spawned, spawnNode } from "../../tests/support/spawn";
import { bundleServer } from "../build/server-bundle";

const COUNT = Number(process.env.BENCH_SMS_COUNT ?? 2000);
const WORKERS = Number(process.env.BENCH_SMS_WORKERS ?? 2);
const KILL_AFTER = Math.floor(COUNT * 0.3);
const TIME_LIMIT_MS = 10 * 60 * 1000;

// The worker runs bundled, as production's `npm run worker` does (build/bin/worker.js): started through
// tsx, each start (the restart after the kill too) spent 1.5–3 s transpiling inside the measured span.
// Inside the project, so that its imports find node_modules.
fs.mkdirSync(path.join(process.cwd(), "node_modules/.cache"), { recursive: true });
const bundleDir = fs.mkdtempSync(path.join(process.cwd(), "node_modules/.cache/kv-bench-sms-"));
await bundleServer(process.cwd(), bundleDir, ["scripts/bench/sms-worker.ts"]);
process.on("exit", () => fs.rmSync(bundleDir, { recursive: true, force: true }));

interface Stats {
  total: number;
  accepted: number;
  failed: number;
  max_attempts: number;
  retries: number;
  p50_ms: number;
  p95_ms: number;
  span_ms: number;
  last_accepted_ms: number;
  p10_accepted_ms: number;
  p90_accepted_ms: number;
  p99_accepted_ms: number;
  last_first_try_ms: number;
}

async function run(label: string, dbEnv: Record<string, string>, processes: number) {
  const fake = new FakeTwilio().failRandomly(0.05);
  await fake.start();
  const env = {
    ...dbEnv,
    ...fake.env(),
    NODE_ENV: "production",
    PUBLIC_URL: "https://kinvisit.test",
    JOB_RETRY_DELAY_SECONDS: "1",
    JOB_RETRY_LIMIT: "10",
    JOB_POLL_SECONDS: "0.5",
    JOB_EXPIRE_SECONDS: "5",
    JOB_MAINTENANCE_SECONDS: "2",
    SMS_WORKER_CONCURRENCY: process.env.SMS_WORKER_CONCURRENCY ?? "4",
    SMS_WORKER_BATCH: process.env.SMS_WORKER_BATCH ?? "25",
    SMS_DAILY_CAP: "1000000",
  };
  const started = performance.now();
  const all: Spawned[] = [];
  // Each worker process has a name, as a supervisor would give it; a restart keeps it, so the restarted
  // process hands back at once what the killed one held (app/jobs/holds.server.ts).
  const names = new Map<Spawned, string>();
  const spawnWorker = (enqueue: number, name: string, ...flags: string[]) => {
    const p = spawnNode([path.join(bundleDir, "sms-worker.js"), String(enqueue), ...flags], {
      ...env,
      WORKER_NAME: name,
    });
    all.push(p);
    names.set(p, name);
    return p;
  };
  const deadline = setTimeout(() => {
    for (const p of all) p.child.kill("SIGKILL");
  }, TIME_LIMIT_MS);
  try {
    // With one process it enqueues, then works (as the app's in-process workers would); with several,
    // the backlog is enqueued first and they all start on it.
    let enqueueMs: number;
    let workers: Spawned[];
    if (processes === 1) {
      workers = [spawnWorker(COUNT, "sms-1")];
      enqueueMs = Number((await workers[0]!.waitFor(/"enqueueMs":(\d+)/, TIME_LIMIT_MS))[1]);
    } else {
      const enqueuer = spawnWorker(COUNT, "enqueuer", "--enqueue-only");
      enqueueMs = Number((await enqueuer.waitFor(/"enqueueMs":(\d+)/, TIME_LIMIT_MS))[1]);
      if ((await enqueuer.exited) !== 0) throw new Error(`enqueue failed:\n${enqueuer.output()}`);
      workers = Array.from({ length: processes }, (_, i) => spawnWorker(0, `sms-${i + 1}`));
    }
    const working = await Promise.all(workers.map((w) => w.waitFor(/"working":(\d+)/, TIME_LIMIT_MS)));
    const workStart = Math.min(...working.map((m) => Number(m[1])));

    // Wait until ~30% went out, then hold the next accepted message's answer and kill its sender.
    while (fake.messages.length < KILL_AFTER) {
      const dead = workers.find((w) => w.child.exitCode !== null);
      if (dead) throw new Error(`worker exited early:\n${dead.output()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    const held = await fake.acceptButHoldNext();
    const victim = workers.find((w) => w.child.pid === held.senderPid) ?? workers[0]!;
    victim.child.kill("SIGKILL");
    const killMs = Date.now();
    await victim.exited;
    const killedAt = fake.messages.length;
    const restarted = spawnWorker(0, names.get(victim)!);
    workers = [...workers.filter((w) => w !== victim), restarted];
    const reclaim = restarted.waitFor(/"reclaimed":(\d+),"at":(\d+)/, TIME_LIMIT_MS).catch(() => null);
    const done = await Promise.all(workers.map((w) => w.waitFor(/\{"done":(\{[^\n]*\})\}/, TIME_LIMIT_MS)));
    await Promise.all(workers.map((w) => w.exited));
    const wallMs = performance.now() - started;
    // The last to finish saw every message settled.
    const stats = done
      .map((m) => JSON.parse(m[1]!) as Stats)
      .sort((a, b) => Number(b.last_accepted_ms) - Number(a.last_accepted_ms))[0]!;
    const perRecipient = new Map<string, number>();
    for (const m of fake.messages) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
    const duplicates = [...perRecipient.values()].reduce((sum, n) => sum + (n - 1), 0);
    const lost = COUNT - perRecipient.size;
    const deliverySeconds = (Number(stats.last_accepted_ms) - workStart) / 1000;

    console.log(
      `\n${label}: ${COUNT} texts, ${processes} worker process${processes > 1 ? "es" : ""} × ${env.SMS_WORKER_CONCURRENCY} workers × batches of ${env.SMS_WORKER_BATCH}, 5% injected 500s;` +
        ` a worker SIGKILLed after ${killedAt} accepted (holding ${held.sid.slice(0, 10)}…, sent by it) and restarted`,
    );
    console.log(`  enqueue (one transaction each): ${enqueueMs} ms  (${(COUNT / (enqueueMs / 1000)).toFixed(0)}/s)`);
    console.log(
      `  create calls to Twilio: ${fake.createRequests} (${fake.createRequests - fake.messages.length} answered 500)`,
    );
    console.log(`  retries recorded: ${stats.retries}, max attempts for one text: ${stats.max_attempts}`);
    console.log(
      `  delivery: ${(COUNT / deliverySeconds).toFixed(1)} texts/s over ${deliverySeconds.toFixed(1)} s, from the workers' start to the last accepted (incl. the kill and restart)`,
    );
    const handedBack = await Promise.race([reclaim, new Promise<null>((r) => setTimeout(() => r(null), 0))]);
    const since = (ms: number) => `${((ms - workStart) / 1000).toFixed(1)} s`;
    console.log(
      `  the kill at ${since(killMs)}; the restart under the same name handed back ${handedBack ? `${handedBack[1]} held texts at ${since(Number(handedBack[2]))}` : "nothing"}`,
    );
    console.log(
      `  accepted by: 90% ${since(Number(stats.p90_accepted_ms))}, 99% ${since(Number(stats.p99_accepted_ms))}, all ${since(Number(stats.last_accepted_ms))}; the last text sent on its first try ${since(Number(stats.last_first_try_ms))} (after it: retries waiting out their backoff, 1 s, 2 s, 4 s…)`,
    );
    // The middle 80% of acceptances: the rate while every worker is busy, without the start-up or the
    // tail (the killed worker's batch waits JOB_EXPIRE_SECONDS, and failed texts their retry backoff).
    const steadySeconds = (Number(stats.p90_accepted_ms) - Number(stats.p10_accepted_ms)) / 1000;
    console.log(
      `  steady: ${((0.8 * COUNT) / steadySeconds).toFixed(1)} texts/s over ${steadySeconds.toFixed(1)} s (the 10th to the 90th percentile of acceptance, the kill included)`,
    );
    console.log(
      `  end to end: ${(COUNT / (Number(stats.span_ms) / 1000)).toFixed(1)} texts/s over ${(Number(stats.span_ms) / 1000).toFixed(1)} s from the first enqueue (the measure of ADR 007); wall ${(wallMs / 1000).toFixed(1)} s`,
    );
    console.log(
      `  enqueue → accepted: p50 ${Number(stats.p50_ms).toFixed(0)} ms, p95 ${Number(stats.p95_ms).toFixed(0)} ms (a backlog drained, not an idle system's latency)`,
    );
    console.log(
      `  accepted ${stats.accepted}, failed ${stats.failed}, duplicates ${duplicates} (must be 0), lost ${lost} (must be 0)`,
    );
    return { duplicates, lost };
  } finally {
    clearTimeout(deadline);
    for (const p of all) p.child.kill("SIGKILL");
    await fake.stop();
  }
}

const results = [];
if (process.env.BENCH_SMS_PGLITE !== "0") {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-bench-sms-"));
  try {
    results.push(await run("PGlite", { PGLITE_DIR: path.join(tmp, "pglite") }, 1));
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
const name = `kv_bench_sms_${process.pid}`;
try {
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    results.push(await run("PostgreSQL", { DATABASE_URL: url.toString() }, WORKERS));
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  }
} catch (error) {
  console.log(`\nPostgreSQL: skipped (${(error as Error).message})`);
} finally {
  await admin.end();
}
if (results.some((r) => r.duplicates || r.lost)) process.exit(1);
