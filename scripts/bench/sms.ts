// `npm run bench:sms`: 2,000 texts through pg-boss to the fake Twilio server with 5% injected 500s.
// Part-way, the worker process is SIGKILLed at the worst moment (Twilio accepted a message, the worker
// never saw the answer) and restarted. Reports throughput, p95 enqueue→accepted, duplicates and losses.
// Runs on PGlite, then on PostgreSQL (DATABASE_URL, default the local server) in a throwaway database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { FakeTwilio } from "../../tests/fakes/twilio-server";
import { spawnTsx } from "../../tests/support/spawn";

const COUNT = Number(process.env.BENCH_SMS_COUNT ?? 2000);
const KILL_AFTER = Math.floor(COUNT * 0.3);
const TIME_LIMIT_MS = 10 * 60 * 1000;

async function run(label: string, dbEnv: Record<string, string>) {
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
    SMS_WORKER_CONCURRENCY: "2",
    SMS_WORKER_BATCH: "20",
    SMS_DAILY_CAP: "1000000",
  };
  const started = performance.now();
  const first = spawnTsx("scripts/bench/sms-worker.ts", [String(COUNT)], env);
  const deadline = setTimeout(() => first.child.kill("SIGKILL"), TIME_LIMIT_MS);
  // Wait until ~30% went out, then hold the next accepted message's answer and kill the worker.
  while (fake.messages.length < KILL_AFTER) {
    if (first.child.exitCode !== null) throw new Error(`worker exited early:\n${first.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const held = await fake.acceptButHoldNext();
  first.child.kill("SIGKILL");
  await first.exited;
  const killedAt = fake.messages.length;
  const second = spawnTsx("scripts/bench/sms-worker.ts", ["0"], env);
  const [, json] = (await second.waitFor(/\{"done":(\{[^\n]*\})\}/, TIME_LIMIT_MS)) as RegExpMatchArray;
  await second.exited;
  clearTimeout(deadline);
  const wallMs = performance.now() - started;
  const stats = JSON.parse(json!) as Record<string, number>;
  const enqueueMs = Number(/"enqueueMs":(\d+)/.exec(first.output())?.[1] ?? NaN);
  const perRecipient = new Map<string, number>();
  for (const m of fake.messages) perRecipient.set(m.to, (perRecipient.get(m.to) ?? 0) + 1);
  const duplicates = [...perRecipient.values()].reduce((sum, n) => sum + (n - 1), 0);
  const lost = COUNT - perRecipient.size;
  await fake.stop();

  console.log(
    `\n${label}: ${COUNT} texts, 5% injected 500s, worker SIGKILLed after ${killedAt} accepted (holding ${held.sid.slice(0, 10)}…) and restarted`,
  );
  console.log(`  enqueue (one transaction each): ${enqueueMs} ms  (${(COUNT / (enqueueMs / 1000)).toFixed(0)}/s)`);
  console.log(
    `  create calls to Twilio: ${fake.createRequests} (${fake.createRequests - fake.messages.length} answered 500)`,
  );
  console.log(`  retries recorded: ${stats.retries}, max attempts for one text: ${stats.max_attempts}`);
  console.log(
    `  enqueue → accepted: p50 ${Number(stats.p50_ms).toFixed(0)} ms, p95 ${Number(stats.p95_ms).toFixed(0)} ms`,
  );
  console.log(
    `  throughput: ${(COUNT / (Number(stats.span_ms) / 1000)).toFixed(1)} texts/s over ${(Number(stats.span_ms) / 1000).toFixed(1)} s (incl. the kill and restart); wall ${(wallMs / 1000).toFixed(1)} s`,
  );
  console.log(
    `  accepted ${stats.accepted}, failed ${stats.failed}, duplicates ${duplicates} (must be 0), lost ${lost} (must be 0)`,
  );
  return { duplicates, lost };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-bench-sms-"));
const results = [];
try {
  results.push(await run("PGlite", { PGLITE_DIR: path.join(tmp, "pglite") }));
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}

const adminUrl = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const admin = postgres(adminUrl, { max: 1, onnotice: () => {}, connect_timeout: 3 });
const name = `kv_bench_sms_${process.pid}`;
try {
  await admin.unsafe(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  try {
    results.push(await run("PostgreSQL", { DATABASE_URL: url.toString() }));
  } finally {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
  }
} catch (error) {
  console.log(`\nPostgreSQL: skipped (${(error as Error).message})`);
} finally {
  await admin.end();
}
if (results.some((r) => r.duplicates || r.lost)) process.exit(1);
