// `npm run bench:pages`: what a page costs the server and what a phone waits for (issue 16).
// For each page of PAGES: req/s against /healthz in the same process and the same run, with a browser's
// headers; CPU per request in the server process; queries per page; the page's HTML and the JavaScript
// it loads before hydration. Then Chromium at 390 px on 1.6 Mbps / 150 ms RTT / 4× CPU: LCP and the time
// until the map's markers show (the server's first view or Leaflet's) and until Leaflet's do. Then start-up of the production server, empty and warm.
// Every load is bounded in count and time, and only talks to 127.0.0.1.
//
// Options (environment): BENCH_SECONDS (per load, 5), BENCH_ROUNDS (2), BENCH_CONNECTIONS (16),
// BENCH_LOG_LEVEL (the server's, info as in production),
// BENCH_BROWSER_RUNS (5, 0 skips Chromium), BENCH_STARTS (3, 0 skips start-up), BENCH_LOAD=0 (skips the
// server render loads and the pages themselves), BENCH_ONLY (a regex on page names), DATABASE_URL (a throwaway database on that server instead of PGlite), and
// BENCH_COMPARE=<dir>: another checkout with its own build (say the commit before a change), measured
// in the same run, interleaved with this one.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import autocannon from "autocannon";
import { type Browser, chromium } from "playwright-core";
import { ensureBuild, summarize } from "./lib";
import { firstDifference, normalizedHtml, pageWeight } from "./page-weight";

type Demo = "family.a@kinvisit.test" | "carer.x@kinvisit.test";
type Find = (as: Demo | undefined, pathname: string) => Promise<string>;
/** A form post as a demo account: the status and the redirect's target. */
type Post = (
  as: Demo,
  pathname: string,
  fields: Record<string, string>,
) => Promise<{ status: number; location: string }>;
interface Page {
  name: string;
  /** Demo account to log in as (password kinvisit-demo); none = logged out. */
  as?: Demo;
  /** A path, or how to find one (the first link matching a pattern on another page). */
  path: string | ((find: Find, post: Post) => Promise<string>);
  /** The page is only measured if its HTML passes (say, shows 20 results). */
  expect?: { test(html: string): boolean; toString(): string };
  /** Minimum req/s ÷ /healthz (issue 16). */
  target?: number;
  /**
   * Measure LCP in Chromium; `map` also the time until the map's markers show (first drawn, and
   * Leaflet's); `home map` counts the home's pin as a marker (a tracking map may show only the home).
   */
  browser?: "lcp" | "map" | "home map";
}

/** The first same-origin link on `from` matching `pattern`, plus `suffix`. */
const linkOn =
  (from: string, pattern: RegExp, suffix = "") =>
  async (find: Find, as?: Demo) => {
    const html = await find(as, from);
    const m = html.match(pattern);
    if (!m) throw new Error(`no link matching ${pattern} on ${from}`);
    return m[0] + suffix;
  };
/** At least `n` matches of `pattern` in the page. */
const atLeast = (n: number, pattern: RegExp) => ({
  test: (html: string) => (html.match(new RegExp(pattern.source, "g"))?.length ?? 0) >= n,
  toString: () => `${n} × ${pattern}`,
});
const PARENT = /\/family\/parents\/[0-9a-f-]{36}(?=")/;
const JOB = /\/carer\/jobs\/[0-9a-f-]{36}(?=")/;
const FAMILY = "family.a@kinvisit.test" as const;
const CARER = "carer.x@kinvisit.test" as const; // locale zh-CN

const UUID = "[0-9a-f-]{36}";
/**
 * The demo city has no conversation yet: book one the way people do, over HTTP. Family A opens a
 * conversation with carer X about A's mother, from one of X's services; X sends an offer for a date a
 * few days ahead; A accepts it, which books the visit. Done once per server measured (its pages share
 * it; each server has its own database).
 */
const bookings = new WeakMap<Find, Promise<{ conversation: string; visit: string }>>();
const bookDemoVisit = (find: Find, post: Post) => {
  let booking = bookings.get(find);
  booking ??= (async () => {
    const parentPath = await linkOn("/family", PARENT)(find, FAMILY);
    const carerId = (await find(CARER, "/carer/profile")).match(new RegExp(`/carers/(${UUID})`))?.[1];
    if (!carerId) throw new Error("no public profile link on /carer/profile");
    const profile = await find(FAMILY, `/carers/${carerId}`);
    const service = profile.match(/id="message-service"[^>]*>\s*<option value="([^"]+)"/)?.[1];
    if (!service) throw new Error("no service to message carer X about");
    const opened = await post(FAMILY, "/chat/new", {
      from: "service",
      carerId,
      parentId: parentPath.split("/").pop()!,
      service,
    });
    const conversation = opened.location.match(new RegExp(`^/chat/${UUID}$`))?.[0];
    if (!conversation) throw new Error(`opening a conversation answered ${opened.status}`);
    const date = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(
      new Date(Date.now() + 3 * 86_400_000),
    );
    const sent = await post(CARER, conversation, {
      intent: "offer",
      service,
      schedule: "once",
      date,
      start: "10:00",
      end: "11:30",
      tasks: "Tea and a chat",
      price: "100",
      cancellation: "moderate",
      expiresInHours: "24",
    });
    if (sent.status !== 302) throw new Error(`sending the offer answered ${sent.status}`);
    const offerId = (await find(FAMILY, conversation)).match(new RegExp(`name="offerId" value="(${UUID})"`))?.[1];
    if (!offerId) throw new Error("no open offer to accept");
    const accepted = await post(FAMILY, conversation, { intent: "accept", offerId, overlapConfirmed: "on" });
    const visit = accepted.location.match(new RegExp(`^/visits/${UUID}`))?.[0];
    if (!visit) throw new Error(`accepting the offer answered ${accepted.status} → ${accepted.location}`);
    return { conversation, visit };
  })();
  bookings.set(find, booking);
  return booking;
};

// One line per page.
const PAGES: Page[] = [
  { name: "home, logged out", path: "/", target: 0.15 },
  // Across every parent: the visits coming up and those waiting for a confirmation or a rating.
  { name: "family dashboard", as: FAMILY, path: (f, p) => bookDemoVisit(f, p).then(() => "/family") },
  { name: "family parent", as: FAMILY, path: (f) => linkOn("/family", PARENT)(f, FAMILY) },
  {
    name: "family search, 20 carers",
    as: FAMILY,
    path: (f) => linkOn("/family", PARENT, "/carers")(f, FAMILY),
    expect: atLeast(20, /<li [^>]*class="card result[ "]/),
    target: 0.06,
    browser: "map",
  },
  { name: "carer jobs (zh-CN)", as: CARER, path: "/carer/jobs", expect: /lang="zh-CN"/, target: 0.08, browser: "map" },
  { name: "carer job", as: CARER, path: (f) => linkOn("/carer/jobs", JOB)(f, CARER) },
  { name: "chat inbox", as: FAMILY, path: (f, p) => bookDemoVisit(f, p).then(() => "/chat") },
  { name: "chat conversation (carer)", as: CARER, path: async (f, p) => (await bookDemoVisit(f, p)).conversation },
  {
    name: "visit page (family)",
    as: FAMILY,
    path: async (f, p) => (await bookDemoVisit(f, p)).visit,
    browser: "home map",
  },
  { name: "carer visits", as: CARER, path: (f, p) => bookDemoVisit(f, p).then(() => "/carer/visits") },
  // The phone pages of issue 15 (ADR 022): forms in steps, the carer's day.
  { name: "family request form", as: FAMILY, path: (f) => linkOn("/family", PARENT, "/requests/new")(f, FAMILY) },
  { name: "family parent edit", as: FAMILY, path: (f) => linkOn("/family", PARENT, "/edit")(f, FAMILY) },
  { name: "carer dashboard (zh-CN)", as: CARER, path: "/carer" },
  { name: "carer profile form (zh-CN)", as: CARER, path: "/carer/profile" },
];

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const BROWSER_RUNS = Number(process.env.BENCH_BROWSER_RUNS ?? 5);
const STARTS = Number(process.env.BENCH_STARTS ?? 3);
const LOAD = process.env.BENCH_LOAD !== "0";
const ONLY = process.env.BENCH_ONLY ? new RegExp(process.env.BENCH_ONLY, "i") : null;
/** BENCH_CPU_PROFILE=<dir>: a CPU profile of each page's first load, written by the server into that folder. */
const PROFILE = process.env.BENCH_CPU_PROFILE;
const COMPARE = process.env.BENCH_COMPARE ? path.resolve(process.env.BENCH_COMPARE) : null;
const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
const PHONE_UA =
  "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36";
const BROWSER_HEADERS = {
  "User-Agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  Accept: "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
  "Accept-Encoding": "gzip, deflate, br",
  "Accept-Language": "en-GB,en;q=0.9",
};
// Tiles cannot load offline: point them at a closed local port so they fail at once.
const SERVER_ENV = {
  NODE_ENV: "production",
  // The production default: every request writes its log line, /healthz's included.
  LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? "info",
  LOGIN_LIMIT_PER_ACCOUNT: "1000000",
  LOGIN_LIMIT_PER_IP: "1000000",
  TILE_URL: "http://127.0.0.1:9/{z}/{x}/{y}.png",
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (n: number) => (Number.isFinite(n) ? `${Math.round(n)} ms` : "n/a");

/** A child process running `script` from checkout `root` with node + tsx's loader. */
function spawnIn(
  root: string,
  script: string,
  env: Record<string, string>,
): { child: ChildProcess; out: () => string } {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.TEST_DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: root,
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  // The request log runs to hundreds of thousands of lines: keep the tail only.
  let out = "";
  const keep = (c: Buffer) => {
    out = (out + c.toString()).slice(-64_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  return { child, out: () => out };
}

async function waitForOutput(p: { child: ChildProcess; out: () => string }, re: RegExp, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const m = p.out().match(re);
    if (m) return m;
    if (p.child.exitCode !== null) throw new Error(`process exited early:\n${p.out()}`);
    await sleep(50);
  }
  throw new Error(`timed out waiting for ${re}:\n${p.out()}`);
}

interface Target {
  label: string;
  root: string;
  url: string;
  cookies: Map<Demo, string>;
  stop(): Promise<void>;
}

async function startTarget(label: string, root: string): Promise<Target> {
  // The bench server of this checkout, run in the other one, so both measure the same way.
  if (root !== process.cwd()) fs.copyFileSync("scripts/bench/serve.ts", path.join(root, "scripts/bench/serve.ts"));
  const env: Record<string, string> = { ...SERVER_ENV };
  if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
  const p = spawnIn(root, "scripts/bench/serve.ts", env);
  const [, url] = await waitForOutput(p, /"benchReady":"([^"]+)"/, 180_000);
  p.child.on("exit", (code, signal) => {
    if (!stopping) console.error(`\n[${label}] server exited (${code ?? signal}):\n${p.out().slice(-4000)}`);
  });
  let stopping = false;
  return {
    label,
    root,
    url: url!,
    cookies: new Map(),
    stop: async () => {
      stopping = true;
      p.child.kill("SIGTERM");
      await Promise.race([new Promise((r) => p.child.once("exit", r)), sleep(10_000)]);
    },
  };
}

async function login(t: Target, as: Demo): Promise<string> {
  const known = t.cookies.get(as);
  if (known) return known;
  const res = await fetch(`${t.url}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: t.url },
    body: new URLSearchParams({ email: as, password: "kinvisit-demo" }),
  });
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .join("; ");
  if (res.status !== 302 || !cookie.includes("session")) throw new Error(`login as ${as}: ${res.status}`);
  t.cookies.set(as, cookie);
  return cookie;
}

/** GET with a browser's headers; the raw bytes on the wire and the decoded text. */
function get(t: Target, pathname: string, cookie?: string) {
  return new Promise<{
    status: number;
    encoding: string;
    wire: number;
    text: string;
    headers: http.IncomingHttpHeaders;
  }>((resolve, reject) => {
    const req = http.get(
      `${t.url}${pathname}`,
      { headers: { ...BROWSER_HEADERS, ...(cookie ? { Cookie: cookie } : {}) }, timeout: 30_000 },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", async () => {
          const body = Buffer.concat(chunks);
          const encoding = String(res.headers["content-encoding"] ?? "identity");
          const zlib = await import("node:zlib");
          const text = (
            encoding === "br"
              ? zlib.brotliDecompressSync(body)
              : encoding === "gzip"
                ? zlib.gunzipSync(body)
                : encoding === "deflate"
                  ? zlib.inflateSync(body)
                  : body
          ).toString("utf8");
          resolve({ status: res.statusCode ?? 0, encoding, wire: body.length, text, headers: res.headers });
        });
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`GET ${pathname} timed out`)));
    req.on("error", reject);
  });
}

async function stats(t: Target) {
  const res = await fetch(`${t.url}/__bench/stats`);
  return (await res.json()) as { cpu: { user: number; system: number }; queries: number };
}

async function load(t: Target, pathname: string, cookie?: string) {
  const before = await stats(t);
  const result = await autocannon({
    url: `${t.url}${pathname}`,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 30,
    headers: { ...BROWSER_HEADERS, ...(cookie ? { Cookie: cookie } : {}) },
  });
  const after = await stats(t);
  const cpuUs = after.cpu.user + after.cpu.system - before.cpu.user - before.cpu.system;
  const ok = result["2xx"];
  return {
    rps: result.requests.total / result.duration,
    cpuMsPerRequest: cpuUs / 1000 / Math.max(1, result.requests.total),
    bad: result.requests.total - ok + result.errors + result.timeouts,
    p50: result.latency.p50,
  };
}

interface Resolved {
  page: Page;
  path: string;
  cookie?: string;
}

async function resolvePages(t: Target): Promise<Resolved[]> {
  const find: Find = async (as, pathname) => (await get(t, pathname, as ? await login(t, as) : undefined)).text;
  const post: Post = async (as, pathname, fields) => {
    const res = await fetch(`${t.url}${pathname}`, {
      method: "POST",
      redirect: "manual",
      headers: {
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: t.url,
        Cookie: await login(t, as),
      },
      body: new URLSearchParams(fields),
    });
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get("location") ?? "" };
  };
  const out: Resolved[] = [];
  for (const page of PAGES.filter((p) => !ONLY || ONLY.test(p.name))) {
    const p = typeof page.path === "string" ? page.path : await page.path(find, post);
    out.push({ page, path: p, cookie: page.as ? await login(t, page.as) : undefined });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------
const buildMs = ensureBuild();
if (buildMs) console.log(`build (once): ${ms(buildMs)}`);
const targets: Target[] = [];
const startedAt = new Date();
if (LOAD) await measurePages();

async function measurePages() {
  try {
    targets.push(await startTarget("this checkout", process.cwd()));
    if (COMPARE) targets.push(await startTarget(path.basename(COMPARE), COMPARE));
    const resolved = new Map<Target, Resolved[]>();
    for (const t of targets) resolved.set(t, await resolvePages(t));

    console.log(
      `bench:pages ${startedAt.toISOString()} · ${os.cpus().length} cores · ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}` +
        ` · ${CONNECTIONS} connections × ${SECONDS} s per load, ${ROUNDS} round(s)`,
    );

    // 1. Each page once: status, expectations, HTML size on the wire, JS before hydration, queries.
    const html = new Map<string, Awaited<ReturnType<typeof get>>>();
    for (const t of targets) {
      console.log(
        `\n[${t.label}] page                      status  enc   HTML wire / raw    JS before hydration (gzip / br) + text data   map JS (gzip)  queries`,
      );
      for (const r of resolved.get(t)!) {
        const first = await get(t, r.path, r.cookie);
        html.set(`${t.label}|${r.page.name}`, first);
        if (first.status !== 200) throw new Error(`${r.page.name} (${r.path}) answered ${first.status}`);
        if (r.page.expect && !r.page.expect.test(first.text))
          throw new Error(`${r.page.name}: HTML does not match ${r.page.expect}`);
        const s0 = await stats(t);
        for (let i = 0; i < 10; i++) await get(t, r.path, r.cookie);
        const queries = ((await stats(t)).queries - s0.queries) / 10;
        const link = first.headers.link;
        const w = pageWeight(
          first.text,
          path.join(t.root, "build/client"),
          Array.isArray(link) ? link.join(", ") : link,
        );
        console.log(
          `  ${r.page.name.padEnd(26)} ${String(first.status).padEnd(7)} ${first.encoding.padEnd(5)} ${kb(first.wire).padStart(9)} / ${kb(Buffer.byteLength(first.text)).padEnd(9)}` +
            ` ${kb(w.gzip).padStart(10)} / ${kb(w.brotli).padEnd(10)} (${w.files.length} files) + ${kb(w.textGzip).padEnd(8)} ${w.mapGzip ? kb(w.mapGzip).padStart(9) : "        -"}      ${queries}`,
        );
      }
    }

    if (targets.length === 2) {
      console.log(
        `\nHTML of [${targets[0]!.label}] against [${targets[1]!.label}] (nonces, asset hashes, scripts left out)`,
      );
      for (const r of resolved.get(targets[0]!)!) {
        const a = normalizedHtml(html.get(`${targets[0]!.label}|${r.page.name}`)!.text);
        const b = normalizedHtml(html.get(`${targets[1]!.label}|${r.page.name}`)!.text);
        const diff = firstDifference(b, a);
        console.log(`  ${r.page.name.padEnd(26)} ${diff ? `DIFFERS at ${diff}` : "same"}`);
      }
    }

    // 2. Throughput: /healthz, page, /healthz, page … in each server; targets interleaved.
    const ratios = new Map<
      string,
      { ratio: number[]; cpu: number[]; rps: number[]; bad: number; healthCpu: number[] }
    >();
    for (const t of targets) await load(t, "/healthz"); // warm-up
    for (let round = 0; round < ROUNDS; round++) {
      const names = resolved.get(targets[0]!)!.map((r) => r.page.name);
      for (const name of names) {
        for (const t of targets) {
          const r = resolved.get(t)!.find((x) => x.page.name === name)!;
          const h1 = await load(t, "/healthz");
          if (PROFILE && round === 0) await fetch(`${t.url}/__bench/profile/start`);
          const p = await load(t, r.path, r.cookie);
          if (PROFILE && round === 0)
            console.log(
              `  profile: ${await (await fetch(`${t.url}/__bench/profile/stop?name=${encodeURIComponent(`${t.label}-${name}`)}`)).text()}`,
            );
          const h2 = await load(t, "/healthz");
          const key = `${t.label}|${name}`;
          const e = ratios.get(key) ?? { ratio: [], cpu: [], rps: [], bad: 0, healthCpu: [] };
          e.ratio.push(p.rps / ((h1.rps + h2.rps) / 2));
          e.cpu.push(p.cpuMsPerRequest);
          e.rps.push(p.rps);
          e.healthCpu.push((h1.cpuMsPerRequest + h2.cpuMsPerRequest) / 2);
          e.bad += p.bad + h1.bad + h2.bad;
          ratios.set(key, e);
        }
      }
    }
    const mean = (a: number[]) => a.reduce((s, x) => s + x, 0) / a.length;
    console.log(
      `\nserver render: req/s ÷ /healthz in the same process (mean of ${ROUNDS} round(s); min–max), CPU per request`,
    );
    for (const name of resolved.get(targets[0]!)!.map((r) => r.page.name)) {
      const page = PAGES.find((p) => p.name === name)!;
      for (const t of targets) {
        const e = ratios.get(`${t.label}|${name}`)!;
        const met =
          page.target === undefined
            ? ""
            : mean(e.ratio) >= page.target
              ? `  target ≥ ${page.target}: met`
              : `  target ≥ ${page.target}: NOT met`;
        console.log(
          `  ${name.padEnd(26)} [${t.label}] ratio ${mean(e.ratio).toFixed(3)} (${Math.min(...e.ratio).toFixed(3)}–${Math.max(...e.ratio).toFixed(3)})` +
            `  ${mean(e.rps).toFixed(0)} req/s  CPU ${mean(e.cpu).toFixed(2)} ms/req (/healthz ${mean(e.healthCpu).toFixed(2)},` +
            ` CPU ratio ${(mean(e.healthCpu) / mean(e.cpu)).toFixed(3)})` +
            `${e.bad ? `  non-2xx/errors ${e.bad}` : ""}${met}`,
        );
      }
    }

    // 3. Chromium, throttled like a cheap phone on a poor network.
    if (BROWSER_RUNS > 0 && fs.existsSync(CHROMIUM)) {
      const browser: Browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
      try {
        console.log(
          `\nChromium at 390 px, 1.6 Mbps down / 750 kbps up, 150 ms RTT, 4× CPU; cold cache; median of ${BROWSER_RUNS} (min–max)`,
        );
        for (const name of resolved.get(targets[0]!)!.map((r) => r.page.name)) {
          for (const t of targets) {
            const r = resolved.get(t)!.find((x) => x.page.name === name)!;
            if (!r.page.browser) continue;
            const runs: { lcp: number; fcp: number; hydrated: number; markers: number; leaflet: number }[] = [];
            for (let i = 0; i < BROWSER_RUNS; i++) runs.push(await visit(browser, t, r));
            const line = (k: keyof (typeof runs)[number]) => {
              const s = summarize(runs.map((x) => x[k]).filter(Number.isFinite));
              return s.n ? `${ms(s.p50)} (${ms(Math.min(...runs.map((x) => x[k])))}–${ms(s.max)})` : "n/a";
            };
            const lcp = summarize(runs.map((x) => x.lcp)).p50;
            const markers = summarize(runs.map((x) => x.markers)).p50;
            console.log(
              `  ${name.padEnd(26)} [${t.label}] FCP ${line("fcp")}  LCP ${line("lcp")}${lcp <= 1200 ? " ≤ 1.2 s met" : " > 1.2 s NOT met"}` +
                `  hydrated ${line("hydrated")}` +
                (r.page.browser !== "lcp"
                  ? `  map markers ${line("markers")}${markers <= 2000 ? " ≤ 2.0 s met" : " > 2.0 s NOT met"}` +
                    `  Leaflet's markers ${line("leaflet")}`
                  : ""),
            );
          }
        }
      } finally {
        await browser.close();
      }
    } else if (BROWSER_RUNS > 0) {
      console.log(`\nChromium: skipped (${CHROMIUM} is missing)`);
    }
  } finally {
    for (const t of targets) await t.stop();
  }
}

// 4. Start-up of the production server, as `npm start` runs it (after the build).
if (STARTS > 0) {
  console.log(`\nstart-up to /readyz 200, PGlite, ${STARTS} runs each (median, max)`);
  for (const root of [process.cwd(), ...(COMPARE ? [COMPARE] : [])]) {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-bench-start-"));
    const empty: number[] = [];
    const warm: number[] = [];
    try {
      for (let i = 0; i < STARTS; i++) {
        const dir = path.join(tmp, `db-${i}`);
        empty.push(await timeStart(root, dir));
        warm.push(await timeStart(root, dir));
      }
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
    const e = summarize(empty);
    const w = summarize(warm);
    const label = root === process.cwd() ? "this checkout" : path.basename(root);
    console.log(
      `  [${label}] ${startCommand(root).join(" ")}: empty folder (migrate + seed) ${ms(e.p50)} (max ${ms(e.max)})${e.p50 <= 6000 ? " ≤ 6 s met" : " > 6 s NOT met"};` +
        ` warm ${ms(w.p50)} (max ${ms(w.max)})${w.p50 <= 2500 ? " ≤ 2.5 s met" : " > 2.5 s NOT met"}`,
    );
  }
}

/** How `npm run serve` starts the server in that checkout: the bundled server if built, else tsx. */
function startCommand(root: string): string[] {
  const bundled = path.join(root, "build/bin/server.js");
  return fs.existsSync(bundled) ? ["node", "build/bin/server.js"] : ["node", "--import", "tsx", "server.ts"];
}

async function timeStart(root: string, dir: string): Promise<number> {
  const [cmd, ...args] = startCommand(root);
  const base = { ...process.env };
  delete base.DATABASE_URL;
  const t = performance.now();
  const child = spawn(cmd === "node" ? process.execPath : cmd!, args, {
    cwd: root,
    env: { ...base, NODE_ENV: "production", PORT: "0", HOST: "127.0.0.1", PGLITE_DIR: dir, LOG_LEVEL: "info" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  const p = { child, out: () => out };
  child.stdout.on("data", (c: Buffer) => {
    out += c.toString();
  });
  child.stderr.on("data", (c: Buffer) => {
    out += c.toString();
  });
  try {
    const [, url] = await waitForOutput(p, /"msg":"ready".*?"url":"([^"]+)"/, 180_000);
    const res = await fetch(`${url}/readyz`);
    const elapsed = performance.now() - t;
    if (res.status !== 200) throw new Error(`readyz ${res.status}`);
    return elapsed;
  } finally {
    child.kill("SIGTERM");
    await Promise.race([new Promise((r) => child.once("exit", r)), sleep(15_000)]);
  }
}

async function visit(browser: Browser, t: Target, r: Resolved) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 3,
    isMobile: true,
    hasTouch: true,
    userAgent: PHONE_UA,
    locale: "en-GB",
  });
  try {
    if (r.cookie) {
      await context.addCookies(
        r.cookie.split("; ").map((c) => {
          const [name, ...rest] = c.split("=");
          return { name: name!, value: rest.join("="), domain: "127.0.0.1", path: "/", secure: true };
        }),
      );
    }
    await context.addInitScript((withHome: boolean) => {
      const w = window as unknown as Record<string, number>;
      w.__lcp = Number.NaN;
      w.__fcp = Number.NaN;
      w.__markers = Number.NaN;
      w.__leaflet = Number.NaN;
      w.__hydrated = Number.NaN;
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__lcp = e.startTime;
      }).observe({ type: "largest-contentful-paint", buffered: true });
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (e.name === "first-contentful-paint") w.__fcp = e.startTime;
      }).observe({ type: "paint", buffered: true });
      // Markers as drawn: the server's first view (.map-preview) or Leaflet's, whichever comes first,
      // timed at the frame after they are in the document (the first paint, for the server's).
      // Leaflet's are also timed on their own: when the map can be panned and tapped.
      const pin = withHome ? ".map-pin" : ".map-pin:not(.map-pin--home)";
      const leaflet = `.leaflet-marker-pane .map-cluster, .leaflet-marker-pane ${pin}`;
      const any = `${leaflet}, .map-preview .map-cluster, .map-preview ${pin}`;
      // (No named helper functions here: tsx wraps them in a __name() the page does not have.)
      let seen = false;
      const mo = new MutationObserver(() => {
        const keys: string[] = [];
        if (!seen && document.querySelector(any)) {
          seen = true;
          keys.push("__markers");
        }
        if (document.querySelector(leaflet)) {
          keys.push("__leaflet");
          mo.disconnect();
        }
        if (keys.length === 0) return;
        requestAnimationFrame(() =>
          setTimeout(() => {
            for (const k of keys) if (Number.isNaN(w[k])) w[k] = performance.now();
          }, 0),
        );
      });
      mo.observe(document, { childList: true, subtree: true });
      const poll = setInterval(() => {
        if (Object.keys(document.documentElement).some((k) => k.startsWith("__reactProps$"))) {
          w.__hydrated = performance.now();
          clearInterval(poll);
        }
      }, 20);
    }, r.page.browser === "home map");
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.emulateNetworkConditions", {
      offline: false,
      latency: 150,
      downloadThroughput: (1.6e6 / 8) | 0,
      uploadThroughput: (750e3 / 8) | 0,
    });
    await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
    await page.goto(`${t.url}${r.path}`, { waitUntil: "load", timeout: 60_000 });
    if (r.page.browser === "map" || r.page.browser === "home map") {
      await page
        .waitForFunction(() => !Number.isNaN((window as unknown as Record<string, number>).__leaflet), undefined, {
          timeout: 20_000,
          polling: 100,
        })
        .catch(() => {});
    }
    await page
      .waitForFunction(() => !Number.isNaN((window as unknown as Record<string, number>).__hydrated), undefined, {
        timeout: 20_000,
        polling: 100,
      })
      .catch(() => {});
    await sleep(300);
    return await page.evaluate(() => {
      const w = window as unknown as Record<string, number>;
      return { lcp: w.__lcp!, fcp: w.__fcp!, hydrated: w.__hydrated!, markers: w.__markers!, leaflet: w.__leaflet! };
    });
  } finally {
    await context.close();
  }
}
