// `npm run bench:hardening`: does an answer's time tell who has an account? (ADR 015). Against the
// production build on a throwaway PGlite (or DATABASE_URL's server, in a throwaway database), it
// times, interleaved and one at a time: SMS-login code requests for registered vs unknown numbers,
// sign-ups with new vs taken emails, and wrong-password logins for existing vs unknown emails.
// Prints median and p90 for each, and the difference of medians. Bounded: BENCH_N rounds (40) each.
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
import { startServer } from "../../server/start";
import { ensureBuild, fmt, percentile } from "./lib";

const N = Number(process.env.BENCH_N ?? 40);
ensureBuild();

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
Object.assign(process.env, {
  NODE_ENV: "production",
  LOG_LEVEL: "silent",
  LOGIN_LIMIT_PER_IP: "100000",
  LOGIN_LIMIT_PER_ACCOUNT: "100000",
  SIGNUP_LIMIT_PER_IP_HOUR: "100000",
  SMS_CODE_LIMIT_PER_IP_HOUR: "100000",
  SMS_DAILY_CAP: "100000",
});
delete process.env.DATABASE_URL;
const env = parseEnv({ ...process.env, PORT: "0", HOST: "127.0.0.1" });
const server = await startServer({
  env,
  handle,
  logger: createLogger("silent"),
  buildDir: path.resolve("build"),
  port: 0,
  host: "127.0.0.1",
});
const origin = new URL(server.url).origin;

async function post(pathname: string, form: Record<string, string>): Promise<number> {
  const t = performance.now();
  const res = await fetch(`${server.url}${pathname}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams(form).toString(),
    redirect: "manual",
  });
  await res.arrayBuffer();
  return performance.now() - t;
}

const phoneOf = (i: number, prefix: string) => `+86${prefix}${String(10_000_000 + i).slice(-8)}`;
const users_: { email: string; phone: string }[] = [];
for (let i = 0; i < N; i++) {
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
  users_.push({ email, phone });
}

const pairs: [string, () => Promise<number>, () => Promise<number>][] = [
  [
    "SMS login code request (registered vs unknown number)",
    (() => {
      let i = 0;
      return () => post("/login/sms", { intent: "send", phone: users_[i++ % N]!.phone });
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
          email: users_[i++ % N]!.email,
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
      return () => post("/login", { email: users_[i++ % N]!.email, password: "wrong password!" });
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
console.log(`\nbench:hardening — ${serverUrl ? "PostgreSQL" : "PGlite"}, ${N} rounds each, interleaved, sequential`);
try {
  for (const [label, a, b] of pairs) {
    await a();
    await b(); // warm-up
    const xs: number[] = [];
    const ys: number[] = [];
    // A pause after each request lets work that runs after an answer (a code, a notice) finish
    // before the next request is timed: an attacker times one request, not the next one's.
    const settle = () => new Promise((r) => setTimeout(r, 150));
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
} finally {
  await server.drain(1000);
  await handle.close();
  await drop?.();
  fs.rmSync(dir, { recursive: true, force: true });
}
process.exit(0);
