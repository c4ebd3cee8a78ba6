// `npm run bench:geo`: the family search and nearby-jobs queries against synthetic carers, with a
// full-scan haversine version of each in the same run for the ratio, and their EXPLAIN plans.
// PGlite: 10k and 100k carers. PostgreSQL (when DATABASE_URL is set): 10k, 100k and 1M, each in a
// throwaway database that is dropped afterwards. Bounded: at most 200 queries and 20 s a measurement.
//
// Model: carers live in cities of 10,000 each (so 1M carers = 100 cities ~200 km apart), scattered
// ±25 km around the centre; radii 1–20 km; parents and open requests scattered the same way.
import { randomBytes } from "node:crypto";
import { SQL, sql, StringChunk } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, type DatabaseHandle } from "~db/client";
import { runMigrations } from "~db/migrate";
import { preparedRows, queryRows } from "~/db.server";
import { SearchSchema, type SearchFilters } from "~/search/schemas";
import { carerSearchSql, coveringSql, type SearchOrigin } from "~/search/search.server";
import { MAX_JOB_RADIUS_M, nearbyJobsSql } from "~/visit-requests/visit-requests.server";
import { fmt, summarize } from "./lib";
import { describe, generate } from "./geo-gen";
import { pageJs } from "./page-js";

const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const only = process.env.BENCH_SIZES?.split(",").map(Number);
const keep = process.env.BENCH_KEEP === "1";

interface Origin extends Record<string, unknown> {
  lat: number;
  lng: number;
}
interface Base extends Origin {
  radius_m: number;
}

async function measure(handle: DatabaseHandle, build: (i: number) => SQL, budgetSeconds = SECONDS) {
  const samples: number[] = [];
  const deadline = performance.now() + budgetSeconds * 1000;
  for (let i = 0; i < QUERIES && (i < 5 || performance.now() < deadline); i++) {
    const q = build(i);
    const t = performance.now();
    // As the pages run them: prepared statements on PostgreSQL.
    await preparedRows(handle.db, q);
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

// The page's default: best match, first page of 20, filtered by a service and a language.
const filters = SearchSchema.parse({ service: "companionship", language: "mandarin", sort: "best", size: 20 });
// The other sorts, measured on the index only (the full scan costs the same whatever the sort).
const otherSorts = [
  ["distance", SearchSchema.parse({ ...filters, sort: "distance" })],
  ["price", SearchSchema.parse({ ...filters, sort: "price" })],
  ["best, page 5", SearchSchema.parse({ ...filters, page: 5 })],
] as const;

/** The same search without the index: every carer is tested, as a naive haversine query would. */
function fullScanSearchSql(o: SearchOrigin, f: SearchFilters): SQL {
  return carerSearchSql(o, f, { index: false });
}

function fullScanJobsSql(b: { lat: number; lng: number; radiusM: number }): SQL {
  return noIndex(nearbyJobsSql(b, "distance", 50, new Date()));
}

/** Removes the earth_box condition (the only one the GiST index can serve) from a query. */
function noIndex(query: SQL): SQL {
  if (query.queryChunks.some((c) => c instanceof StringChunk && c.value.join("").includes("earth_box(")))
    return sql`true`;
  return new SQL(query.queryChunks.map((c) => (c instanceof SQL ? noIndex(c) : c)));
}

/** EXPLAIN ANALYZE (no timings), long expressions cut, so the plan shows which scans ran. */
async function explain(handle: DatabaseHandle, q: SQL): Promise<string> {
  const rows = await queryRows<Record<string, string>>(
    handle.db,
    sql`explain (analyze, costs off, timing off, summary off) ${q}`,
  );
  return rows
    .map((r) => String(Object.values(r)[0]))
    .map((line) => `    ${line.length > 150 ? `${line.slice(0, 147)}...` : line}`)
    .join("\n");
}

async function runSize(label: string, handle: DatabaseHandle, carers: number, { generated = false } = {}) {
  const t0 = performance.now();
  const made = generated ? describe(carers) : await generate(handle, carers);
  console.log(
    `\n## ${label}: ${carers.toLocaleString("en")} carers in ${made.cities} cities, ${made.parents.toLocaleString("en")} parents, ${made.requests.toLocaleString("en")} requests (${generated ? "kept from an earlier run" : `generated in ${fmt(performance.now() - t0)}`})`,
  );
  const origins = await queryRows<Origin>(
    handle.db,
    sql`select lat, lng from parents order by md5(id::text) limit 200`,
  );
  const bases = await queryRows<Base>(
    handle.db,
    sql`select lat, lng, radius_m from carers order by md5(user_id::text) limit 200`,
  );
  const origin = (i: number) => ({
    ...origins[i % origins.length]!,
    timeZone: "Asia/Shanghai",
    languages: ["mandarin"],
  });
  const base = (i: number) => ({
    lat: bases[i % bases.length]!.lat,
    lng: bases[i % bases.length]!.lng,
    radiusM: bases[i % bases.length]!.radius_m,
  });

  const [sizes] = await queryRows<{ index: string; buffers: string }>(
    handle.db,
    sql`select pg_size_pretty(pg_relation_size('carers_search_idx')) as index, current_setting('shared_buffers') as buffers`,
  );
  console.log(`  search index ${sizes?.index}, shared_buffers ${sizes?.buffers}`);
  // The full scans read the whole table through shared_buffers and evict everything else, so they
  // run last. Each indexed query is measured twice over the same origins: the first pass reads
  // cold pages (first touch after the generation or an earlier full scan), the second is warm.
  const twice = async (build: (i: number) => SQL) => ({
    cold: await measure(handle, build),
    warm: await measure(handle, build),
  });
  const search = await twice((i) => carerSearchSql(origin(i), filters));
  const sorts = [];
  for (const [name, f] of otherSorts) sorts.push([name, await twice((i) => carerSearchSql(origin(i), f))] as const);
  const jobs = await twice((i) => nearbyJobsSql(base(i), "distance", 50, new Date()));
  const searchScan = await measure(handle, (i) => fullScanSearchSql(origin(i), filters));
  const jobsScan = await measure(handle, (i) => fullScanJobsSql(base(i)));
  // How many carers cover a home (with the filters), over the first 20 origins: what a total count would read.
  const covering: number[] = [];
  for (let i = 0; i < 20; i++) {
    const all = coveringSql(origin(i), filters, { withinM: MAX_JOB_RADIUS_M, limit: 10_000_000 });
    const [row] = await queryRows<{ n: number }>(handle.db, sql`select count(*)::int as n from (${all}) x`);
    covering.push(row?.n ?? 0);
  }
  const line = (name: string, s: ReturnType<typeof summarize>) =>
    `  ${name.padEnd(46)} n=${String(s.n).padStart(3)}  p50 ${fmt(s.p50).padStart(9)}  p95 ${fmt(s.p95).padStart(9)}`;
  console.log(line("family search (index, top 20), cold", search.cold));
  console.log(line("family search (index, top 20), warm", search.warm));
  console.log(line("family search, full scan", searchScan));
  console.log(
    `  → ratio full scan / index: p50 ${(searchScan.p50 / search.cold.p50).toFixed(0)}× cold, ${(searchScan.p50 / search.warm.p50).toFixed(0)}× warm; p95 ${(searchScan.p95 / search.cold.p95).toFixed(0)}× cold, ${(searchScan.p95 / search.warm.p95).toFixed(0)}× warm`,
  );
  for (const [name, s] of sorts) {
    console.log(line(`family search (index), ${name}, cold`, s.cold));
    console.log(line(`family search (index), ${name}, warm`, s.warm));
  }
  covering.sort((a, b) => a - b);
  console.log(`  carers covering a home with these filters (20 homes): median ${covering[10]}, max ${covering[19]}`);
  console.log(line("nearby jobs (GiST, top 50), cold", jobs.cold));
  console.log(line("nearby jobs (GiST, top 50), warm", jobs.warm));
  console.log(line("nearby jobs, full scan", jobsScan));
  console.log(
    `  → ratio full scan / index: p50 ${(jobsScan.p50 / jobs.cold.p50).toFixed(0)}× cold, ${(jobsScan.p50 / jobs.warm.p50).toFixed(0)}× warm; p95 ${(jobsScan.p95 / jobs.cold.p95).toFixed(0)}× cold, ${(jobsScan.p95 / jobs.warm.p95).toFixed(0)}× warm`,
  );
  console.log(`  EXPLAIN family search:\n${await explain(handle, carerSearchSql(origin(0), filters))}`);
  console.log(`  EXPLAIN nearby jobs:\n${await explain(handle, nearbyJobsSql(base(0), "distance", 50, new Date()))}`);
  return { search, searchScan, jobs, jobsScan };
}

const want = (n: number) => !only || only.includes(n);

console.log(`# bench:geo (${QUERIES} queries or ${SECONDS} s per measurement, whichever ends first)`);
for (const n of [10_000, 100_000].filter(want)) {
  const handle = await openDatabase({ pgliteDir: "memory" });
  try {
    await runMigrations(handle);
    await runSize("PGlite", handle, n);
  } finally {
    await handle.close();
  }
}

const serverUrl = process.env.DATABASE_URL;
if (serverUrl) {
  for (const n of [10_000, 100_000, 1_000_000].filter(want)) {
    // BENCH_KEEP=1 keeps the generated database (kv_bench_geo_keep_<n>) and reuses it next time.
    const name = keep ? `kv_bench_geo_keep_${n}` : `kv_bench_geo_${randomBytes(4).toString("hex")}`;
    const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
    const exists = keep && (await admin`select 1 from pg_database where datname = ${name}`).length > 0;
    if (!exists) await admin.unsafe(`create database ${name}`);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const handle = await openDatabase({ url: url.toString(), max: 2 });
    try {
      if (!exists) await runMigrations(handle);
      const [v] = await queryRows<{ server_version: string }>(handle.db, sql`show server_version`);
      await runSize(`PostgreSQL ${v?.server_version}`, handle, n, { generated: exists });
    } finally {
      await handle.close();
      if (!keep) await admin.unsafe(`drop database if exists ${name} with (force)`);
      await admin.end({ timeout: 5 });
    }
  }
} else {
  console.log("\n(PostgreSQL skipped: set DATABASE_URL to run 10k, 100k and 1M carers in a throwaway database.)");
}

try {
  const js = pageJs(["routes/carer_.jobs"]);
  console.log(`\n## JavaScript of the carer's nearby-jobs page (gzip)`);
  console.log(
    `  with the document: ${(js.initialGzip / 1024).toFixed(1)} KiB; after hydration (Leaflet map): ${(js.lazyGzip / 1024).toFixed(1)} KiB`,
  );
} catch (error) {
  console.log(`\n(page JS not measured: ${(error as Error).message})`);
}
