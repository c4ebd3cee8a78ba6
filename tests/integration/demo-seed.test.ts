// The demo city seeds the promised amounts, deterministically, and the demo accounts have known data.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "~db/migrate";
import { DEMO_COUNTS, femaleGiven, maleGiven, seedDemoCity, truncateAll } from "~db/seed/demo-city";
import { LocalDiskStorage } from "~/storage/local-disk.server";
import { PHOTO_KEY, sniffImage } from "~/carers/photo";
import { queryRows } from "~/db.server";
import { searchCarers } from "~/search/search.server";
import { SearchSchema } from "~/search/schemas";
import { nearbyJobs } from "~/visit-requests/visit-requests.server";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let database: TestDatabase;
let ids: Awaited<ReturnType<typeof seedDemoCity>>["ids"];
let uploads: string;
let photos: LocalDiskStorage;
beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  await runMigrations(database.handle);
  uploads = await fs.mkdtemp(path.join(os.tmpdir(), "kv-demo-photos-"));
  photos = new LocalDiskStorage(uploads);
  ids = (await seedDemoCity(database.handle.db, { photos })).ids;
});
afterAll(async () => {
  await database?.dispose();
  if (uploads) await fs.rm(uploads, { recursive: true, force: true });
});
const db = () => database.handle.db;

async function count(table: string, where = "true") {
  const [row] = await queryRows<{ n: number }>(db(), sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return row!.n;
}

describe("demo city", () => {
  it("has about 300 carers, 100 families with parents and 50 open requests", async () => {
    expect(await count("carers")).toBe(DEMO_COUNTS.carers);
    // One more family member than parents: family A's sister shares their mother's care.
    expect(await count("users", "role = 'family'")).toBe(DEMO_COUNTS.families + 1);
    expect(await count("parents")).toBe(DEMO_COUNTS.families);
    expect(await count("visit_requests", "status = 'open'")).toBe(DEMO_COUNTS.openRequests);
    // Spread over many districts, services and radii.
    // Ten districts: at least as many distinct 0.1° cells.
    expect(
      await count("(select distinct round(lat::numeric, 1), round(lng::numeric, 1) from carers) d"),
    ).toBeGreaterThanOrEqual(10);
    expect(await count("(select distinct service from carer_services) s")).toBe(8);
    expect(await count("(select distinct radius_m from carers) r")).toBeGreaterThan(5);
  });

  it("dates each conversation's last message as its messages say (the inbox shows it)", async () => {
    const rows = await queryRows<{ id: string; last: string | null; newest: string | null }>(
      db(),
      sql`select c.id, c.last_message_at::text as last,
                 (select max(m.created_at) from messages m where m.conversation_id = c.id)::text as newest
          from conversations c`,
    );
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.last, row.id).toBe(row.newest);
  });

  it("gives every visit the history its timeline is drawn from, ending in the visit's state", async () => {
    const rows = await queryRows<{ id: string; status: string; last: string | null; kinds: string | null }>(
      db(),
      sql`select v.id, v.status,
                 (select e.to_status from visit_events e where e.visit_id = v.id order by e.id desc limit 1)::text as last,
                 (select string_agg(coalesce(e.data->>'transition', e.reason), ',' order by e.id)
                    from visit_events e where e.visit_id = v.id) as kinds
          from visits v where v.checked_out_at is not null or v.status in ('missed', 'cancelled')`,
    );
    expect(rows.length).toBeGreaterThan(100);
    for (const row of rows) {
      expect(row.last, row.id).toBe(row.status);
      expect(row.kinds, row.id).toMatch(/^booked,/);
    }
    expect(rows.filter((r) => r.kinds === "booked,check_in,check_out,confirm").length).toBeGreaterThan(0);
  });

  it("gives family A's parent carer X in the search, and carer Y family B's request nearby", async () => {
    const [parentA] = await queryRows<{ lat: number; lng: number }>(
      db(),
      sql`select lat, lng from parents where id = ${ids.familyAParent}`,
    );
    const found = await searchCarers(
      db(),
      { ...parentA!, timeZone: "Asia/Shanghai", languages: ["mandarin"] },
      SearchSchema.parse({ size: 50, sort: "distance" }),
    );
    expect(found.carers.map((c) => c.name)).toContain("王芳 Wang Fang");
    const [carerY] = await queryRows<{ id: string }>(
      db(),
      sql`select id from users where email = 'carer.y@kinvisit.test'`,
    );
    const jobs = await nearbyJobs(db(), carerY!.id, "distance", new Date());
    const [requestB] = await queryRows<{ id: string }>(
      db(),
      sql`select id from visit_requests where parent_id = ${ids.familyBParent}`,
    );
    expect(jobs!.jobs.map((j) => j.id)).toContain(requestB!.id);
  });

  it("has a year of ratings, scores for the rated carers and peer figures", async () => {
    expect(await count("ratings")).toBeGreaterThan(1000);
    expect(await count("ratings", "rated_at < now() - interval '300 days'")).toBeGreaterThan(0);
    expect(await count("ratings", "is_default")).toBeGreaterThan(0);
    expect(await count("carer_scores", "scored_count >= 5")).toBeGreaterThan(10);
    expect(await count("rating_peer_groups", "city = 'hangzhou'")).toBeGreaterThan(0);
  });

  it("names carers as their gender suggests (no 黄桂英 listed as male)", async () => {
    const rows = await queryRows<{ name: string; gender: string | null }>(
      db(),
      sql`select u.name, c.gender from carers c join users u on u.id = c.user_id`,
    );
    const givenOf = (name: string) => name.match(/[\u4e00-\u9fff]{2,3}/)![0].slice(1);
    const female = new Set<string>(femaleGiven.map(([, zh]) => zh));
    const male = new Set<string>(maleGiven.map(([, zh]) => zh));
    const mismatched = rows.filter(
      (r) =>
        (r.gender === "male" && female.has(givenOf(r.name))) || (r.gender === "female" && male.has(givenOf(r.name))),
    );
    expect(mismatched).toEqual([]);
    expect(rows.filter((r) => r.gender === "male").length).toBeGreaterThan(30);
  });

  it("gives most carers a photo the photo storage serves, and some none", async () => {
    const rows = await queryRows<{ photo_key: string | null }>(db(), sql`select photo_key from carers`);
    const withPhoto = rows.filter((r) => r.photo_key);
    expect(withPhoto.length).toBeGreaterThan(rows.length * 0.7);
    expect(withPhoto.length).toBeLessThan(rows.length);
    for (const { photo_key } of withPhoto.slice(0, 5)) {
      expect(photo_key).toMatch(PHOTO_KEY);
      const file = await photos.get(photo_key!);
      expect(sniffImage(file!.bytes)).toBe("jpeg");
    }
  });

  it("counts each carer's completed visits from the seeded visits, never fewer than their ratings", async () => {
    // A search card read "0 visits completed · 100% good (40)": the count was drawn at random.
    const rows = await queryRows<{ n: number; done: number; rated: number }>(
      db(),
      sql`select c.visits_completed as n,
          (select count(*)::int from visits v where v.carer_id = c.user_id
            and v.status in ('completed', 'confirmed') and v.checked_out_at is not null) as done,
          coalesce(s.rated_count, 0) as rated
        from carers c left join carer_scores s on s.carer_id = c.user_id`,
    );
    for (const r of rows) {
      expect(r.n).toBe(r.done);
      expect(r.n).toBeGreaterThanOrEqual(r.rated);
    }
    // Some carers have a year of visits behind them, many have none yet.
    expect(rows.filter((r) => r.n > 20).length).toBeGreaterThan(30);
    expect(rows.filter((r) => r.n === 0).length).toBeGreaterThan(rows.length / 3);
  });

  it("gives admins work: carers awaiting verification (one half checked), a report and a failed text", async () => {
    expect(await count("carers", "verified_at is null")).toBeGreaterThan(10);
    expect(
      await count(
        "carer_checks k join users u on u.id = k.carer_id",
        "u.email = 'carer.y@kinvisit.test' and k.kind = 'id'",
      ),
    ).toBe(1);
    expect(await count("message_reports", "resolved_at is null")).toBe(1);
    expect(await count("sms_messages", "status = 'failed' and error_code is not null")).toBe(1);
    expect(await count("audit_log", "action = 'carer.check'")).toBe(1);
  });

  it("is deterministic: seeding again gives the same rows", async () => {
    // The ids too: lists whose order ties break by id (nearby jobs by distance) come out the same.
    const snapshot = async () => [
      await queryRows(
        db(),
        sql`select u.email, u.name, c.gender, c.lat, c.lng, c.radius_m, c.visits_completed, c.photo_key
          from carers c join users u on u.id = c.user_id order by u.email`,
      ),
      await queryRows(db(), sql`select id, parent_id, service, weekdays from visit_requests order by id`),
      await queryRows(db(), sql`select id, status from visits order by id`),
    ];
    const first = await snapshot();
    await truncateAll(db());
    await seedDemoCity(db(), { photos });
    expect(await snapshot()).toEqual(first);
  });
});
