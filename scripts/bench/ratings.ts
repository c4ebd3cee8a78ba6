// `npm run bench:ratings` (PostgreSQL, DATABASE_URL): a carer's profile page with 10,000 reviews
// (p50/p95, queries per page, the plan of each query it runs), and the daily peer refresh over
// 100,000 carers. In a throwaway database, dropped afterwards (BENCH_KEEP=1 keeps it as
// kv_bench_ratings_keep and reuses it).
//
// Data, generated with SQL generate_series: one carer with 200 families' parents, 10,000 visits over
// two years (checked in and out, a few late) each rated, with comments, some follow-ups and replies;
// and 100,000 carers spread over eight cities, one to three services each, with score sums.
import path from "node:path";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";
import { createAccount } from "~/auth/accounts.server";
import { queryRows } from "~/db.server";
import { parseEnv } from "~/env.server";
import { createLogger } from "~/logger.server";
import { CITIES } from "~/ratings/cities";
import { refreshPeerFigures } from "~/ratings/peers.server";
import { recomputeCarerScores } from "~/ratings/ratings.server";
import { startServer } from "../../server/start";
import { sessionClient } from "../../tests/support/personas";
import { ensureBuild, fmt, summarize } from "./lib";

const adminUrl = process.env.DATABASE_URL;
if (!adminUrl) {
  console.error(
    "bench:ratings runs on PostgreSQL: set DATABASE_URL (e.g. postgres://postgres@127.0.0.1:5432/postgres).",
  );
  process.exit(1);
}
const keep = process.env.BENCH_KEEP === "1";
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 100);
const REFRESHES = Number(process.env.BENCH_REFRESHES ?? 3);
const REVIEWS = 10_000;
const PEER_CARERS = 100_000;

const name = keep ? "kv_bench_ratings_keep" : `kv_bench_ratings_${process.pid}`;
const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
if (!exists) await admin.unsafe(`create database ${name}`);
const url = new URL(adminUrl);
url.pathname = `/${name}`;
let counting = false;
const captured: { text: string; params: unknown[] }[] = [];
const handle: DatabaseHandle = await openDatabase({
  url: url.toString(),
  max: 6,
  logger: {
    logQuery: (text, params) => {
      if (counting) captured.push({ text, params });
    },
  },
});
const db = handle.db;
const raw = postgres(url.toString(), { max: 1, onnotice: () => {} });

async function cleanup() {
  await handle.close();
  await raw.end({ timeout: 5 });
  if (!keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end({ timeout: 5 });
}

async function generate() {
  const t0 = performance.now();
  await runMigrations(handle);
  const family = await createAccount(db, {
    role: "family",
    name: "Bench Family",
    email: "bench.family@example.test",
    password: "bench password 1234",
    phone: "+8613800009999",
    locale: "en",
  });
  const carer = await createAccount(db, {
    role: "carer",
    name: "Bench Carer",
    email: "bench.carer@example.test",
    password: "bench password 1234",
    phone: "+8613800009998",
    locale: "en",
  });
  if (!family.ok || !carer.ok) throw new Error("bench accounts exist");
  const f = family.userId;
  const c = carer.userId;
  await db.execute(sql`
    insert into carers (user_id, lat, lng, radius_m, service_prices, min_price_cents)
    values (${c}, 30.26, 120.15, 5000, '{6000}', 6000)`);
  await db.execute(sql`insert into carer_services (carer_id, service, price_cents, min_minutes)
    values (${c}, 'companionship', 6000, 60), (${c}, 'errands', 5000, 30)`);
  // 200 parents of one family, each with a conversation and an accepted weekly offer.
  await db.execute(sql`
    insert into parents (name, lat, lng, created_by)
    select 'Parent ' || i, 30.25 + (i % 20) * 0.001, 120.15 + (i / 20) * 0.001, ${f} from generate_series(1, 200) i`);
  await db.execute(sql`insert into parent_members (parent_id, user_id, role) select id, ${f}, 'owner' from parents`);
  await db.execute(sql`
    insert into conversations (family_user_id, carer_id, parent_id, context_kind, context_service)
    select ${f}, ${c}, id, 'service', 'companionship' from parents`);
  await db.execute(sql`
    insert into offers (conversation_id, sent_by, parent_id, carer_id, service, schedule, time_zone, start_date,
                        start_minute, weekdays, weeks, first_starts_at, duration_minutes, price_cents, cancellation,
                        expires_at, status)
    select id, carer_id, parent_id, carer_id, 'companionship', 'weekly', 'Asia/Shanghai', current_date - 730, 600,
           '{1}', 52, now() - interval '730 days', 60, 6000, 'moderate', now(), 'accepted'
    from conversations`);
  const terms = JSON.stringify({
    service: "companionship",
    timeZone: "Asia/Shanghai",
    durationMinutes: 60,
    tasks: ["Tea and a chat"],
    priceCents: 6000,
    cancellation: "moderate",
    offerId: "bench",
    schedule: "weekly",
    weekdays: [1],
    weeks: 52,
  });
  // 10,000 visits: 50 per offer, spread over the last two years; checked in 0–14 minutes late,
  // out after 55–64 minutes.
  await db.execute(sql`
    insert into visits (parent_id, carer_id, booked_by, offer_id, occurrence_date, service, starts_at, ends_at,
                        price_cents, cancellation, terms, accepted_by, accepted_at, status,
                        checked_in_at, checked_out_at, confirmed_at)
    select o.parent_id, o.carer_id, ${f}, o.id, (s.t at time zone 'Asia/Shanghai')::date, 'companionship',
           s.t, s.t + interval '1 hour', 6000, 'moderate', ${terms}::jsonb, ${f}, s.t - interval '7 days',
           'confirmed', s.t + (k % 15) * interval '1 minute', s.t + (k % 15 + 55 + k % 10) * interval '1 minute',
           s.t + interval '1 day'
    from (select id, parent_id, carer_id, row_number() over (order by id) - 1 as n from offers) o
    cross join generate_series(0, 49) g(i)
    cross join lateral (select g.i * 200 + o.n as k) kk
    cross join lateral (select now() - interval '2 days' - (kk.k * interval '1 day' * 730 / ${REVIEWS})
      - (kk.k % 7) * interval '1 hour') s(t)`);
  await db.execute(sql`
    insert into ratings (visit_id, carer_id, parent_id, rated_by, service, as_agreed, care, punctuality, good,
                         counts, month, comment, follow_up, follow_up_at, reply, reply_at, completed_at, rated_at)
    select v.id, v.carer_id, v.parent_id, ${f}, v.service, 3 + n % 3, 4 + n % 2, 2 + n % 4,
           (3 + n % 3) + (4 + n % 2) + (2 + n % 4) >= 12, true,
           date_trunc('month', (v.checked_out_at + interval '1 day') at time zone 'Asia/Shanghai')::date,
           'Review number ' || n || ': kind, patient, and on time. 很细心，也很准时。',
           case when n % 10 = 0 then 'A follow-up, a month on.' end,
           case when n % 10 = 0 then v.checked_out_at + interval '30 days' end,
           case when n % 4 = 0 then 'Thank you!' end, case when n % 4 = 0 then v.checked_out_at + interval '2 days' end,
           v.checked_out_at, v.checked_out_at + interval '1 day'
    from (select v.*, row_number() over (order by starts_at) as n from visits v) v`);
  await recomputeCarerScores(db, c, new Date());
  await db.execute(
    sql`update carer_scores set review_count = (select count(*) from ratings where carer_id = ${c}) where carer_id = ${c}`,
  );
  // 100,000 more carers over eight cities (and a few far from any), 1–3 services, score sums.
  const centres = CITIES.slice(0, 8);
  const values = centres.map((k, i) => `(${i}, ${k.lat}, ${k.lng})`).join(", ");
  await db.execute(sql`
    insert into users (email, name, password_hash, phone, role)
    select 'peer.' || i || '@example.test', 'Peer ' || i, 'x', '+86137' || lpad(i::text, 8, '0'), 'carer'
    from generate_series(1, ${PEER_CARERS}) i`);
  await db.execute(sql`
    insert into carers (user_id, lat, lng, radius_m)
    select u.id, k.lat + ((n * 7919) % 1000 - 500) / 1000.0 * 0.4, k.lng + ((n * 104729) % 1000 - 500) / 1000.0 * 0.4,
           5000
    from (select id, row_number() over (order by email) as n from users where email like 'peer.%') u
    join (values ${sql.raw(values)}) k(i, lat, lng) on k.i = u.n % 8`);
  await db.execute(sql`
    insert into carer_services (carer_id, service, price_cents, min_minutes)
    select c.user_id, (enum_range(null::service_kind))[1 + (n + j) % 8], 5000, 60
    from (select user_id, row_number() over (order by user_id) as n from carers) c
    cross join generate_series(0, 2) j where j <= c.n % 3
    on conflict do nothing`);
  await db.execute(sql`
    insert into carer_scores (carer_id, as_agreed_sum, care_sum, punctuality_sum, scored_count, rated_count,
                              good_count, review_count, window_from, updated_at)
    select user_id, s * 4 + n % 7, s * 4 + n % 5, s * 4 - n % 9, s, s + n % 3, s, s, now() - interval '180 days', now()
    from (select user_id, row_number() over (order by user_id) as n, (row_number() over (order by user_id) % 40) + 2 as s
          from carers c join users u on u.id = c.user_id where u.email like 'peer.%') x`);
  await db.execute(sql`analyze`);
  console.log(`generated in ${fmt(performance.now() - t0)}`);
}

const [ready] = await queryRows<{ n: number }>(
  db,
  sql`select count(*)::int as n from information_schema.tables where table_name = 'ratings'`,
).catch(() => [{ n: 0 }]);
const [have] =
  ready && ready.n > 0 ? await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ratings`) : [{ n: 0 }];
if (!have || have.n === 0) await generate();
else console.log(`reusing ${name} (${have.n.toLocaleString("en")} ratings)`);

const [settings] = await queryRows<{ v: string; buffers: string }>(
  db,
  sql`select version() as v, current_setting('shared_buffers') as buffers`,
);
const [counts] = await queryRows<{ ratings: number; carers: number; scores: number }>(
  db,
  sql`select (select count(*)::int from ratings) as ratings, (select count(*)::int from carers) as carers,
             (select count(*)::int from carer_scores) as scores`,
);
console.log(`\n# bench:ratings on ${settings!.v.split(" on ")[0]}, shared_buffers ${settings!.buffers}`);
console.log(
  `ratings: ${counts!.ratings.toLocaleString("en")}; carers: ${counts!.carers.toLocaleString("en")} (${counts!.scores.toLocaleString("en")} with scores)`,
);

// --- The peer refresh ---------------------------------------------------------------------------
console.log("\n## The daily peer refresh");
const refreshes: number[] = [];
for (let i = 0; i < REFRESHES; i++) {
  const t = performance.now();
  const result = await refreshPeerFigures(db, new Date());
  refreshes.push(performance.now() - t);
  console.log(
    `refresh ${i + 1}: ${fmt(refreshes.at(-1)!)} (${result.placed.toLocaleString("en")} carers placed, ${result.groups} city × service groups)`,
  );
}

// --- The profile page ---------------------------------------------------------------------------
console.log("\n## A carer's profile with 10,000 reviews");
ensureBuild();
const env = parseEnv({
  NODE_ENV: "production",
  LOG_LEVEL: "warn",
  JOBS_IN_PROCESS: "false",
  SEED_ON_EMPTY: "false",
  PUBLIC_URL: "https://kinvisit.test",
});
const server = await startServer({
  env: { ...env, PORT: 0 },
  handle,
  logger: createLogger("error"),
  buildDir: path.resolve("build"),
  port: 0,
  host: "127.0.0.1",
});
const [people] = await queryRows<{ family: string; carer: string }>(
  db,
  sql`select (select id from users where email = 'bench.family@example.test') as family,
             (select id from users where email = 'bench.carer@example.test') as carer`,
);
const client = await sessionClient(server.url, db, people!.family);
const pages = [
  ["first page of reviews", `/carers/${people!.carer}`],
  ["page 500 (reviews 4,991–5,000)", `/carers/${people!.carer}?page=500`],
  ["last page (1,000)", `/carers/${people!.carer}?page=1000`],
] as const;
const plans: string[] = [];
for (const [label, page] of pages) {
  captured.length = 0;
  counting = true;
  const res = await client.get(page);
  const body = await res.text();
  counting = false;
  if (res.status !== 200) throw new Error(`${page} answered ${res.status}`);
  if (!body.includes("Review number")) throw new Error(`${page} shows no reviews`);
  const perPage = captured.length;
  if (label === pages[0][0]) {
    // Each query the page ran, with its parameters: EXPLAIN ANALYZE without timings.
    // Reads only: EXPLAIN ANALYZE would run a write (the session's last-seen update) again.
    for (const q of captured.filter((c) => /^\s*select/i.test(c.text))) {
      const rows = await raw.unsafe(
        `explain (analyze, costs off, timing off, summary off) ${q.text}`,
        q.params as never[],
      );
      plans.push(
        `- ${q.text.replace(/\s+/g, " ").slice(0, 140)}…\n${rows.map((r) => `    ${String(Object.values(r)[0])}`).join("\n")}`,
      );
    }
  }
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
console.log("\nplans of the first page's queries:");
console.log(plans.join("\n"));
await server.drain(2000);
await cleanup();
process.exit(0);
