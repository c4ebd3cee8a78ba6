// `npm run bench:admin` (PostgreSQL, DATABASE_URL): what the admin feature costs where it runs often or
// over big tables, measured through the domain functions in a throwaway database (dropped afterwards).
//
// - the audit row written on every read of a parent's home (each parent page and visit page pays it);
// - the audit log's pages over BENCH_AUDIT rows (default 500,000): the newest page, filtered by a
//   rare actor, by action, by a day, and a page deep in the log by its cursor;
// - the platform figures (12 weekly series) and the failed-text list over BENCH_SMS texts (default
//   200,000 over 12 weeks, 2% failed).
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase } from "~db/client";
import { runMigrations } from "~db/migrate";
import { type AdminViewer, listAudit, recordHomeRead } from "~/admin/audit.server";
import { failedSms } from "~/admin/failed-sms.server";
import { platformFigures } from "~/admin/figures.server";
import { createAccount } from "~/auth/accounts.server";
import { queryRows } from "~/db.server";
import { fmt, summarize } from "./lib";

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error("bench:admin runs on PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).");
  process.exit(1);
}
const AUDIT_ROWS = Number(process.env.BENCH_AUDIT ?? 500_000);
const SMS_ROWS = Number(process.env.BENCH_SMS ?? 200_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 30);
const WRITES = Number(process.env.BENCH_WRITES ?? 2_000);

const name = `kv_bench_admin_${process.pid}`;
const server = postgres(adminUrl, { max: 1, onnotice: () => {} });
await server.unsafe(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
const handle = await openDatabase({ url: url.toString(), max: 4 });
const db = handle.db;

async function time<T>(label: string, runs: number, fn: () => Promise<T>) {
  for (let i = 0; i < 3; i++) await fn(); // warm up (plans, caches)
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  const r = summarize(samples);
  console.log(`${label}: p50 ${fmt(r.p50)}, p95 ${fmt(r.p95)} (n=${r.n})`);
}

try {
  const t0 = performance.now();
  await runMigrations(handle);
  const account = async (role: "admin" | "family", email: string) => {
    const made = await createAccount(db, {
      role,
      name: email,
      email,
      password: "bench password 1234",
      phone: "+8613800009999",
      locale: "en",
    });
    if (!made.ok) throw new Error(`${email} exists`);
    return made.userId;
  };
  const admin: AdminViewer = { id: await account("admin", "bench.admin@example.test"), role: "admin" };
  const family = { id: await account("family", "bench.family@example.test"), role: "family" as const };
  // Audit rows over the last 180 days: 1 in 500 by the admin (a rare actor), the rest home reads by
  // 2,000 made-up family members; ids follow time, as they do when rows are appended.
  await db.execute(sql`
    insert into audit_log (actor_id, actor_role, action, subject_type, subject_id, reason, data, at)
    select case when i % 500 = 0 then ${admin.id}::uuid else md5('member' || (i % 2000))::uuid end,
           case when i % 500 = 0 then 'admin' else 'family' end,
           case when i % 500 = 0 then 'user.suspend' else 'parent.home_read' end,
           case when i % 500 = 0 then 'user' else 'parent' end,
           md5('subject' || (i % 5000))::uuid::text,
           case when i % 500 = 0 then 'bench reason' end,
           '{"via":"parent"}'::jsonb,
           now() - interval '180 days' + (i::float8 / ${AUDIT_ROWS}) * interval '180 days'
    from generate_series(1, ${AUDIT_ROWS}) i`);
  await db.execute(sql`
    insert into sms_messages (idempotency_key, user_id, to_phone, kind, locale, params, body, segments, encoding,
                              urgent, status, status_rank, error_code, attempts, created_at, updated_at)
    select 'bench:' || i, ${family.id}, '+8613800009999', 'chat_message', 'en', '{}'::jsonb, 'Kinvisit: bench', 1,
           'GSM-7', false,
           case when i % 50 = 0 then 'failed'::sms_status else 'delivered'::sms_status end,
           4, case when i % 50 = 0 then '30003' end, 1,
           now() - (i::float8 / ${SMS_ROWS}) * interval '84 days', now() - (i::float8 / ${SMS_ROWS}) * interval '84 days'
    from generate_series(1, ${SMS_ROWS}) i`);
  await db.execute(sql`analyze`);
  console.log(
    `generated ${AUDIT_ROWS.toLocaleString("en")} audit rows and ${SMS_ROWS.toLocaleString("en")} texts in ${fmt(performance.now() - t0)}`,
  );

  // The write every parent page and visit page makes.
  const parentId = "00000000-0000-4000-8000-000000000001";
  await time(`recordHomeRead, one audit row (${WRITES} sequential)`, WRITES, () =>
    recordHomeRead(db, family, parentId, { via: "parent" }, new Date()),
  );

  const [middle] = await queryRows<{ id: number }>(db, sql`select (max(id) / 2)::bigint as id from audit_log`);
  const day = new Date(Date.now() - 90 * 86_400_000).toISOString().slice(0, 10);
  await time("audit log, newest page (50 rows)", RUNS, () => listAudit(db, admin, {}));
  await time("audit log, by a rare actor (the admin)", RUNS, () => listAudit(db, admin, { actor: admin.id }));
  await time("audit log, by action user.suspend", RUNS, () => listAudit(db, admin, { action: "user.suspend" }));
  await time(`audit log, one day (${day})`, RUNS, () => listAudit(db, admin, { from: day, to: day }));
  await time("audit log, a page half-way down (cursor)", RUNS, () =>
    listAudit(db, admin, { before: Number(middle!.id) }),
  );
  await time("platform figures (12 weeks)", RUNS, () => platformFigures(db, admin, new Date()));
  await time("failed texts list (100 newest)", RUNS, () => failedSms(db, admin));
} finally {
  await handle.close();
  await server.unsafe(`drop database if exists ${name} with (force)`);
  await server.end({ timeout: 5 });
}
