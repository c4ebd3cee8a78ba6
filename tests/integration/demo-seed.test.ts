// The demo city seeds the promised amounts, deterministically, and the demo accounts have known data.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runMigrations } from "~db/migrate";
import { DEMO_COUNTS, seedDemoCity, truncateAll } from "~db/seed/demo-city";
import { queryRows } from "~/db.server";
import { searchCarers } from "~/search/search.server";
import { SearchSchema } from "~/search/schemas";
import { nearbyJobs } from "~/visit-requests/visit-requests.server";
import { createTestDatabase, type TestDatabase } from "../support/test-db";

let database: TestDatabase;
let ids: Awaited<ReturnType<typeof seedDemoCity>>["ids"];
beforeAll(async () => {
  database = await createTestDatabase({ empty: true });
  await runMigrations(database.handle);
  ids = (await seedDemoCity(database.handle.db)).ids;
});
afterAll(() => database?.dispose());
const db = () => database.handle.db;

async function count(table: string, where = "true") {
  const [row] = await queryRows<{ n: number }>(db(), sql.raw(`select count(*)::int as n from ${table} where ${where}`));
  return row!.n;
}

describe("demo city", () => {
  it("has about 300 carers, 100 families with parents and 50 open requests", async () => {
    expect(await count("carers")).toBe(DEMO_COUNTS.carers);
    expect(await count("users", "role = 'family'")).toBe(DEMO_COUNTS.families);
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
    const jobs = await nearbyJobs(db(), carerY!.id, "distance");
    const [requestB] = await queryRows<{ id: string }>(
      db(),
      sql`select id from visit_requests where parent_id = ${ids.familyBParent}`,
    );
    expect(jobs!.jobs.map((j) => j.id)).toContain(requestB!.id);
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
    const snapshot = async () =>
      queryRows(
        db(),
        sql`select u.email, c.lat, c.lng, c.radius_m from carers c join users u on u.id = c.user_id order by u.email`,
      );
    const first = await snapshot();
    await truncateAll(db());
    await seedDemoCity(db());
    expect(await snapshot()).toEqual(first);
  });
});
