// `npm run bench:visits` (PostgreSQL, DATABASE_URL): the late and missed scan over 1M scheduled visits,
// and two family pages for a parent with five years of history: the visit page (/visits/:id, as it
// is on this branch) and the visiting-time ledger month. In a throwaway database, dropped afterwards
// (BENCH_KEEP=1 keeps it as kv_bench_visits_keep and reuses it).
//
// Data, generated with SQL generate_series: 1,000 parents, each with one carer's offer and 1,000
// scheduled visits spread evenly from an hour ago to four weeks ahead (1M in all), and one more
// parent with five years of visits three times a week (checked in and out, 5% away from home with a
// reason, 2% with a poor fix) and the family's own visits and calls twice a week.
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";
import { createAccount } from "~/auth/accounts.server";
import { queryRows } from "~/db.server";
import { parseEnv } from "~/env.server";
import { createJobs, startJobs } from "~/jobs/jobs.server";
import { createLogger } from "~/logger.server";
import { publish } from "~/realtime/hub.server";
import { alertCandidatesQuery, autoConfirmCandidatesQuery, scanVisits } from "~/visits/alerts.server";
import { chartMonths, monthOf, monthRange } from "~/ledger/ledger";
import { ledgerVisitsQuery } from "~/ledger/ledger.server";
import { startServer } from "../../server/start";
import { sessionClient } from "../../tests/support/personas";
import { ensureBuild, fmt, summarize } from "./lib";

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error(
    "bench:visits runs on PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).",
  );
  process.exit(1);
}
const keep = process.env.BENCH_KEEP === "1";
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const SCANS = Number(process.env.BENCH_SCANS ?? 30);
/** BENCH_PARTS=scan or pages runs one half (with BENCH_KEEP=1, on the kept database). */
const parts = new Set((process.env.BENCH_PARTS ?? "scan,pages").split(","));
const PARENTS = 1000;
const VISITS_PER_PARENT = 1000;

const name = keep ? "kv_bench_visits_keep" : `kv_bench_visits_${process.pid}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
if (!exists) await admin.unsafe(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
let counting = false;
let queries = 0;
const handle: DatabaseHandle = await openDatabase({
  url: url.toString(),
  max: 6,
  logger: {
    logQuery: () => {
      if (counting) queries += 1;
    },
  },
});
const db = handle.db;

async function cleanup() {
  await handle.close();
  if (!keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end({ timeout: 5 });
}

/** EXPLAIN ANALYZE without timings: which scans ran, and how many rows each gave. */
async function explain(q: SQL | { getSQL(): SQL }): Promise<string> {
  const rows = await queryRows<Record<string, string>>(
    db,
    sql`explain (analyze, costs off, timing off, summary off) ${q}`,
  );
  return rows.map((r) => `    ${String(Object.values(r)[0])}`).join("\n");
}

async function generate() {
  const t0 = performance.now();
  await runMigrations(handle);
  const made = await createAccount(db, {
    role: "family",
    name: "Bench Family",
    email: "bench.family@example.test",
    password: "bench password 1234",
    phone: "+8613800009999",
    locale: "en",
  });
  if (!made.ok) throw new Error("bench family exists");
  const family = made.userId;
  await db.execute(sql`update users set phone_verified_at = now() where id = ${family}`);
  const terms = JSON.stringify({
    service: "companionship",
    timeZone: "Asia/Shanghai",
    durationMinutes: 60,
    tasks: ["Tea and a chat"],
    priceCents: 10_000,
    cancellation: "moderate",
    offerId: "bench",
    schedule: "once",
    weekdays: null,
    weeks: null,
  });
  // Carers, parents (the family member shares all of them), one conversation and accepted offer each.
  await db.execute(sql`
    insert into users (email, name, password_hash, phone, role)
    select 'bench.carer.' || i || '@example.test', 'Carer ' || i, 'x', '+86139' || lpad(i::text, 8, '0'), 'carer'
    from generate_series(1, 100) i`);
  await db.execute(sql`
    insert into parents (name, lat, lng, created_by)
    select 'Parent ' || i, 30.25 + (i % 100) * 0.001, 120.15 + (i / 100) * 0.001, ${family}
    from generate_series(1, ${PARENTS + 1}) i`);
  await db.execute(
    sql`insert into parent_members (parent_id, user_id, role) select id, ${family}, 'owner' from parents`,
  );
  await db.execute(sql`
    insert into conversations (family_user_id, carer_id, parent_id, context_kind, context_service)
    select ${family}, c.id, p.id, 'service', 'companionship'
    from (select id, row_number() over (order by name) as n from parents) p
    join (select id, row_number() over (order by email) - 1 as k from users where role = 'carer') c on c.k = p.n % 100`);
  await db.execute(sql`
    insert into offers (conversation_id, sent_by, parent_id, carer_id, service, schedule, time_zone, start_date,
                        start_minute, first_starts_at, duration_minutes, price_cents, cancellation, expires_at, status)
    select id, carer_id, parent_id, carer_id, 'companionship', 'once', 'Asia/Shanghai', current_date, 600,
           now(), 60, 10000, 'moderate', now() + interval '1 day', 'accepted'
    from conversations`);
  // The 1M: every offer but the history parent's gets 1,000 visits from an hour ago to four weeks ahead.
  const history = await queryRows<{ parent_id: string; offer_id: string; carer_id: string }>(
    db,
    sql`select o.parent_id, o.id as offer_id, o.carer_id from offers o join parents p on p.id = o.parent_id
        where p.name = 'Parent ${sql.raw(String(PARENTS + 1))}'`,
  );
  const h = history[0]!;
  await db.execute(sql`
    insert into visits (parent_id, carer_id, booked_by, offer_id, occurrence_date, service, starts_at, ends_at,
                        price_cents, cancellation, terms, accepted_by, accepted_at)
    select o.parent_id, o.carer_id, ${family}, o.id, date '2030-01-01' + g.i, 'companionship', s.t,
           s.t + interval '1 hour', 10000, 'moderate', ${terms}::jsonb, ${family}, now() - interval '30 days'
    from (select id, parent_id, carer_id, row_number() over (order by id) - 1 as n from offers
          where parent_id <> ${h.parent_id}) o
    cross join generate_series(0, ${VISITS_PER_PARENT - 1}) g(i)
    cross join lateral (select now() - interval '1 hour'
      + ((o.n * ${VISITS_PER_PARENT} + g.i) * 7919 % ${PARENTS * VISITS_PER_PARENT})
        * (interval '673 hours' / ${PARENTS * VISITS_PER_PARENT})) s(t)`);
  // Five years of the history parent: Monday, Wednesday and Friday at 10:00 in Shanghai.
  await db.execute(sql`
    insert into visits (parent_id, carer_id, booked_by, offer_id, occurrence_date, service, starts_at, ends_at,
                        price_cents, cancellation, terms, accepted_by, accepted_at, status,
                        checked_in_at, check_in_lat, check_in_lng, check_in_accuracy_m, check_in_distance_m,
                        check_in_reason, checked_out_at, check_out_lat, check_out_lng, check_out_accuracy_m,
                        check_out_distance_m, gps_flagged, confirmed_at)
    select ${h.parent_id}, ${h.carer_id}, ${family}, ${h.offer_id}, d::date, 'companionship', s, s + interval '1 hour',
           10000, 'moderate', ${terms}::jsonb, ${family}, s - interval '7 days',
           'confirmed', s + (n % 10) * interval '1 minute', 30.25, 120.15,
           case when n % 50 = 0 then 4000 else 10 + n % 20 end,
           case when n % 20 = 0 then 2500 else 20 + n % 100 end,
           case when n % 20 = 0 then 'Escorting to the clinic' end,
           s + (60 + n % 30) * interval '1 minute', 30.25, 120.15, 12, 25, n % 50 = 0, s + interval '2 days'
    from (select d, (d::date + time '10:00') at time zone 'Asia/Shanghai' as s, row_number() over () as n
          from generate_series(current_date - interval '5 years', current_date - interval '1 day', interval '1 day') d
          where extract(dow from d) in (1, 3, 5)) x`);
  await db.execute(sql`
    insert into family_contacts (parent_id, user_id, kind, at, minutes, note)
    select ${h.parent_id}, ${family}, case when n % 2 = 0 then 'visit'::family_contact_kind else 'call' end,
           d + interval '12 hours', case when n % 2 = 0 then 120 else 15 end, ''
    from (select d, row_number() over () as n
          from generate_series(current_date - interval '5 years', current_date - interval '1 day', interval '1 day') d
          where extract(dow from d) in (2, 6)) x`);
  await db.execute(sql`update parents set visit_goal_visits = 12, visit_goal_minutes = 720 where id = ${h.parent_id}`);
  await db.execute(sql`analyze`);
  console.log(`generated in ${fmt(performance.now() - t0)}`);
}

const [ready] = await queryRows<{ n: number }>(
  db,
  sql`select count(*)::int as n from information_schema.tables where table_name = 'visits'`,
).catch(() => [{ n: 0 }]);
const [have] =
  ready && ready.n > 0 ? await queryRows<{ n: number }>(db, sql`select count(*)::int as n from visits`) : [{ n: 0 }];
if (!have || have.n === 0) await generate();
else console.log(`reusing ${name} (${have.n.toLocaleString("en")} visits)`);

const [counts] = await queryRows<{ scheduled: number; total: number; history: number; contacts: number }>(
  db,
  sql`select count(*) filter (where status = 'scheduled')::int as scheduled, count(*)::int as total,
             (select count(*)::int from visits v join parents p on p.id = v.parent_id where p.name = ${`Parent ${PARENTS + 1}`}) as history,
             (select count(*)::int from family_contacts) as contacts
      from visits`,
);
const [settings] = await queryRows<{ v: string; buffers: string }>(
  db,
  sql`select version() as v, current_setting('shared_buffers') as buffers`,
);
console.log(`\n# bench:visits on ${settings!.v.split(" on ")[0]}, shared_buffers ${settings!.buffers}`);
console.log(
  `visits: ${counts!.total.toLocaleString("en")} (${counts!.scheduled.toLocaleString("en")} scheduled); history parent: ${counts!.history} visits, ${counts!.contacts} own visits and calls`,
);

// --- The scan ---------------------------------------------------------------------------------------
const env = parseEnv({
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  JOBS_IN_PROCESS: "false",
  SEED_ON_EMPTY: "false",
  PUBLIC_URL: "https://kinvisit.test",
});
const jobs = createJobs(handle.executeSql, env);
await startJobs(jobs, env);
const effects = { jobs, env, hub: { notify: publish } };

if (parts.has("scan")) await benchScan();
await jobs.boss.stop({ graceful: false, close: false, wait: true, timeout: 2000 }).catch(() => {});
if (parts.has("pages")) await benchPages();
await cleanup();
process.exit(0);

async function benchScan() {
  console.log("\n## The late and missed scan");
  const candidates = async () => {
    const t = performance.now();
    const rows = await alertCandidatesQuery(db, new Date());
    return { ms: performance.now() - t, rows: rows.length };
  };
  const first = await candidates();
  console.log(`candidates now (an hour back, two ahead): ${first.rows.toLocaleString("en")} visits`);
  console.log("plan of the candidates query:");
  console.log(await explain(alertCandidatesQuery(db, new Date())));
  console.log("plan of the auto-confirm query:");
  console.log(await explain(autoConfirmCandidatesQuery(db, new Date())));
  const plan = await explain(alertCandidatesQuery(db, new Date()));
  if (!plan.includes("visits_scheduled_starts_idx")) {
    console.error("the scan does not use visits_scheduled_starts_idx");
    await jobs.boss.stop({ graceful: false, close: false, wait: true, timeout: 2000 }).catch(() => {});
    await cleanup();
    process.exit(1);
  }
  const querySamples: number[] = [];
  for (let i = 0; i < SCANS; i++) querySamples.push((await candidates()).ms);
  const q = summarize(querySamples);
  console.log(`candidates query, nothing claimed yet: p50 ${fmt(q.p50)}, p95 ${fmt(q.p95)} (n=${q.n})`);

  // The first full scan does the work due now (reminders, late texts, missed visits); later ones find
  // the same candidates with their alerts claimed, the steady state of a minute's scan.
  let t = performance.now();
  const firstScan = await scanVisits(db, effects, new Date());
  console.log(`first full scan: ${fmt(performance.now() - t)}, sent ${JSON.stringify(firstScan)}`);
  // Now every candidate has claims: the plan and the query's time as they are minute after minute.
  console.log("plan of the candidates query with the alerts claimed:");
  console.log(await explain(alertCandidatesQuery(db, new Date())));
  const claimedSamples: number[] = [];
  for (let i = 0; i < SCANS; i++) claimedSamples.push((await candidates()).ms);
  const c = summarize(claimedSamples);
  console.log(`candidates query with the alerts claimed: p50 ${fmt(c.p50)}, p95 ${fmt(c.p95)} (n=${c.n})`);
  const scanSamples: number[] = [];
  for (let i = 0; i < SCANS; i++) {
    t = performance.now();
    await scanVisits(db, effects, new Date());
    scanSamples.push(performance.now() - t);
  }
  const s = summarize(scanSamples);
  console.log(`steady-state full scan: p50 ${fmt(s.p50)}, p95 ${fmt(s.p95)} (n=${s.n})`);
}

// --- The pages ------------------------------------------------------------------------------------
async function benchPages() {
  console.log("\n## Pages for the parent with five years of history");
  ensureBuild();
  const server = await startServer({
    env: { ...env, PORT: 0 },
    handle,
    logger: createLogger("error"),
    buildDir: path.resolve("build"),
    port: 0,
    host: "127.0.0.1",
  });
  const [person] = await queryRows<{ family: string; parent: string; visit: string }>(
    db,
    sql`select u.id as family, p.id as parent,
             (select id from visits where parent_id = p.id order by starts_at desc limit 1) as visit
      from users u, parents p where u.email = 'bench.family@example.test' and p.name = ${`Parent ${PARENTS + 1}`}`,
  );
  const client = await sessionClient(server.url, db, person!.family);
  const month = monthOf("Asia/Shanghai", new Date());
  const pages = [
    ["visit page /visits/:id", `/visits/${person!.visit}`],
    ["ledger, this month", `/family/parents/${person!.parent}/ledger?month=${month}`],
    [
      "ledger, three years ago",
      `/family/parents/${person!.parent}/ledger?month=${Number(month.slice(0, 4)) - 3}${month.slice(4)}`,
    ],
  ] as const;
  for (const [label, page] of pages) {
    // Queries per page: everything the request ran through drizzle, the session check included.
    queries = 0;
    counting = true;
    const res = await client.get(page);
    const body = await res.text();
    counting = false;
    if (res.status !== 200) throw new Error(`${page} answered ${res.status}`);
    const perPage = queries;
    for (let i = 0; i < 5; i++) await (await client.get(page)).text(); // warm up
    const samples: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const start = performance.now();
      await (await client.get(page)).text();
      samples.push(performance.now() - start);
    }
    const r = summarize(samples);
    console.log(
      `${label}: p50 ${fmt(r.p50)}, p95 ${fmt(r.p95)} (n=${r.n}), ${perPage} queries, ${(body.length / 1024).toFixed(0)} KB of HTML`,
    );
  }
  console.log("plan of the ledger's visits query (this month and the eleven before):");
  const zone = "Asia/Shanghai";
  console.log(
    await explain(
      ledgerVisitsQuery(db, person!.parent, monthRange(chartMonths(month)[0]!, zone).from, monthRange(month, zone).to),
    ),
  );
  await server.drain(2000);
}
