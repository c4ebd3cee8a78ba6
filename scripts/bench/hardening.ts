// `npm run bench:hardening`: does an answer's time tell who has an account? (ADR 015). The production
// build runs in a child process (this script with `serve`) on a throwaway PGlite (or DATABASE_URL's
// server, in a throwaway database), with BENCH_N + 1 accounts whose numbers are verified. This process
// times, interleaved and one at a time, with a pause after each request (work that follows an answer
// must not be charged to the next request): SMS-login code requests for registered vs unknown numbers,
// sign-ups with taken vs new emails, and wrong-password logins for existing vs unknown emails. The
// server is in another process because PGlite computes on the main thread: a client in the same
// process would be slowed by the server's work after the answer, which a real client is not.
// Prints median and p90 for each and the difference of medians. Bounded: BENCH_N rounds (30) each.
import "../../server/route-matching";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { type DatabaseHandle, openDatabase } from "~db/client";
import { runMigrations } from "~db/migrate";
import { users } from "~db/schema";
import { createAccount } from "~/auth/accounts.server";
import { parseEnv } from "~/env.server";
import { createLogger } from "~/logger.server";
import { spawnTsx } from "../../tests/support/spawn";
import { startServer } from "../../server/start";
import { ensureBuild, fmt, percentile } from "./lib";

const N = Number(process.env.BENCH_N ?? 30);
const phoneOf = (i: number, prefix: string) => `+86${prefix}${String(10_000_000 + i).slice(-8)}`;

if (process.argv[2] === "serve") await serve();
else await measure();

async function serve() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "kv-bench-hardening-"));
  const serverUrl = process.env.DATABASE_URL;
  let handle: DatabaseHandle;
  let drop: (() => Promise<void>) | undefined;
  if (serverUrl) {
    const name = `kv_bench_hardening_${process.pid}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    handle = await openDatabase({ url: url.toString() });
    drop = async () => {
      await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end();
    };
  } else {
    handle = await openDatabase({ pgliteDir: path.join(dir, "pglite") });
  }
  await runMigrations(handle);
  const accounts: { email: string; phone: string }[] = [];
  for (let i = 0; i <= N; i++) {
    const email = `bench.${i}@example.test`;
    const phone = phoneOf(i, "138");
    const made = await createAccount(handle.db, {
      role: i % 2 ? "carer" : "family",
      name: `Bench ${i}`,
      email,
      password: "a long enough password",
      phone,
      locale: "en",
    });
    if (made.ok) await handle.db.update(users).set({ phoneVerifiedAt: new Date() }).where(eq(users.id, made.userId));
    accounts.push({ email, phone });
  }
  const env = parseEnv({ ...process.env, DATABASE_URL: "", PORT: "0", HOST: "127.0.0.1" });
  const server = await startServer({
    env,
    handle,
    logger: createLogger("silent"),
    buildDir: path.resolve("build"),
    port: 0,
    host: "127.0.0.1",
  });
  console.log(JSON.stringify({ benchReady: server.url, accounts }));
  process.on("SIGTERM", async () => {
    await server.drain(1000);
    await handle.close();
    await drop?.();
    fs.rmSync(dir, { recursive: true, force: true });
    process.exit(0);
  });
}

async function measure() {
  ensureBuild();
  const child = spawnTsx("scripts/bench/hardening.ts", ["serve"], {
    NODE_ENV: "production",
    LOG_LEVEL: "silent",
    LOGIN_LIMIT_PER_IP: "100000",
    LOGIN_LIMIT_PER_ACCOUNT: "100000",
    SIGNUP_LIMIT_PER_IP_HOUR: "100000",
    SMS_CODE_LIMIT_PER_IP_HOUR: "100000",
    SMS_DAILY_CAP: "100000",
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
  });
  const line = (await child.waitFor(/(\{"benchReady".*\})\n/, 300_000)) as RegExpMatchArray;
  const ready = JSON.parse(line[1]!) as { benchReady: string; accounts: { email: string; phone: string }[] };
  const server = { url: ready.benchReady };
  const users_ = ready.accounts;
  const origin = new URL(server.url).origin;
  const statuses = new Map<string, number>();

  async function post(pathname: string, form: Record<string, string>): Promise<number> {
    const t = performance.now();
    const res = await fetch(`${server.url}${pathname}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
      body: new URLSearchParams(form).toString(),
      redirect: "manual",
    });
    await res.arrayBuffer();
    const ms = performance.now() - t;
    const key = `${pathname} ${res.status}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    return ms;
  }

  const pairs: [string, () => Promise<number>, () => Promise<number>][] = [
    [
      "SMS login code request (registered vs unknown number)",
      (() => {
        let i = 0;
        return () => post("/login/sms", { intent: "send", phone: users_[i++ % (N + 1)]!.phone });
      })(),
      (() => {
        let i = 0;
        return () => post("/login/sms", { intent: "send", phone: phoneOf(i++, "136") });
      })(),
    ],
    [
      "sign-up (taken vs new email)",
      (() => {
        let i = 0;
        return () =>
          post("/signup", {
            role: "family",
            name: "Bench",
            email: users_[i++ % (N + 1)]!.email,
            password: "a long enough password",
            phone: "+86 138 0013 8000",
            locale: "en",
          });
      })(),
      (() => {
        let i = 0;
        return () =>
          post("/signup", {
            role: "family",
            name: "Bench",
            email: `new.${i++}.${process.pid}@example.test`,
            password: "a long enough password",
            phone: "+86 138 0013 8000",
            locale: "en",
          });
      })(),
    ],
    [
      "wrong-password login (existing vs unknown email)",
      (() => {
        let i = 0;
        return () => post("/login", { email: users_[i++ % (N + 1)]!.email, password: "wrong password!" });
      })(),
      (() => {
        let i = 0;
        return () => post("/login", { email: `nobody.${i++}@example.test`, password: "wrong password!" });
      })(),
    ],
  ];

  const median = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      50,
    );
  const p90 = (xs: number[]) =>
    percentile(
      [...xs].sort((a, b) => a - b),
      90,
    );
  console.log(
    `\nbench:hardening — ${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"}, ${N} rounds each, interleaved, sequential`,
  );
  try {
    for (const [label, a, b] of pairs) {
      await a();
      await b(); // warm-up
      const xs: number[] = [];
      const ys: number[] = [];
      // A pause after each request lets work that runs after an answer (a code, a notice) finish
      // before the next request is timed: an attacker times one request, not the next one's.
      const settle = () => new Promise((r) => setTimeout(r, Number(process.env.BENCH_SETTLE_MS ?? 300)));
      for (let i = 0; i < N; i++) {
        xs.push(await a());
        await settle();
        ys.push(await b());
        await settle();
      }
      console.log(
        `${label}: ${fmt(median(xs))} vs ${fmt(median(ys))} median (p90 ${fmt(p90(xs))} vs ${fmt(p90(ys))}); ` +
          `difference of medians ${fmt(median(xs) - median(ys))}`,
      );
    }
    console.log(`answers: ${[...statuses].map(([k, n]) => `${k} ×${n}`).join(", ")}`);
  } finally {
    child.child.kill("SIGTERM");
    await child.exited;
  }
  process.exit(0);
}
