// "Does this circle cover that point" is decided against the approximate point the viewer may see,
// so nudging one's own radius (a carer) or pin (a family) until a row appears measures the distance
// to the approximate point only, never to a stranger's exact home or base. The SQL approximate
// point (migration 0005) must also agree with app/privacy/location.ts.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "~/db.server";
import { approximatePoint, haversineMeters } from "~/privacy/location";
import { SearchSchema } from "~/search/schemas";
import { searchCarers } from "~/search/search.server";
import { getJobForCarer, nearbyJobs } from "~/visit-requests/visit-requests.server";
import { makeCarerProfile, makeParent, makeVisitRequest } from "../support/geo-fixtures";
import { createTestDatabase, type TemplateCopy } from "../support/test-db";

let t: TemplateCopy;
let people: TemplateCopy["personas"];
const db = () => t.handle.db;

beforeAll(async () => {
  t = await createTestDatabase();
  people = t.personas;
});
afterAll(() => t?.dispose());

describe("the approximate point in SQL", () => {
  it("is the TypeScript approximatePoint, for points all over the globe", async () => {
    // Deterministic pseudo-random points, plus the awkward ones.
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const points = Array.from({ length: 400 }, () => ({ lat: next() * 170 - 85, lng: next() * 360 - 180 }));
    points.push(
      { lat: 30.274084, lng: 120.15507 },
      { lat: 0, lng: 0 },
      { lat: -33.8688, lng: 151.2093 },
      { lat: 89.9, lng: -179.9 },
    );
    const rows = await queryRows<{ i: number; lat: number; lng: number }>(
      db(),
      sql`select p.i::int as i, approx_lat(p.lat) as lat, approx_lng(p.lat, p.lng) as lng
          from unnest(${`{${points.map((p) => p.lat).join(",")}}`}::float8[], ${`{${points.map((p) => p.lng).join(",")}}`}::float8[])
               with ordinality as p(lat, lng, i)`,
    );
    expect(rows).toHaveLength(points.length);
    for (const r of rows) {
      const want = approximatePoint(points[r.i - 1]!.lat, points[r.i - 1]!.lng);
      // TypeScript rounds the centre to 5 decimals; SQL keeps it whole.
      expect(Math.abs(Number(r.lat) - want.lat)).toBeLessThan(1e-5);
      expect(Math.abs(Number(r.lng) - want.lng)).toBeLessThan(1e-5);
    }
  });
});

/** A point `metres` east of `from`, on the same latitude (small distances). */
const east = (from: { lat: number; lng: number }, metres: number) => ({
  lat: from.lat,
  lng: from.lng + metres / (111_195 * Math.cos((from.lat * Math.PI) / 180)),
});

describe("coverage is decided against the approximate point", () => {
  // A home whose approximate point sits well away from it, so exact and approximate distances differ.
  const home = { lat: 30.2612, lng: 120.1799 };
  const homeApprox = approximatePoint(home.lat, home.lng);

  it("a carer nudging their radius sees a job appear at the approximate distance, not the exact one", async () => {
    const parentId = await makeParent(db(), people.familyA.id, { lat: home.lat, lng: home.lng });
    const requestId = await makeVisitRequest(db(), { id: people.familyA.id, role: "family" }, parentId);
    // The carer lives 3 km east of the approximate point, on its latitude.
    const base = east(homeApprox, 3_000);
    const exactM = haversineMeters(base, home);
    const approxM = haversineMeters(base, homeApprox);
    expect(Math.abs(exactM - approxM)).toBeGreaterThan(60);
    const visibleAt = async (radiusM: number) => {
      await makeCarerProfile(db(), people.carerX.id, { lat: base.lat, lng: base.lng, radiusKm: radiusM / 1000 });
      const now = new Date();
      const list = (await nearbyJobs(db(), people.carerX.id, "distance", now))!.jobs.some((j) => j.id === requestId);
      const page = (await getJobForCarer(db(), people.carerX.id, requestId, now)) !== null;
      expect(page).toBe(list);
      return list;
    };
    // Just inside / outside the approximate distance decides it, wherever the exact distance lies.
    expect(await visibleAt(Math.ceil(approxM) + 5)).toBe(true);
    expect(await visibleAt(Math.floor(approxM) - 5)).toBe(false);
    // Between the two distances the answer follows the approximate one.
    const between = Math.round((exactM + approxM) / 2);
    expect(await visibleAt(between)).toBe(between >= approxM);
  });

  it("a family moving their parent's pin sees a carer appear at the carer's approximate base, not the exact one", async () => {
    // The carer's exact base, away from the centre of its cell.
    const carerBase = { lat: 30.2405, lng: 120.1102 };
    const carerApprox = approximatePoint(carerBase.lat, carerBase.lng);
    await makeCarerProfile(db(), people.carerY.id, { lat: carerBase.lat, lng: carerBase.lng, radiusKm: 3 });
    const listedFrom = async (pin: { lat: number; lng: number }) => {
      const result = await searchCarers(
        db(),
        { ...pin, timeZone: "Asia/Shanghai", languages: [] },
        SearchSchema.parse({ sort: "distance" }),
      );
      return result.carers.some((c) => c.id === people.carerY.id);
    };
    // Pins 3 km (± 5 m) west of the approximate base.
    const justInside = east(carerApprox, -2_995);
    const justOutside = east(carerApprox, -3_005);
    expect(Math.abs(haversineMeters(justInside, carerBase) - haversineMeters(justInside, carerApprox))).toBeGreaterThan(
      60,
    );
    expect(await listedFrom(justInside)).toBe(true);
    expect(await listedFrom(justOutside)).toBe(false);
  });
});
