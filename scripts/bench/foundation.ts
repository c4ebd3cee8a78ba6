// `npm run bench:foundation`: start-up time (empty vs warm PGlite), login latency under 8 concurrent
// logins, and home-page throughput against a bare hello route in the same run. Bounded in count and time.
// Uses PGlite unless DATABASE_URL is set (then a throwaway database on that server).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { ensureBuild, fmt, spawnNode, startBenchServer, summarize } from "./lib";

const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const LOGINS = Number(process.env.BENCH_LOGINS ?? 160);
const CONCURRENCY = 8;
const LOAD_SECONDS = Number(process.env.BENCH_SECONDS ?? 5);

const buildMs = ensureBuild();
if (buildMs) console.log(`build (vite, once): ${fmt(buildMs)}`);

// 1. Start-up: spawn → "ready" log line, on an empty folder (migrate + seed) and on a warm one, as
// `npm run serve` starts it: the bundled server (build/bin), no TypeScript to transpile.
async function timeStart(dir: string): Promise<number> {
  const t = performance.now();
  const p = spawnNode("build/bin/server.js", {
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    PGLITE_DIR: dir,
    LOG_LEVEL: "info",
  });
  const [, url] = (await p.waitFor(/"msg":"ready".*?"url":"([^"]+)"/, 120_000)) as RegExpMatchArray;
  const res = await fetch(`${url}/readyz`);
  const elapsed = performance.now() - t;
  if (res.status !== 200) throw new Error(`readyz ${res.status}`);
  p.child.kill("SIGTERM");
  if ((await p.exited) !== 0) throw new Error(`server exited non-zero:\n${p.output()}`);
  return elapsed;
}
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-bench-start-"));
const empty: number[] = [];
const warm: number[] = [];
try {
  for (let i = 0; i < STARTS; i++) {
    const dir = path.join(tmp, `db-${i}`);
    empty.push(await timeStart(dir));
    warm.push(await timeStart(dir));
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
const e = summarize(empty);
const w = summarize(warm);
console.log(`\nstart-up to ready (PGlite, ${STARTS} runs each, node build/bin/server.js spawned → /readyz 200)`);
console.log(`  empty folder (migrate + seed): median ${fmt(e.p50)}  max ${fmt(e.max)}`);
console.log(`  warm folder:                   median ${fmt(w.p50)}  max ${fmt(w.max)}`);

// 2 + 3 against one server process.
const server = await startBenchServer({ LOGIN_LIMIT_PER_ACCOUNT: "1000000", LOGIN_LIMIT_PER_IP: "1000000" });
try {
  const origin = new URL(server.url).origin;
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < LOGINS) {
        next += 1;
        const t = performance.now();
        const res = await fetch(`${server.url}/login`, {
          method: "POST",
          redirect: "manual",
          headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
          body: "email=family.a%40kinvisit.test&password=kinvisit-demo",
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t);
        if (res.status !== 302) failures += 1;
      }
    }),
  );
  const wall = performance.now() - t0;
  const l = summarize(latencies);
  console.log(`\nlogin (argon2id m=19456 t=2 p=1), ${l.n} logins, ${CONCURRENCY} concurrent`);
  console.log(
    `  p50 ${fmt(l.p50)}  p95 ${fmt(l.p95)}  max ${fmt(l.max)}  throughput ${(l.n / (wall / 1000)).toFixed(1)}/s  failures ${failures}`,
  );

  async function rps(pathname: string) {
    const result = await autocannon({ url: `${server.url}${pathname}`, connections: 16, duration: LOAD_SECONDS });
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      non2xx: result.non2xx,
      errors: result.errors,
    };
  }
  await rps("/__bench/hello"); // warm-up both paths once, briefly
  const hello = await rps("/__bench/hello");
  const home = await rps("/");
  console.log(`\nthroughput, 16 connections × ${LOAD_SECONDS} s each, same server process`);
  console.log(
    `  bare hello route: ${hello.rps.toFixed(0)} req/s  (p50 ${hello.p50} ms, p97.5 ${hello.p97_5} ms, non-2xx ${hello.non2xx}, errors ${hello.errors})`,
  );
  console.log(
    `  home page (SSR):  ${home.rps.toFixed(0)} req/s  (p50 ${home.p50} ms, p97.5 ${home.p97_5} ms, non-2xx ${home.non2xx}, errors ${home.errors})`,
  );
  console.log(`  ratio home/hello: ${(home.rps / hello.rps).toFixed(3)}`);
} finally {
  await server.stop();
}
