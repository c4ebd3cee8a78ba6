// `npm run bench:chat`: live chat under load (issue 10).
// - PostgreSQL: two app processes (scripts/bench/chat-server.ts, each its own database handle and
//   LISTEN) on one throwaway database. BENCH_SUBSCRIBERS SSE streams (1,000), half the conversations'
//   family streams on process A and their carer streams on process B. BENCH_RATE messages a second
//   (50) for BENCH_SECONDS (60), each POSTed by one side to its own process and timed until it is
//   parsed from the OTHER side's stream, served by the other process. Then one process holds
//   BENCH_IDLE_STREAMS idle streams (5,000) for BENCH_IDLE_HOLD_SECONDS (25, past a heartbeat).
// - PGlite: the same with one process serving both sides.
// Reports p50/p95/p99, lost and duplicated messages, RSS of each process (idle, with the streams at
// the end of the load, with the idle streams) and where the CPU went. Everything is bounded in count
// and time, talks to 127.0.0.1 only, and closes every stream and child at the end.
// BENCH_DRIVERS=postgres,pglite picks the runs; DATABASE_URL is the admin URL for PostgreSQL (a
// throwaway database is created there and dropped at the end); BENCH_CPU_PROF=<folder> writes each
// app's CPU profile of the load; BENCH_TIME_LIMIT_SECONDS (1800) stops everything. Exits 1 when a
// message was lost or duplicated (or the run failed); the other targets are printed as met or not.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import postgres from "postgres";
import { openDatabase } from "~db/client";
import { runMigrations } from "~db/migrate";
import { spawnTsx, type Spawned } from "../../tests/support/spawn";
import { type BenchConversation, makeChatData } from "./chat-data";
import { ensureBuild, percentile } from "./lib";

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number ≥ 0`);
  return value;
};
const SECONDS = num("BENCH_SECONDS", 60);
const RATE = num("BENCH_RATE", 50);
const SUBSCRIBERS = Math.max(2, Math.floor(num("BENCH_SUBSCRIBERS", 1000) / 2) * 2);
const IDLE_STREAMS = Math.floor(num("BENCH_IDLE_STREAMS", 5000) / 2) * 2;
const IDLE_HOLD_MS = num("BENCH_IDLE_HOLD_SECONDS", 25) * 1000;
const DRIVERS = (process.env.BENCH_DRIVERS ?? "postgres,pglite").split(",").map((s) => s.trim());
const ADMIN_URL = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const CONNECT_CONCURRENCY = 50;
/** A POST not answered in this time is given up (counted as failed). */
const POST_TIMEOUT_MS = 60_000;
/** After the last answer, how long to wait for messages still on their way to a stream. */
const DELIVERY_WAIT_MS = 30_000;
const MAX_IN_FLIGHT = 1000;
const TIME_LIMIT_MS = num("BENCH_TIME_LIMIT_SECONDS", 1800) * 1000;
const TARGET_P95_MS = 100;
const TARGET_IDLE_RSS = 500 * 1024 * 1024;

const MB = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(1)} ms` : "n/a");
const sleep = (t: number) => new Promise((r) => setTimeout(r, t));
const mark = (ok: boolean) => (ok ? "met" : "NOT MET");

// ---------- children ----------

const children = new Set<Spawned>();
/** Clean-ups that a SIGINT or SIGTERM runs (the bench database's drop). */
const onInterrupt: (() => Promise<unknown>)[] = [];

interface Stats {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  streams: number;
  connections: number;
  cpuMs: number;
  loopDelay: { p50: number; p99: number; max: number };
}

interface App {
  url: string;
  pid: number;
  spawned: Spawned;
  stats(reset?: boolean, gc?: boolean): Promise<Stats>;
}

async function startApp(env: Record<string, string>, args: string[] = []): Promise<App> {
  const spawned = spawnTsx("scripts/bench/chat-server.ts", args, {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    SEED_ON_EMPTY: "false",
    // The load sends faster than a person: the chat's pace (pace.server.ts) is not what is measured.
    CHAT_MESSAGES_PER_MINUTE: "100000",
    CHAT_OFFERS_PER_MINUTE: "100000",
    HOST: "127.0.0.1",
    PORT: "0",
    // BENCH_CPU_PROF=<folder>: each app writes a V8 CPU profile of the load there when it exits.
    ...(process.env.BENCH_CPU_PROF ? { BENCH_CPU_PROF: process.env.BENCH_CPU_PROF } : {}),
    ...env,
  });
  children.add(spawned);
  const [, url, pid] = (await spawned.waitFor(/"benchReady":"([^"]+)","pid":(\d+)/, 600_000)) as RegExpMatchArray;
  return {
    url: url!,
    pid: Number(pid),
    spawned,
    async stats(reset = false, gc = false) {
      const res = await fetch(`${url}/__bench/stats${reset ? "?reset=1" : gc ? "?gc=1" : ""}`);
      return (await res.json()) as Stats;
    },
  };
}

/** SIGTERM, then the exit code (SIGKILL after 20 s, reported as such). */
async function stopChild(spawned: Spawned): Promise<string> {
  children.delete(spawned);
  if (spawned.child.exitCode !== null) return `had exited (${spawned.child.exitCode})`;
  spawned.child.kill("SIGTERM");
  const code = await Promise.race([spawned.exited, sleep(20_000).then(() => "timeout" as const)]);
  if (code === "timeout") {
    spawned.child.kill("SIGKILL");
    await spawned.exited;
    return "did not exit within 20 s of SIGTERM: SIGKILLed";
  }
  return code === 0 ? "exit 0" : `exit ${code}`;
}

// ---------- SSE client ----------

interface MessageEvent {
  seq: number;
  own: boolean;
  text: string | null;
}

interface Stream {
  conversation: number;
  side: Side;
  heartbeats: number;
  seqs: Set<number>;
  duplicates: number;
  outOfOrder: number;
  lastSeq: number;
  ended: boolean;
  close(): void;
}

type Side = "family" | "carer";

/** Opens one stream; resolves once the server's first line arrived (it subscribes before sending it). */
function openStream(
  base: string,
  conversationId: string,
  token: string,
  meta: { conversation: number; side: Side },
  onMessage: (stream: Stream, event: MessageEvent, at: number) => void,
): Promise<Stream> {
  const url = new URL(`/chat/${conversationId}/stream`, base);
  return new Promise((resolve, reject) => {
    const stream: Stream = {
      ...meta,
      heartbeats: 0,
      seqs: new Set(),
      duplicates: 0,
      outOfOrder: 0,
      lastSeq: 0,
      ended: false,
      close: () => req.destroy(),
    };
    let ready = false;
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`stream ${conversationId} (${meta.side}): no first line in 60 s`));
    }, 60_000);
    const req = http.get(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        agent: false,
        headers: { Accept: "text/event-stream", Cookie: `__Host-kv_session=${token}` },
      },
      (res) => {
        if (res.statusCode !== 200) {
          clearTimeout(timer);
          res.resume();
          reject(new Error(`stream ${conversationId} (${meta.side}): HTTP ${res.statusCode}`));
          return;
        }
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk: string) => {
          const at = performance.now();
          buffer += chunk;
          let end = buffer.indexOf("\n\n");
          while (end >= 0) {
            const block = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            end = buffer.indexOf("\n\n");
            if (!ready) {
              ready = true;
              clearTimeout(timer);
              resolve(stream);
            }
            if (block.startsWith(":")) {
              stream.heartbeats += 1;
              continue;
            }
            let event = "";
            let data = "";
            for (const line of block.split("\n")) {
              if (line.startsWith("event: ")) event = line.slice(7);
              else if (line.startsWith("data: ")) data += line.slice(6);
            }
            if (event !== "message") continue;
            const message = JSON.parse(data) as MessageEvent;
            if (stream.seqs.has(message.seq)) stream.duplicates += 1;
            else {
              if (message.seq < stream.lastSeq) stream.outOfOrder += 1;
              stream.seqs.add(message.seq);
              stream.lastSeq = Math.max(stream.lastSeq, message.seq);
            }
            onMessage(stream, message, at);
          }
        });
        res.on("close", () => {
          stream.ended = true;
        });
      },
    );
    req.on("error", (error) => {
      stream.ended = true;
      if (!ready) {
        clearTimeout(timer);
        reject(error);
      }
    });
  });
}

async function openMany<T>(count: number, open: (i: number) => Promise<T>): Promise<T[]> {
  const out = new Array<T>(count);
  let next = 0;
  let failure: unknown;
  await Promise.all(
    Array.from({ length: Math.min(CONNECT_CONCURRENCY, count) }, async () => {
      while (next < count && !failure) {
        const i = next++;
        try {
          out[i] = await open(i);
        } catch (error) {
          failure = error;
        }
      }
    }),
  );
  if (failure) throw failure;
  return out;
}

// ---------- machine CPU ----------

function machineTicks() {
  const [, ...fields] = fs.readFileSync("/proc/stat", "utf8").split("\n")[0]!.trim().split(/\s+/);
  const values = fields.map(Number);
  const idle = values[3]! + (values[4] ?? 0);
  return { total: values.reduce((a, b) => a + b, 0), idle };
}

/** CPU seconds used so far by each process id (utime + stime from /proc), 0 for one that is gone. */
function processCpuMs(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks of 10 ms
  } catch {
    return 0;
  }
}

// ---------- one run ----------

interface Sent {
  conversation: number;
  from: Side;
  postedAt: number;
  status?: number;
  answeredAt?: number;
  otherAt?: number;
  ownSeen: boolean;
}

interface RunResult {
  label: string;
  processes: number;
  posted: number;
  failedPosts: number;
  lost: number;
  lostOwn: number;
  failedButDelivered: number;
  duplicates: number;
  outOfOrder: number;
  latency: { p50: number; p95: number; p99: number; max: number; n: number };
  postLatency: { p50: number; p95: number; p99: number };
  rate: number;
  lagMax: number;
  rssIdle: number[];
  rssLoaded: number[];
  streamsAfterClose: number[];
  idle: {
    streams: number;
    rssBefore: number;
    heapBefore: number;
    rssWith: number;
    heapWith: number;
    rssCollected: number;
    heapCollected: number;
    heartbeats: number;
    connectMs: number;
  } | null;
  cpu: string[];
}

async function run(
  label: string,
  apps: { a: App; b: App },
  data: BenchConversation[],
  dbPids: () => Promise<number[]>,
): Promise<RunResult> {
  const { a, b } = apps;
  const processes = a === b ? 1 : 2;
  const conversations = SUBSCRIBERS / 2;
  console.log(`\n== ${label}: ${processes} process${processes > 1 ? "es" : ""} ==`);
  await sleep(2000); // let start-up work (pg-boss, first queries) settle before the idle reading
  const idleStats = processes === 2 ? [await a.stats(), await b.stats()] : [await a.stats()];
  console.log(`  RSS idle, no streams: ${idleStats.map((s, i) => `${"AB"[i]} ${MB(s.rss)}`).join(", ")}`);

  // Streams: the family's on A, the carer's on B.
  const sent = new Map<string, Sent>();
  let unexpected = 0;
  const onMessage = (stream: Stream, event: MessageEvent, at: number) => {
    const m = event.text ? sent.get(event.text) : undefined;
    if (!m || m.conversation !== stream.conversation) {
      unexpected += 1;
      return;
    }
    if (stream.side === m.from) m.ownSeen = true;
    else if (m.otherAt === undefined) m.otherAt = at;
  };
  const t0 = performance.now();
  const streams = await openMany(SUBSCRIBERS, (i) => {
    const c = Math.floor(i / 2);
    const side: Side = i % 2 === 0 ? "family" : "carer";
    const conv = data[c]!;
    return side === "family"
      ? openStream(a.url, conv.id, conv.familyToken, { conversation: c, side }, onMessage)
      : openStream(b.url, conv.id, conv.carerToken, { conversation: c, side }, onMessage);
  });
  const connectMs = performance.now() - t0;
  const subscribed =
    processes === 2 ? [(await a.stats()).streams, (await b.stats()).streams] : [(await a.stats()).streams];
  console.log(
    `  ${SUBSCRIBERS} streams open in ${(connectMs / 1000).toFixed(1)} s (server-side subscriptions: ${subscribed.join(" + ")})`,
  );

  // The load: open loop, message i due at i / RATE seconds, POSTed by one side to its own process.
  const agentA = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const agentB = processes === 2 ? new http.Agent({ keepAlive: true, maxSockets: 64 }) : agentA;
  const total = Math.round(SECONDS * RATE);
  let inFlight = 0;
  let lagMax = 0;
  const post = (i: number) => {
    const c = i % conversations;
    const from: Side = Math.floor(i / conversations) % 2 === 0 ? "family" : "carer";
    const conv = data[c]!;
    const app = from === "family" ? a : b;
    const text = `bench ${i}`;
    const body = new URLSearchParams({ intent: "send", body: text }).toString();
    const url = new URL(`/chat/${conv.id}`, app.url);
    const m: Sent = { conversation: c, from, postedAt: performance.now(), ownSeen: false };
    sent.set(text, m);
    inFlight += 1;
    /** Once per POST: the status when answered, 0 when it failed or was given up. */
    const settle = (status: number) => {
      if (m.status !== undefined) return;
      m.status = status;
      m.answeredAt = performance.now();
      inFlight -= 1;
    };
    const req = http.request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "POST",
        agent: from === "family" ? agentA : agentB,
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": Buffer.byteLength(body),
          Origin: url.origin,
          Cookie: `__Host-kv_session=${from === "family" ? conv.familyToken : conv.carerToken}`,
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => settle(res.statusCode ?? 0));
        res.on("close", () => settle(0));
      },
    );
    const giveUp = setTimeout(() => req.destroy(new Error("timeout")), POST_TIMEOUT_MS);
    req.on("close", () => {
      clearTimeout(giveUp);
      settle(0);
    });
    req.on("error", () => settle(0));
    req.end(body);
  };

  await a.stats(true);
  if (processes === 2) await b.stats(true);
  const cpuBefore = {
    orchestrator: process.cpuUsage(),
    a: (await a.stats()).cpuMs,
    b: (await b.stats()).cpuMs,
    db: new Map((await dbPids()).map((pid) => [pid, processCpuMs(pid)])),
    machine: machineTicks(),
  };
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const start = performance.now();
  for (let i = 0; i < total; i++) {
    const due = start + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    while (inFlight >= MAX_IN_FLIGHT) await sleep(5);
    lagMax = Math.max(lagMax, performance.now() - due);
    post(i);
  }
  const sendWindow = (performance.now() - start) / 1000;
  // Wait for the answers and for every message to reach both streams (bounded).
  // Every POST answered (each gives up after POST_TIMEOUT_MS), then every accepted message on both
  // of its streams, waiting at most DELIVERY_WAIT_MS after the last answer.
  while ([...sent.values()].some((m) => m.status === undefined)) await sleep(50);
  const deliveredUntil = performance.now() + DELIVERY_WAIT_MS;
  const delivered = () => [...sent.values()].every((m) => m.status !== 302 || (m.otherAt && m.ownSeen));
  while (!delivered() && performance.now() < deliveredUntil) await sleep(50);
  loop.disable();
  const wallS = (performance.now() - start) / 1000;
  const afterA = await a.stats();
  const afterB = processes === 2 ? await b.stats() : afterA;
  const orchestratorCpu = process.cpuUsage(cpuBefore.orchestrator);
  const dbAfter = await dbPids();
  const dbCpuMs = dbAfter.reduce((sum, pid) => sum + processCpuMs(pid) - (cpuBefore.db.get(pid) ?? 0), 0);
  const machine = machineTicks();
  const machineBusy =
    1 - (machine.idle - cpuBefore.machine.idle) / Math.max(1, machine.total - cpuBefore.machine.total);
  const loadedStats = processes === 2 ? [afterA, afterB] : [afterA];

  const messages = [...sent.values()];
  const ok = messages.filter((m) => m.status === 302);
  const latencies = ok.filter((m) => m.otherAt !== undefined).map((m) => m.otherAt! - m.postedAt);
  latencies.sort((x, y) => x - y);
  const posts = ok.map((m) => m.answeredAt! - m.postedAt).sort((x, y) => x - y);
  const result: RunResult = {
    label,
    processes,
    posted: messages.length,
    failedPosts: messages.length - ok.length,
    lost: ok.filter((m) => m.otherAt === undefined).length,
    lostOwn: ok.filter((m) => !m.ownSeen).length,
    failedButDelivered: messages.filter((m) => m.status !== 302 && m.otherAt !== undefined).length,
    duplicates: streams.reduce((sum, s) => sum + s.duplicates, 0),
    outOfOrder: streams.reduce((sum, s) => sum + s.outOfOrder, 0),
    latency: {
      n: latencies.length,
      p50: percentile(latencies, 50),
      p95: percentile(latencies, 95),
      p99: percentile(latencies, 99),
      max: latencies.at(-1) ?? Number.NaN,
    },
    postLatency: { p50: percentile(posts, 50), p95: percentile(posts, 95), p99: percentile(posts, 99) },
    rate: messages.length / sendWindow,
    lagMax,
    rssIdle: idleStats.map((s) => s.rss),
    rssLoaded: loadedStats.map((s) => s.rss),
    streamsAfterClose: [],
    idle: null,
    cpu: [],
  };
  const perMessage = (cpuMs: number) => `${(cpuMs / Math.max(1, ok.length)).toFixed(1)} ms a message`;
  const cpuShare = (cpuMs: number) => `${((cpuMs / 1000 / wallS) * 100).toFixed(0)}% of a core, ${perMessage(cpuMs)}`;
  result.cpu = [
    `orchestrator (this process, ${SUBSCRIBERS} streams + the POSTs): ${cpuShare((orchestratorCpu.user + orchestratorCpu.system) / 1000)}, event-loop delay p99 ${ms(loop.percentile(99) / 1e6)}`,
    processes === 2
      ? `app A: ${cpuShare(afterA.cpuMs - cpuBefore.a)}, event-loop delay p99 ${ms(afterA.loopDelay.p99)} (max ${ms(afterA.loopDelay.max)}); app B: ${cpuShare(afterB.cpuMs - cpuBefore.b)}, event-loop delay p99 ${ms(afterB.loopDelay.p99)} (max ${ms(afterB.loopDelay.max)})`
      : `app (with PGlite inside): ${cpuShare(afterA.cpuMs - cpuBefore.a)}, event-loop delay p99 ${ms(afterA.loopDelay.p99)} (max ${ms(afterA.loopDelay.max)})`,
    ...(processes === 2 ? [`PostgreSQL backends of the bench database: ${cpuShare(dbCpuMs)}`] : []),
    `whole machine (2 cores, shared): ${(machineBusy * 100).toFixed(0)}% busy (1-min load average ${os.loadavg()[0]!.toFixed(1)})`,
  ];
  const statuses = new Map<number, number>();
  for (const m of messages) statuses.set(m.status ?? -1, (statuses.get(m.status ?? -1) ?? 0) + 1);
  console.log(
    `  POST answers: ${[...statuses].map(([k, v]) => `${k === 0 ? "no answer within 60 s or a network error" : k} ×${v}`).join(", ")}`,
  );
  for (const app of processes === 2 ? [a, b] : [a]) {
    const lines = app.spawned
      .output()
      .split("\n")
      .filter((l) => /"level":"(warn|error)"/.test(l));
    if (lines.length)
      console.log(`  app ${app.pid}: ${lines.length} warnings/errors logged, e.g. ${lines[0]!.slice(0, 400)}`);
  }
  if (unexpected) console.log(`  unexpected events (not a message this run sent to that conversation): ${unexpected}`);

  // Close the load's streams; the servers must drop every subscription.
  const endedBefore = streams.filter((s) => s.ended).length;
  if (endedBefore) console.log(`  streams the server ended during the load: ${endedBefore}`);
  for (const s of streams) s.close();
  agentA.destroy();
  agentB.destroy();
  const closeUntil = performance.now() + 10_000;
  let left = [afterA.streams];
  while (performance.now() < closeUntil) {
    left = processes === 2 ? [(await a.stats()).streams, (await b.stats()).streams] : [(await a.stats()).streams];
    if (left.every((n) => n === 0)) break;
    await sleep(100);
  }
  result.streamsAfterClose = left;
  if (left.some((n) => n > 0)) {
    const conns =
      processes === 2
        ? [(await a.stats()).connections, (await b.stats()).connections]
        : [(await a.stats()).connections];
    console.log(
      `  open connections on the servers after closing: ${conns.join(" + ")}; client streams not ended: ${streams.filter((s) => !s.ended).length}`,
    );
  }

  // Idle streams on A alone: both sides of the first IDLE_STREAMS / 2 conversations.
  if (IDLE_STREAMS > 0) {
    await sleep(1000);
    const beforeStats = await a.stats(false, true);
    const before = beforeStats.rss;
    const t1 = performance.now();
    const idle = await openMany(IDLE_STREAMS, (i) => {
      const conv = data[Math.floor(i / 2)]!;
      const side: Side = i % 2 === 0 ? "family" : "carer";
      return openStream(
        a.url,
        conv.id,
        side === "family" ? conv.familyToken : conv.carerToken,
        { conversation: Math.floor(i / 2), side },
        () => {
          unexpected += 1;
        },
      );
    });
    const idleConnectMs = performance.now() - t1;
    await sleep(IDLE_HOLD_MS);
    const withIdle = await a.stats();
    const collected = await a.stats(false, true);
    const heartbeats = idle.reduce((sum, s) => sum + s.heartbeats, 0);
    const endedEarly = idle.filter((s) => s.ended).length;
    result.idle = {
      streams: withIdle.streams,
      rssBefore: before,
      heapBefore: beforeStats.heapUsed,
      rssWith: withIdle.rss,
      heapWith: withIdle.heapUsed,
      rssCollected: collected.rss,
      heapCollected: collected.heapUsed,
      heartbeats,
      connectMs: idleConnectMs,
    };
    if (endedEarly) console.log(`  idle streams that ended while held: ${endedEarly}`);
    for (const s of idle) s.close();
    const until = performance.now() + 10_000;
    while (performance.now() < until && (await a.stats()).streams > 0) await sleep(100);
  }
  report(result, wallS, total);
  return result;
}

function report(r: RunResult, wallS: number, total: number) {
  const names = r.processes === 2 ? ["A", "B"] : ["app"];
  console.log(
    `  load: ${r.posted} of ${total} messages POSTed at ${r.rate.toFixed(1)}/s (target ${RATE}/s for ${SECONDS} s; scheduler lag max ${ms(r.lagMax)}), ${wallS.toFixed(1)} s with the drain`,
  );
  console.log(
    `  POST → event parsed on the other side's stream${r.processes === 2 ? " (the other process)" : ""}: p50 ${ms(r.latency.p50)}  p95 ${ms(r.latency.p95)}  p99 ${ms(r.latency.p99)}  max ${ms(r.latency.max)}  (n ${r.latency.n})`,
  );
  console.log(
    `  POST → 302 answered: p50 ${ms(r.postLatency.p50)}  p95 ${ms(r.postLatency.p95)}  p99 ${ms(r.postLatency.p99)}`,
  );
  console.log(
    `  failed POSTs ${r.failedPosts} (${r.failedButDelivered} of them still stored and delivered); lost on the other side ${r.lost} (must be 0); missing on the sender's own stream ${r.lostOwn}; duplicated ${r.duplicates} (must be 0); out of order ${r.outOfOrder}`,
  );
  console.log(`  RSS idle (no streams):          ${r.rssIdle.map((v, i) => `${names[i]} ${MB(v)}`).join(", ")}`);
  console.log(
    `  RSS with ${SUBSCRIBERS / r.processes} streams each, end of load: ${r.rssLoaded.map((v, i) => `${names[i]} ${MB(v)}`).join(", ")}`,
  );
  console.log(`  subscriptions left after the streams closed: ${r.streamsAfterClose.join(" + ")} (must be 0)`);
  if (r.idle) {
    const perStream = (bytes: number) => `${(bytes / Math.max(1, r.idle!.streams) / 1024).toFixed(1)} KB a stream`;
    console.log(
      `  ${r.idle.streams} idle streams on one process (opened in ${(r.idle.connectMs / 1000).toFixed(1)} s, held ${IDLE_HOLD_MS / 1000} s, ${r.idle.heartbeats} heartbeats received): RSS ${MB(r.idle.rssWith)} (${MB(r.idle.rssBefore)} before them, after a full GC; ${perStream(r.idle.rssWith - r.idle.rssBefore)}), JS heap in use ${MB(r.idle.heapWith)}`,
    );
    console.log(
      `    after a full GC with the streams still open: RSS ${MB(r.idle.rssCollected)} (${perStream(r.idle.rssCollected - r.idle.rssBefore)}), JS heap in use ${MB(r.idle.heapCollected)} (${MB(r.idle.heapBefore)} before them: ${perStream(r.idle.heapCollected - r.idle.heapBefore)} live)`,
    );
  }
  console.log("  CPU during the load:");
  for (const line of r.cpu) console.log(`    ${line}`);
}

function targets(r: RunResult) {
  const lines = [
    `p95 ≤ ${TARGET_P95_MS} ms: ${ms(r.latency.p95)} → ${mark(r.latency.p95 <= TARGET_P95_MS)}`,
    `0 lost (accepted, never on the other side's stream): ${r.lost} → ${mark(r.lost === 0)}`,
    `0 duplicated: ${r.duplicates} → ${mark(r.duplicates === 0)}`,
  ];
  if (r.idle) {
    const full = r.idle.streams >= IDLE_STREAMS;
    lines.push(
      `≤ 500 MB with ${IDLE_STREAMS} idle streams: ${MB(r.idle.rssWith)} (${r.idle.streams} open) → ${mark(full && r.idle.rssWith <= TARGET_IDLE_RSS)}`,
    );
  }
  lines.push(`(no target) POSTs not answered 302: ${r.failedPosts} of ${r.posted}; out of order: ${r.outOfOrder}`);
  return lines;
}

// ---------- drivers ----------

async function runPostgres(): Promise<RunResult | null> {
  const admin = postgres(ADMIN_URL, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  const name = `kv_bench_chat_${process.pid}`;
  try {
    await admin.unsafe(`create database ${name}`);
  } catch (error) {
    console.log(`\nPostgreSQL: skipped (${(error as Error).message})`);
    await admin.end();
    return null;
  }
  onInterrupt.push(() => admin.unsafe(`drop database if exists ${name} with (force)`));
  const apps: App[] = [];
  try {
    const url = new URL(ADMIN_URL);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ url: url.toString(), max: 8 });
    const t = performance.now();
    let data: BenchConversation[];
    try {
      await runMigrations(handle);
      data = await makeChatData(handle.db, Math.max(SUBSCRIBERS, IDLE_STREAMS) / 2);
    } finally {
      await handle.close();
    }
    console.log(
      `\nPostgreSQL: ${data.length} conversations, their people and sessions made in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    apps.push(await startApp({ DATABASE_URL: url.toString() }));
    apps.push(await startApp({ DATABASE_URL: url.toString() }));
    const dbPids = async () =>
      (await admin`select pid from pg_stat_activity where datname = ${name}`).map((r) => Number(r.pid));
    const result = await run("PostgreSQL", { a: apps[0]!, b: apps[1]! }, data, dbPids);
    for (const app of apps.splice(0)) console.log(`  app ${app.pid} on SIGTERM: ${await stopChild(app.spawned)}`);
    return result;
  } finally {
    for (const app of apps) console.log(`  app ${app.pid} on SIGTERM: ${await stopChild(app.spawned)}`);
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function runPglite(): Promise<RunResult> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-bench-chat-"));
  onInterrupt.push(async () => fs.rmSync(tmp, { recursive: true, force: true }));
  let app: App | undefined;
  try {
    const file = path.join(tmp, "data.json");
    const t = performance.now();
    app = await startApp({ PGLITE_DIR: path.join(tmp, "pglite") }, [
      "--setup",
      file,
      String(Math.max(SUBSCRIBERS, IDLE_STREAMS) / 2),
    ]);
    const data = JSON.parse(fs.readFileSync(file, "utf8")) as BenchConversation[];
    console.log(
      `\nPGlite: ${data.length} conversations, their people and sessions made in the app process; ready in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const result = await run("PGlite", { a: app, b: app }, data, async () => []);
    console.log(`  app ${app.pid} on SIGTERM: ${await stopChild(app.spawned)}`);
    app = undefined;
    return result;
  } finally {
    if (app) console.log(`  app ${app.pid} on SIGTERM: ${await stopChild(app.spawned)}`);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------- main ----------

const watchdog = setTimeout(() => {
  console.error(`bench:chat: over the time limit (${TIME_LIMIT_MS / 1000} s): stopping`);
  for (const c of children) c.child.kill("SIGKILL");
  process.exit(2);
}, TIME_LIMIT_MS);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.once(signal, async () => {
    console.error(`bench:chat: ${signal}: stopping the apps and dropping the bench database`);
    await Promise.all([...children].map((c) => stopChild(c)));
    for (const drop of onInterrupt) await drop().catch(() => {});
    process.exit(130);
  });
}

const buildMs = ensureBuild();
if (buildMs) console.log(`build (vite, once): ${(buildMs / 1000).toFixed(1)} s`);
console.log(
  `bench:chat: ${SUBSCRIBERS} streams, ${RATE} messages/s for ${SECONDS} s, then ${IDLE_STREAMS} idle streams on one process; ${new Date().toISOString()}, ${os.cpus().length} cores, Node ${process.version}`,
);
const results: RunResult[] = [];
let failed = false;
try {
  if (DRIVERS.includes("postgres")) {
    const r = await runPostgres();
    if (r) results.push(r);
  }
  if (DRIVERS.includes("pglite")) results.push(await runPglite());
} catch (error) {
  failed = true;
  console.error(error);
} finally {
  for (const c of [...children]) console.log(`  leftover child on SIGTERM: ${await stopChild(c)}`);
  clearTimeout(watchdog);
}

console.log("\n== targets (issue 10) ==");
for (const r of results) {
  console.log(`${r.label} (${r.processes} process${r.processes > 1 ? "es" : ""}):`);
  for (const line of targets(r)) console.log(`  ${line}`);
}
if (failed || results.some((r) => r.lost || r.duplicates)) process.exit(1);
