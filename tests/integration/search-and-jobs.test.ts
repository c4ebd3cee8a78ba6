// Family search and nearby jobs on the real database: coverage geometry, filters, sorts, refusals,
// a fixed number of queries per search, and requests visible only inside a carer's radius.
import { randomUUID } from "node:crypto";
import { and, eq, notInArray, sql } from "drizzle-orm";
import { queryRows } from "~/db.server";
import { zonedTimeToUtc } from "~/geo/time-zone";
import { withoutIds } from "../support/html";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carerServices, carers, visitRequests, visits } from "~db/schema";
import { searchCarers } from "~/search/search.server";
import { SearchSchema } from "~/search/schemas";
import { getJobForCarer, nearbyJobs } from "~/visit-requests/visit-requests.server";
import { openFromRequest } from "~/chat/conversations.server";
import {
  eastOf,
  makeCarerProfile,
  makeParent,
  makeQuickCarer,
  makeVisitRequest,
  postEntries,
  WEST_LAKE,
} from "../support/geo-fixtures";
import { daysAhead } from "../support/chat-fixtures";
import { bookVisits, moveVisit } from "../support/visit-fixtures";
import { makeUser } from "../support/fixtures";
import type { HttpClient } from "../support/http-client";
import { sessionClient } from "../support/personas";
import { createTestDatabase } from "../support/test-db";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
let people: TestApp["personas"];
let familyA: HttpClient;
let familyB: HttpClient;
let carerX: HttpClient;
let carerY: HttpClient;
let parentA: string;
const ids: Record<string, string> = {};

beforeAll(async () => {
  app = await startAppWithPersonas();
  people = app.personas;
  familyA = people.familyA.client;
  familyB = people.familyB.client;
  carerX = people.carerX.client;
  carerY = people.carerY.client;
  parentA = await makeParent(app.db, people.familyA.id, { languages: ["hangzhounese"] });
  // carerX: 2 km east, radius 5 km → covers parent A. carerY: 30 km east → covers nothing near A.
  await makeCarerProfile(app.db, people.carerX.id, { ...eastOf(WEST_LAKE, 2), radiusKm: 5 });
  await makeCarerProfile(app.db, people.carerY.id, { ...eastOf(WEST_LAKE, 30), radiusKm: 20 });
  ids.near = await makeQuickCarer(
    app.db,
    {
      ...eastOf(WEST_LAKE, 1),
      radiusKm: 3,
      gender: "male",
      languages: ["hangzhounese"],
      services: [{ service: "meal_prep", offered: true, price: 40, minMinutes: 60 }],
    },
    "Near Cook",
  );
  ids.far = await makeQuickCarer(
    app.db,
    {
      ...eastOf(WEST_LAKE, 8),
      radiusKm: 10,
      gender: "female",
      services: [{ service: "companionship", offered: true, price: 30, minMinutes: 60 }],
      availability: [{ weekday: 1, start: "09:00", end: "12:00" }],
    },
    "Far Reacher",
  );
  ids.short = await makeQuickCarer(app.db, { ...eastOf(WEST_LAKE, 3), radiusKm: 2 }, "Short Radius");
  await app.db
    .update(carers)
    .set({ verifiedAt: new Date("2026-01-10T00:00:00Z"), ratingScore: 4.8 })
    .where(eq(carers.userId, ids.far!));
});
afterAll(() => app?.close());

async function names(client: HttpClient, query = "") {
  const res = await client.get(`/family/parents/${parentA}/carers${query}`);
  expect(res.status).toBe(200);
  const html = await res.text();
  return [...html.matchAll(/<h2><a [^>]*href="\/carers\/[^"]+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
}

describe("family search", () => {
  it("lists exactly the carers whose circle covers the parent", async () => {
    const found = await names(familyA, "?sort=distance");
    expect(found).toContain("Near Cook");
    expect(found).toContain("Far Reacher");
    expect(found).not.toContain("Short Radius");
    expect(found).toHaveLength(3); // Near Cook, carer X, Far Reacher
    expect(found[0]).toBe("Near Cook");
    expect(found[2]).toBe("Far Reacher");
  });

  it("filters by service, language, gender, verified and availability (in the parent's time zone)", async () => {
    expect(await names(familyA, "?service=meal_prep")).toEqual(["Near Cook"]);
    expect(await names(familyA, "?language=hangzhounese")).toEqual(["Near Cook"]);
    expect(await names(familyA, "?gender=female")).toEqual(["Far Reacher"]);
    expect(await names(familyA, "?verified=on")).toEqual(["Far Reacher"]);
    // Next week's Monday, whatever today is: 10:00 in Shanghai is inside Far Reacher's window, 13:00 is not.
    const monday = [7, 8, 9, 10, 11, 12, 13]
      .map((n) => daysAhead(n))
      .find((d) => new Date(`${d}T12:00Z`).getUTCDay() === 1);
    expect(await names(familyA, `?at=${monday}T10%3A00`)).toEqual(["Far Reacher"]);
    expect(await names(familyA, `?at=${monday}T13%3A00`)).toEqual([]);
  });

  it("leaves out of 'available at' a carer booked at that time, and lists them again once it is cancelled", async () => {
    const monday = [7, 8, 9, 10, 11, 12, 13]
      .map((n) => daysAhead(n))
      .find((d) => new Date(`${d}T12:00Z`).getUTCDay() === 1)!;
    const [visit] = await bookVisits(app, people.familyA.id, ids.far!, parentA, {
      date: monday,
      start: "09:30",
      end: "10:30",
    });
    try {
      // Inside the weekly window and inside the visit: taken. The visit's end is free again.
      expect(await names(familyA, `?at=${monday}T10%3A00`)).toEqual([]);
      expect(await names(familyA, `?at=${monday}T09%3A30`)).toEqual([]);
      expect(await names(familyA, `?at=${monday}T10%3A30`)).toEqual(["Far Reacher"]);
      // Without a time, nothing is filtered by visits.
      expect(await names(familyA, "?gender=female")).toEqual(["Far Reacher"]);
      // A carer on their way or in the visit is as taken as one still to set out.
      await app.db.update(visits).set({ status: "in_progress" }).where(eq(visits.id, visit!.id));
      expect(await names(familyA, `?at=${monday}T10%3A00`)).toEqual([]);
    } finally {
      await app.db.update(visits).set({ status: "cancelled" }).where(eq(visits.id, visit!.id));
    }
    expect(await names(familyA, `?at=${monday}T10%3A00`)).toEqual(["Far Reacher"]);
  });

  it("sorts by price and by rating (unrated last)", async () => {
    expect((await names(familyA, "?sort=price"))[0]).toBe("Far Reacher");
    expect((await names(familyA, "?sort=rating"))[0]).toBe("Far Reacher");
  });

  it("shows a rounded distance and never a carer's exact base", async () => {
    const res = await familyA.get(`/family/parents/${parentA}/carers.data?sort=distance`);
    const body = await res.text();
    const [x] = await app.db.select().from(carers).where(eq(carers.userId, people.carerX.id));
    // Carer X sits due east of the parent (same latitude, which the family may see): check its longitude.
    expect(body).not.toContain(String(x!.lng).slice(0, 9));
    const html = await (await familyA.get(`/family/parents/${parentA}/carers?sort=distance`)).text();
    expect(html).toMatch(/\b\d+(\.5)? km away/);
  });

  it("refuses a page size of 10,000 and other bad parameters with a message, not a 500", async () => {
    const big = await familyA.get(`/family/parents/${parentA}/carers?size=10000`);
    expect(big.status).toBe(400);
    expect(await big.text()).toContain("Show at most 50 results a page.");
    // A parameter given twice is read once, the last, as in every query string (an outside probe got
    // "Enter a number" for ?page=1&page=2).
    for (const q of ["?page=2&page=1", "?sort=best&sort=rating", "?service=massage&service=companionship"]) {
      expect((await familyA.get(`/family/parents/${parentA}/carers${q}`)).status, q).toBe(200);
    }
    expect((await familyA.get(`/family/parents/${parentA}/carers?service=companionship&service=massage`)).status).toBe(
      400,
    );
    for (const q of [
      "?service=massage",
      "?sort=cheapest",
      "?page=0",
      "?at=tomorrow",
      "?at=2026-13-45T99%3A99",
      "?at=2026-02-30T10%3A00",
      // A time gone by: availability then is nobody's to book.
      `?at=${daysAhead(-1)}T10%3A00`,
      "?size=abc",
      "?gender=robot",
      "?verified=true",
    ]) {
      const res = await familyA.get(`/family/parents/${parentA}/carers${q}`);
      expect(res.status, q).toBe(400);
      const html = await res.text();
      expect(html, q).toMatch(/field-errors/);
      // No search ran: the page says so, not that no carer covers the address.
      expect(html, q).toContain("No search was made: correct the filter marked in Filters.");
      expect(html, q).not.toContain("No carer covers this address");
    }
    const past = await (await familyA.get(`/family/parents/${parentA}/carers?at=${daysAhead(-1)}T10%3A00`)).text();
    expect(past).toMatch(/<ul id="[^"]*at-error" class="field-errors" role="alert"><li>Choose a date from today/);
    // The sort has no field in the sheet (the chips sort): its message says what it is about.
    const sort = await (await familyA.get(`/family/parents/${parentA}/carers?sort=cheapest`)).text();
    expect(sort).toMatch(
      /<strong>Sort by<\/strong><ul class="field-errors" role="alert"><li>Choose one of the options\.<\/li>/,
    );
    // Every refused filter is marked in the sheet, the verified box too (the page's message says so).
    const verified = await (await familyA.get(`/family/parents/${parentA}/carers?verified=true`)).text();
    expect(verified).toMatch(/name="verified"[^>]*aria-invalid="true"[^>]*aria-describedby="f-verified-error"/);
    expect(verified).toMatch(
      /<ul id="f-verified-error" class="field-errors" role="alert"><li>Choose one of the options\.<\/li>/,
    );
  });

  it("answers 404 to another family and 403 to carers", async () => {
    expect((await familyB.get(`/family/parents/${parentA}/carers`)).status).toBe(404);
    expect((await carerX.get(`/family/parents/${parentA}/carers`)).status).toBe(403);
  });

  it("pages through results", async () => {
    const first = await names(familyA, "?sort=distance&size=2");
    const second = await names(familyA, "?sort=distance&size=2&page=2");
    expect(first).toHaveLength(2);
    expect(second).toHaveLength(1);
    expect(new Set([...first, ...second]).size).toBe(3);
    // "Next" only while more carers follow; the status says which ones are shown.
    const page1 = await (await familyA.get(`/family/parents/${parentA}/carers?sort=distance&size=2`)).text();
    const page2 = await (await familyA.get(`/family/parents/${parentA}/carers?sort=distance&size=2&page=2`)).text();
    expect(page1).toContain('rel="next"');
    expect(page1).toContain("Carers 1–2");
    expect(page2).not.toContain('rel="next"');
    expect(page2).toContain('rel="prev"');
    expect(page2).toContain("Carer 3<");
    // All on one page: how many, not "Carers 1–3".
    const whole = await (await familyA.get(`/family/parents/${parentA}/carers?sort=distance&size=10`)).text();
    expect(whole).toContain('role="status">3 carers<');
    // An old link past the last page: it says so and links back, not that no carer covers the address.
    const past = await (await familyA.get(`/family/parents/${parentA}/carers?sort=distance&size=2&page=9`)).text();
    expect(past).toContain("There are no carers on page 9: the results end before it.");
    expect(past).not.toContain("No carer covers this address");
    // Back to the first page in one tap, not to page 8, as empty (an outside probe).
    expect(past).not.toContain('rel="prev"');
    expect(past.replaceAll("&amp;", "&")).toMatch(
      /href="[^"]*\/carers\?sort=distance&size=2&page=1"[^>]*>Back to the first page</,
    );
    // Page 1 with nothing to show is the one that says no carer covers the address.
    const none = await (await familyA.get(`/family/parents/${parentA}/carers?service=tech_help`)).text();
    expect(none).toContain("No carer covers this address");
  });
});

describe("search query count", () => {
  it("issues the same number of queries for 5 and for 50 results", async () => {
    const queries: string[] = [];
    const counted = await createTestDatabase({ logger: { logQuery: (q) => queries.push(q) } });
    try {
      const db = counted.handle.db;
      const { users } = await import("~db/schema");
      const [owner] = await db
        .insert(users)
        .values({ email: "o@example.test", name: "o", passwordHash: "x", phone: "+86", role: "family" })
        .returning();
      const parentId = await makeParent(db, owner!.id);
      const parent = { ...WEST_LAKE, timeZone: "Asia/Shanghai", languages: ["mandarin"], id: parentId };
      for (let i = 0; i < 50; i++) await makeQuickCarer(db, { ...eastOf(WEST_LAKE, (i % 10) * 0.3), radiusKm: 8 });
      const run = async (size: number) => {
        queries.length = 0;
        const result = await searchCarers(db, parent, SearchSchema.parse({ size }));
        return { n: queries.length, results: result.carers.length, carers: result.carers };
      };
      const five = await run(5);
      const fifty = await run(50);
      expect(five.results).toBe(5);
      expect(fifty.results).toBe(50);
      expect(fifty.n).toBe(five.n);
      // One statement: the page of carers with what each offers.
      expect(five.n).toBe(1);
      const { carerServices, serviceKinds } = await import("~db/schema");
      const offered = await db.select().from(carerServices);
      for (const c of fifty.carers) {
        const own = offered.filter((s) => s.carerId === c.id);
        expect(own.length).toBeGreaterThan(0);
        expect(c.services).toEqual(
          own
            .sort(
              (a, b) =>
                a.priceCents - b.priceCents || serviceKinds.indexOf(a.service) - serviceKinds.indexOf(b.service),
            )
            .map((s) => s.service),
        );
      }
    } finally {
      await counted.dispose();
    }
  });
});

describe("visit requests and nearby jobs", () => {
  let requestId: string;
  // One-off requests are for now..a year ahead (ADR 013).
  const inAMonth = daysAhead(30);

  it("lets a family post a request for its parent, copying the home location", async () => {
    const res = await postEntries(familyA, `/family/parents/${parentA}/requests/new`, [
      ["service", "clinic_escort"],
      ["schedule", "once"],
      ["date", inAMonth],
      ["time", "09:30"],
      ["durationMinutes", "120"],
      ["budget", "150"],
      ["notes", "Hospital visit"],
      ["submissionKey", randomUUID()],
    ]);
    expect(res.status).toBe(302);
    const [row] = await app.db.select().from(visitRequests).where(eq(visitRequests.parentId, parentA));
    requestId = row!.id;
    expect(row).toMatchObject({
      service: "clinic_escort",
      durationMinutes: 120,
      budgetCents: 15000,
      lat: WEST_LAKE.lat,
      lng: WEST_LAKE.lng,
    });
    expect(row!.startsAt!.toISOString()).toBe(`${inAMonth}T01:30:00.000Z`);
    expect(
      (await postEntries(familyB, `/family/parents/${parentA}/requests/new`, [["service", "errands"]])).status,
    ).toBe(404);
    const bad = await postEntries(familyA, `/family/parents/${parentA}/requests/new`, [
      ["service", "errands"],
      ["schedule", "once"],
      ["date", inAMonth],
      ["time", "09:30"],
      ["durationMinutes", "60"],
      ["budget", "-1"],
      ["submissionKey", randomUUID()],
    ]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("A budget must be more than ¥0.");
    // Nor ¥0, which left carers nothing to offer (an offer is more than ¥0), and nothing stored.
    const before = await app.db.select({ id: visitRequests.id }).from(visitRequests);
    for (const budget of ["0", "0.00"]) {
      const zero = await postEntries(familyA, `/family/parents/${parentA}/requests/new`, [
        ["service", "errands"],
        ["schedule", "once"],
        ["date", inAMonth],
        ["time", "09:30"],
        ["durationMinutes", "60"],
        ["budget", budget],
        ["submissionKey", randomUUID()],
      ]);
      expect(zero.status, budget).toBe(400);
      expect(await zero.text()).toMatch(/id="visit-request-budget-error"[^>]*>\s*<li>A budget must be more than ¥0\./);
    }
    expect(await app.db.select({ id: visitRequests.id }).from(visitRequests)).toHaveLength(before.length);

    // Today (the parent's today) at an hour already gone: the time is what to change, beside it;
    // yesterday is the date's fault.
    const earlier = async (date: string) => {
      const res = await postEntries(familyA, `/family/parents/${parentA}/requests/new`, [
        ["service", "errands"],
        ["schedule", "once"],
        ["date", date],
        ["time", "00:00"],
        ["durationMinutes", "60"],
        ["submissionKey", randomUUID()],
      ]);
      expect(res.status).toBe(400);
      return res.text();
    };
    const today = await earlier(daysAhead(0));
    expect(today).toMatch(/id="visit-request-time-error"[^>]*>\s*<li>That time has already passed today/);
    expect(today).not.toContain("Choose a date from today up to a year ahead.");
    expect(await earlier(daysAhead(-1))).toMatch(/id="visit-request-date-error"[^>]*>\s*<li>Choose a date from today/);
    expect(
      await app.db
        .select({ id: visitRequests.id })
        .from(visitRequests)
        .where(and(eq(visitRequests.parentId, parentA), eq(visitRequests.service, "errands"))),
    ).toHaveLength(0);
  });

  it("posts one request, and one nearby-job fan-out, from a double submit", async () => {
    const key = randomUUID();
    const entries: [string, string][] = [
      ["service", "tech_help"],
      ["schedule", "weekly"],
      ["weekdays", "2"],
      ["time", "15:00"],
      ["durationMinutes", "60"],
      ["submissionKey", key],
    ];
    const posts = await Promise.all(
      [1, 2, 3].map(() => postEntries(familyA, `/family/parents/${parentA}/requests/new`, entries)),
    );
    expect(posts.map((p) => p.status)).toEqual([302, 302, 302]);
    const rows = await app.db
      .select({ id: visitRequests.id })
      .from(visitRequests)
      .where(and(eq(visitRequests.parentId, parentA), eq(visitRequests.service, "tech_help")));
    expect(rows).toHaveLength(1);
    const [jobs] = await queryRows<{ n: number }>(
      app.db,
      sql`select count(*)::int as n from pgboss.job where name = 'nearby-job-texts' and data->>'requestId' = ${rows[0]!.id}`,
    );
    expect(jobs!.n).toBe(1);
  });

  it("keeps a parent to 10 open requests at once: the 11th is refused with a message until one is cancelled", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Ten Requests" });
    const family = { id: people.familyA.id, role: "family" as const };
    // A one-off whose start has passed (posted long ago, for two months after) is taken by no one, and
    // does not count.
    await makeVisitRequest(app.db, family, parentId, {}, new Date(Date.now() - 120 * 86_400_000));
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      ids.push(await makeVisitRequest(app.db, family, parentId, { date: daysAhead(20 + i) }));
    }
    const post = (key: string) =>
      postEntries(familyA, `/family/parents/${parentId}/requests/new`, [
        ["service", "errands"],
        ["schedule", "once"],
        ["date", daysAhead(45)],
        ["time", "10:00"],
        ["durationMinutes", "60"],
        ["submissionKey", key],
      ]);
    const refused = await post(randomUUID());
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("There are 10 open requests for this parent already.");
    const errands = () =>
      app.db
        .select({ id: visitRequests.id })
        .from(visitRequests)
        .where(and(eq(visitRequests.parentId, parentId), eq(visitRequests.service, "errands")));
    expect(await errands()).toHaveLength(0);
    expect(
      (await postEntries(familyA, `/family/parents/${parentId}`, { intent: "cancel-request", requestId: ids[0]! }))
        .status,
    ).toBe(302);
    expect((await post(randomUUID())).status).toBe(302);
    expect(await errands()).toHaveLength(1);
  });

  it("keeps a family account to 30 open requests across its parents: a new parent is no way around the 10", async () => {
    const owner = await makeUser(app.db, "family");
    const family = { id: owner.id, role: "family" as const };
    for (let p = 0; p < 3; p++) {
      const full = await makeParent(app.db, owner.id, { name: `Parent ${p}` });
      for (let i = 0; i < 10; i++) await makeVisitRequest(app.db, family, full, { date: daysAhead(20 + i) });
    }
    const fourth = await makeParent(app.db, owner.id, { name: "Parent 3" });
    const client = await sessionClient(app.url, app.db, owner.id);
    const refused = await postEntries(client, `/family/parents/${fourth}/requests/new`, [
      ["service", "errands"],
      ["schedule", "weekly"],
      ["weekdays", "1"],
      ["time", "10:00"],
      ["durationMinutes", "60"],
      ["submissionKey", randomUUID()],
    ]);
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain("You have 30 open requests already, across your parents.");
    expect(await app.db.select().from(visitRequests).where(eq(visitRequests.parentId, fourth))).toHaveLength(0);
  });

  it("lets the family cancel an open request, which leaves nearby jobs; another family cannot", async () => {
    const key = randomUUID();
    await postEntries(familyA, `/family/parents/${parentA}/requests/new`, [
      ["service", "light_housework"],
      ["schedule", "once"],
      ["date", daysAhead(60)],
      ["time", "11:00"],
      ["durationMinutes", "60"],
      ["submissionKey", key],
    ]);
    const [row] = await app.db
      .select({ id: visitRequests.id })
      .from(visitRequests)
      .where(and(eq(visitRequests.parentId, parentA), eq(visitRequests.service, "light_housework")));
    expect((await carerX.get(`/carer/jobs/${row!.id}`)).status).toBe(200);
    // Another family's attempt is a 404 and changes nothing.
    expect(
      (await postEntries(familyB, `/family/parents/${parentA}`, { intent: "cancel-request", requestId: row!.id }))
        .status,
    ).toBe(404);
    expect((await carerX.get(`/carer/jobs/${row!.id}`)).status).toBe(200);
    // So is sending it through one's own parent's page: it changed nothing there either, and once said so.
    const parentOfB = await makeParent(app.db, people.familyB.id, { name: "Qian Lan" });
    expect(
      (await postEntries(familyB, `/family/parents/${parentOfB}`, { intent: "cancel-request", requestId: row!.id }))
        .status,
    ).toBe(404);
    expect((await carerX.get(`/carer/jobs/${row!.id}`)).status).toBe(200);
    expect(
      (await postEntries(familyA, `/family/parents/${parentA}`, { intent: "cancel-request", requestId: "not-a-uuid" }))
        .status,
    ).toBe(400);
    for (let i = 0; i < 2; i++)
      expect(
        (await postEntries(familyA, `/family/parents/${parentA}`, { intent: "cancel-request", requestId: row!.id }))
          .status,
      ).toBe(302);
    const [after] = await app.db
      .select({ status: visitRequests.status })
      .from(visitRequests)
      .where(eq(visitRequests.id, row!.id));
    expect(after!.status).toBe("cancelled");
    const gone = await carerX.get(`/carer/jobs/${row!.id}`);
    expect(gone.status).toBe(404);
    // Said as a job no longer open, with the way to the open ones: not the site's "page not found".
    const goneHtml = await gone.text();
    expect(goneHtml).toContain("This job is not open to you");
    expect(goneHtml.match(/<title>[^<]*<\/title>/g)).toEqual(["<title>Job not open · Kinvisit</title>"]);
    expect(goneHtml).toContain('href="/carer/jobs"');
    expect(await (await carerX.get("/carer/jobs")).text()).not.toContain(row!.id);
  });

  it("shows the request to a carer within reach, approximately, and hides it from one out of reach", async () => {
    const list = await (await carerX.get("/carer/jobs")).text();
    expect(list).toContain(`/carer/jobs/${requestId}`);
    // The list carries what its rows show; the family's notes are on the job's own page.
    expect(list).not.toContain("Hospital visit");
    expect(await (await carerX.get("/carer/jobs.data")).text()).not.toContain("Hospital visit");
    // Notes without contact details reach the carer as they were written.
    expect(await (await carerX.get(`/carer/jobs/${requestId}`)).text()).toContain("Hospital visit");
    const page = await carerX.get(`/carer/jobs/${requestId}`);
    expect(page.status).toBe(200);
    const data = await (await carerX.get(`/carer/jobs/${requestId}.data`)).text();
    expect(data).not.toContain(String(WEST_LAKE.lat));
    expect(data).not.toContain(String(WEST_LAKE.lng));
    expect(await (await carerY.get("/carer/jobs")).text()).not.toContain(requestId);
    expect((await carerY.get(`/carer/jobs/${requestId}`)).status).toBe(404);
    expect((await familyA.get(`/carer/jobs/${requestId}`)).status).toBe(403);
  });

  /** The family posts an errand with these notes, `days` ahead: the request's id. */
  async function postErrand(parentId: string, notes: string, days: number) {
    const posted = await postEntries(familyA, `/family/parents/${parentId}/requests/new`, [
      ["service", "errands"],
      ["schedule", "once"],
      ["date", daysAhead(days)],
      ["time", "10:00"],
      ["durationMinutes", "60"],
      ["notes", notes],
      ["submissionKey", randomUUID()],
    ]);
    expect(posted.status).toBe(302);
    const [row] = await app.db
      .select({ id: visitRequests.id })
      .from(visitRequests)
      .where(
        and(
          eq(visitRequests.parentId, parentId),
          eq(visitRequests.service, "errands"),
          eq(visitRequests.status, "open"),
        ),
      );
    return row!.id;
  }

  it("masks contact details in the notes for carers, and shows the family what it wrote", async () => {
    const notes = "Home is 327 Yan'an Road, door code 1838#, call +8657171717904";
    const jobId = await postErrand(parentA, notes, 20);
    // HTML escapes the apostrophe, turbo-stream JSON does not: look for parts either would keep.
    const secrets = ["327 Yan", "Yan'an Road", "Yan&#x27;an Road", "1838#", "8657171717904", "57171717904"];
    const carerSees = [
      await (await carerX.get(`/carer/jobs/${jobId}`)).text(),
      await (await carerX.get(`/carer/jobs/${jobId}.data`)).text(),
      await (await carerX.get("/carer/jobs")).text(),
      await (await carerX.get("/carer/jobs.data")).text(),
    ];
    // The rest of the notes still reaches the carer, with the contact details hidden.
    expect(carerSees[0]).toContain("Home is ▒▒▒");
    expect(carerSees[1]).toContain("Home is ▒▒▒");
    // Asking a question opens a conversation whose card is the request: it carries no notes either.
    const opened = await postEntries(carerX, "/chat/new", { from: "request", requestId: jobId, offer: "no" });
    expect(opened.status).toBe(302);
    const chat = opened.headers.get("location")!;
    carerSees.push(await (await carerX.get(chat)).text(), await (await carerX.get(`${chat}.data`)).text());
    for (const body of carerSees) for (const secret of secrets) expect(body).not.toContain(secret);
    // The family reads its own words on the parent's page, told that carers see them masked.
    const familyPage = await (await familyA.get(`/family/parents/${parentA}`)).text();
    expect(familyPage).toContain("Home is 327 Yan&#x27;an Road, door code 1838#, call +8657171717904");
    expect(familyPage).toContain("Carers see these notes with the address, phone numbers and codes hidden");
    expect(await (await familyA.get(`/family/parents/${parentA}.data`)).text()).toContain(notes);
    await postEntries(familyA, `/family/parents/${parentA}`, { intent: "cancel-request", requestId: jobId });
  });

  it("masks the parent's own address and codes in the notes, however the family wrote them (an outside probe)", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, {
      address: "218 Qingchun Road, Building 3 Room 501",
      accessNotes: "Gate 1838, then 9413# at the door",
    });
    // No pattern for any address reads these as one: only what is known of this parent does.
    const jobId = await postErrand(
      parentId,
      "She is on Qingchun, number 218. It is 1838 and then 9413. Bring bread.",
      21,
    );
    const page = await (await carerX.get(`/carer/jobs/${jobId}`)).text();
    expect(page).toContain("She is on ▒▒▒. It is ▒▒▒ and then ▒▒▒. Bring bread.");
    const data = await (await carerX.get(`/carer/jobs/${jobId}.data`)).text();
    for (const body of [page, data]) expect(withoutIds(body)).not.toMatch(/\b(1838|9413|218)\b/);
    // The list's page has numbers of its own (a map's pixels): only the street's name is looked for there.
    for (const body of [page, data, await (await carerX.get("/carer/jobs")).text()])
      expect(body).not.toContain("Qingchun");
    // The family is told its notes reach carers with something hidden.
    expect(await (await familyA.get(`/family/parents/${parentId}`)).text()).toContain(
      "Carers see these notes with the address, phone numbers and codes hidden",
    );
    await postEntries(familyA, `/family/parents/${parentId}`, { intent: "cancel-request", requestId: jobId });
  });

  it("tells a carer without a base to set one, and one whose circle holds no job that there is none", async () => {
    const newcomer = await makeUser(app.db, "carer", { name: "No Base Yet" });
    const page = await (await sessionClient(app.url, app.db, newcomer.id)).get("/carer/jobs");
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Set your base location and radius in your profile to see nearby jobs.");
    expect(html).not.toContain('href="/carer/jobs/');
    // Carer Y's circle (30 km east, 20 km) reaches none of the requests near West Lake.
    const far = await (await carerY.get("/carer/jobs")).text();
    expect(far).toContain("No open requests within your radius right now.");
    expect(far).toContain("20 km radius");
  });

  it("draws the pages of a home and a base at a pole (a latitude of -90 once hung the whole server)", async () => {
    const family = await makeUser(app.db, "family", { name: "Polar Family" });
    const pole = await makeParent(app.db, family.id, { lat: -90, lng: -180 });
    const familyClient = await sessionClient(app.url, app.db, family.id);
    for (const path of [`/family/parents/${pole}`, `/family/parents/${pole}/carers`, `/family/parents/${pole}/edit`]) {
      expect((await familyClient.get(path)).status, path).toBe(200);
    }
    // No carer there: with no filter set, nothing to "try fewer" of; with one, there is.
    const empty = await (await familyClient.get(`/family/parents/${pole}/carers`)).text();
    expect(empty).toContain("No carer covers this address yet.");
    expect(empty).not.toContain("Try fewer filters");
    // What the message advises is a tap away: posting a request, and clearing the filters when set.
    const actions = (html: string) =>
      [...(/<p class="actions">([\s\S]*?)<\/p>/.exec(html)?.[1] ?? "").matchAll(/href="([^"]+)"[^>]*>([^<]+)</g)].map(
        (m) => `${m[2]} ${m[1]}`,
      );
    expect(actions(empty)).toEqual([`Post a visit request /family/parents/${pole}/requests/new`]);
    const filtered = await (await familyClient.get(`/family/parents/${pole}/carers?service=errands`)).text();
    expect(filtered).toContain("Try fewer filters");
    expect(actions(filtered)).toEqual([
      `Clear filters /family/parents/${pole}/carers`,
      `Post a visit request /family/parents/${pole}/requests/new`,
    ]);
    const carer = await makeUser(app.db, "carer", { name: "Polar Carer" });
    await makeCarerProfile(app.db, carer.id, { lat: -90, lng: -180, radiusKm: 20 });
    const carerClient = await sessionClient(app.url, app.db, carer.id);
    for (const path of ["/carer/jobs", "/carer/profile", `/carers/${carer.id}`]) {
      expect((await carerClient.get(path)).status, path).toBe(200);
    }
  });

  it("sorts nearby jobs by start time or distance", async () => {
    const parentFar = await makeParent(app.db, people.familyA.id, { name: "Second", ...eastOf(WEST_LAKE, 5) });
    const soon = await makeVisitRequest(
      app.db,
      { id: people.familyA.id, role: "family" },
      parentFar,
      { date: daysAhead(10) },
      new Date(),
    );
    const byStart = await (await carerX.get("/carer/jobs?sort=start")).text();
    const byDistance = await (await carerX.get("/carer/jobs?sort=distance")).text();
    expect(byStart.indexOf(soon)).toBeLessThan(byStart.indexOf(requestId));
    // Carer X is 2 km from parent A and 3 km from the second parent.
    expect(byDistance.indexOf(requestId)).toBeLessThan(byDistance.indexOf(soon));
  });

  it("sorts weekly jobs by when they next happen, in their parent's zone, among the one-offs", async () => {
    const family = { id: people.familyA.id, role: "family" as const };
    const london = await makeParent(app.db, people.familyA.id, { name: "In London", timeZone: "Europe/London" });
    // Posted a month before the clock the list is read at: Wednesday 2 January 2030, 09:00 in Shanghai.
    const posted = new Date("2029-12-01T00:00:00Z");
    const now = new Date("2030-01-02T01:00:00Z");
    const once = (date: string, time: string) => ({ schedule: "once" as const, date, time });
    const weekly = (weekdays: number[], time: string) => ({ schedule: "weekly" as const, weekdays, time });
    const made = {
      saturdayOnce: await makeVisitRequest(app.db, family, parentA, once("2030-01-05", "09:00"), posted),
      thursdays: await makeVisitRequest(app.db, family, parentA, weekly([4], "08:00"), posted),
      // Wednesday 08:00 has passed today: next week's.
      wednesdaysEarly: await makeVisitRequest(app.db, family, parentA, weekly([3], "08:00"), posted),
      // Wednesday 10:00 is still to come today.
      wednesdaysOrSaturdays: await makeVisitRequest(app.db, family, parentA, weekly([6, 3], "10:00"), posted),
      tuesdayOnce: await makeVisitRequest(app.db, family, parentA, once("2030-01-08", "09:00"), posted),
      // Wednesday 08:00 in London is 16:00 in Shanghai, after 10:00 there and before Thursday.
      londonWednesdays: await makeVisitRequest(app.db, family, london, weekly([3], "08:00"), posted),
    };
    // The requests leave the list whatever happens here: the later tests read it.
    try {
      const found = await nearbyJobs(app.db, people.carerX.id, "start", now);
      const ours = new Map(Object.entries(made).map(([name, id]) => [id, name]));
      expect(found!.jobs.map((j) => ours.get(j.id)).filter(Boolean)).toEqual([
        "wednesdaysOrSaturdays",
        "londonWednesdays",
        "thursdays",
        "saturdayOnce",
        "tuesdayOnce",
        "wednesdaysEarly",
      ]);
      // At 10:00 the Wednesday 10:00 has begun: that job's next start is Saturday's, after the one-off at 09:00.
      const later = await nearbyJobs(app.db, people.carerX.id, "start", new Date("2030-01-02T02:00:00Z"));
      expect(
        later!.jobs
          .map((j) => ours.get(j.id))
          .filter(Boolean)
          .slice(0, 4),
      ).toEqual(["londonWednesdays", "thursdays", "saturdayOnce", "wednesdaysOrSaturdays"]);
      // Once its start has passed, a one-off leaves the job's page and cannot be taken up in chat either.
      const afterIt = new Date("2030-01-05T01:30:00Z");
      expect(await getJobForCarer(app.db, people.carerX.id, made.saturdayOnce, now)).not.toBeNull();
      expect(await getJobForCarer(app.db, people.carerX.id, made.saturdayOnce, afterIt)).toBeNull();
      expect(await openFromRequest(app.db, people.carerX.id, made.saturdayOnce, afterIt)).toEqual({
        ok: false,
        error: "request_closed",
      });
      expect(await getJobForCarer(app.db, people.carerX.id, made.thursdays, afterIt)).not.toBeNull();
    } finally {
      for (const id of Object.values(made))
        await app.db.update(visitRequests).set({ status: "cancelled" }).where(eq(visitRequests.id, id));
    }
  });

  it("keeps a weekly start in the hour the clocks go back through twice until its second run", async () => {
    const family = { id: people.familyA.id, role: "family" as const };
    const london = await makeParent(app.db, people.familyA.id, { name: "Also in London", timeZone: "Europe/London" });
    const posted = new Date("2030-10-01T00:00:00Z");
    const made = {
      // Sunday 27 October 2030: 01:30 comes at 00:30 UTC (summer time), then again at 01:30 UTC.
      sundays: await makeVisitRequest(
        app.db,
        family,
        london,
        { schedule: "weekly", weekdays: [0], time: "01:30" },
        posted,
      ),
      sundayNoon: await makeVisitRequest(
        app.db,
        family,
        london,
        { schedule: "once", date: "2030-10-27", time: "12:00" },
        posted,
      ),
    };
    try {
      const ours = new Map(Object.entries(made).map(([name, id]) => [id, name]));
      const order = async (at: string) =>
        (await nearbyJobs(app.db, people.carerX.id, "start", new Date(at)))!.jobs
          .map((j) => ours.get(j.id))
          .filter(Boolean);
      // Between the two runs of 01:30, the second is still to come: before noon, not next week.
      expect(await order("2030-10-27T00:40:00Z")).toEqual(["sundays", "sundayNoon"]);
      expect(await order("2030-10-27T01:40:00Z")).toEqual(["sundayNoon", "sundays"]);
    } finally {
      for (const id of Object.values(made))
        await app.db.update(visitRequests).set({ status: "cancelled" }).where(eq(visitRequests.id, id));
    }
  });

  it("marks the jobs for a service the carer does not offer, and lists only theirs when asked", async () => {
    // Carer X offers companionship only; the request posted first is a clinic escort.
    const theirs = await makeVisitRequest(app.db, { id: people.familyA.id, role: "family" }, parentA);
    const card = (html: string, id: string) => {
      const start = html.indexOf(`id="result-${id}"`);
      expect(start, id).toBeGreaterThan(-1);
      return html.slice(start, html.indexOf("</li>", start));
    };
    const note = "Not one of your services";
    const all = await (await carerX.get("/carer/jobs")).text();
    expect(card(all, requestId)).toContain(note);
    expect(card(all, theirs)).not.toContain(note);
    expect(all).toContain('href="/carer/jobs?sort=distance&amp;services=mine"');

    const mine = await (await carerX.get("/carer/jobs?sort=start&services=mine")).text();
    expect(card(mine, theirs)).not.toContain(note);
    expect(mine).not.toContain(`/carer/jobs/${requestId}`);
    // The sort chips keep the filter, and the filter chips the sort.
    expect(mine).toContain('href="/carer/jobs?sort=distance&amp;services=mine"');
    expect(mine).toContain('href="/carer/jobs?sort=start&amp;services=all"');
    // A hand-edited filter is every job, not an error.
    const edited = await carerX.get("/carer/jobs?services=%3Cscript%3E");
    expect(edited.status).toBe(200);
    expect(card(await edited.text(), requestId)).toContain(note);

    expect(await (await carerX.get(`/carer/jobs/${requestId}`)).text()).toContain(note);
    expect(await (await carerX.get(`/carer/jobs/${theirs}`)).text()).not.toContain(note);

    // A carer who lists no service yet: the filter has its own empty message.
    await app.db.delete(carerServices).where(eq(carerServices.carerId, people.carerX.id));
    try {
      const none = await (await carerX.get("/carer/jobs?services=mine")).text();
      expect(none).toContain("No open requests for the services you offer within your radius right now.");
    } finally {
      await makeCarerProfile(app.db, people.carerX.id, { ...eastOf(WEST_LAKE, 2), radiusKm: 5 });
    }
    await app.db.update(visitRequests).set({ status: "closed" }).where(eq(visitRequests.id, theirs));
  });

  it("marks the jobs at a time the carer is booked, on the list and the job's page; not another carer's", async () => {
    const family = { id: people.familyA.id, role: "family" as const };
    const london = await makeParent(app.db, people.familyA.id, { name: "London Too", timeZone: "Europe/London" });
    // Carer X is booked on Wednesday 9 January 2030, 10:00–11:00 in Shanghai (02:00–03:00 UTC).
    const [booked] = await bookVisits(app, people.familyA.id, people.carerX.id, parentA);
    await moveVisit(app, booked!.id, new Date("2030-01-09T02:00:00Z"));
    const posted = new Date("2029-12-01T00:00:00Z");
    const now = new Date("2030-01-02T01:00:00Z");
    const once = (date: string, time: string) => ({ schedule: "once" as const, date, time });
    const weekly = (weekdays: number[], time: string) => ({ schedule: "weekly" as const, weekdays, time });
    // An hour each (the fixture's length).
    const made = {
      overlapping: await makeVisitRequest(app.db, family, parentA, once("2030-01-09", "10:30"), posted),
      rightAfter: await makeVisitRequest(app.db, family, parentA, once("2030-01-09", "11:00"), posted),
      nextDay: await makeVisitRequest(app.db, family, parentA, once("2030-01-10", "10:00"), posted),
      wednesdays: await makeVisitRequest(app.db, family, parentA, weekly([1, 3], "09:30"), posted),
      thursdays: await makeVisitRequest(app.db, family, parentA, weekly([4], "10:00"), posted),
      // 02:00 in London in January is 10:00 in Shanghai: the same hour, read on the London parent's clock.
      londonWednesdays: await makeVisitRequest(app.db, family, london, weekly([3], "02:00"), posted),
      // Tuesday 23:00 for twelve hours runs into Wednesday morning's visit.
      tuesdayNights: await makeVisitRequest(
        app.db,
        family,
        parentA,
        { ...weekly([2], "23:00"), durationMinutes: 720 },
        posted,
      ),
      // Tuesday 21:00 for twelve hours ends at 09:00, before it.
      tuesdayEvenings: await makeVisitRequest(
        app.db,
        family,
        parentA,
        { ...weekly([2], "21:00"), durationMinutes: 720 },
        posted,
      ),
    };
    const clashing = async (carerId: string, at: Date) => {
      const ours = new Map(Object.entries(made).map(([name, id]) => [id, name]));
      return (await nearbyJobs(app.db, carerId, "start", at))!.jobs
        .filter((j) => j.clashes)
        .map((j) => ours.get(j.id))
        .filter(Boolean)
        .sort();
    };
    let others: { id: string }[] = [];
    try {
      expect(await clashing(people.carerX.id, now)).toEqual([
        "londonWednesdays",
        "overlapping",
        "tuesdayNights",
        "wednesdays",
      ]);
      expect((await getJobForCarer(app.db, people.carerX.id, made.overlapping, now))!.clashes).toBe(true);
      expect((await getJobForCarer(app.db, people.carerX.id, made.rightAfter, now))!.clashes).toBe(false);
      // A weekly job looks four weeks ahead: five weeks before, only the one-off is marked.
      expect(await clashing(people.carerX.id, new Date("2029-12-05T00:00:00Z"))).toEqual(["overlapping"]);
      // Once the visit is over, nothing clashes with it.
      expect(await clashing(people.carerX.id, new Date("2030-01-09T03:00:00Z"))).toEqual([]);
      // Another carer within reach sees the same jobs unmarked.
      expect(await clashing(ids.near!, now)).toEqual([]);
      // On the pages, which read today's clock: the visit and two one-offs forty days from today.
      const day = daysAhead(40);
      await moveVisit(app, booked!.id, zonedTimeToUtc(day, "10:00", "Asia/Shanghai")!);
      // (Another parent at the same place: parent A's ten open requests are taken.)
      const nextDoor = await makeParent(app.db, people.familyA.id, { name: "Next Door" });
      const today = {
        overlapping: await makeVisitRequest(app.db, family, nextDoor, once(day, "10:30")),
        rightAfter: await makeVisitRequest(app.db, family, nextDoor, once(day, "11:00")),
      };
      Object.assign(made, { todayOverlapping: today.overlapping, todayRightAfter: today.rightAfter });
      // The list holds the 50 nearest jobs, ties in the order of their random ids: the file's other open
      // jobs at the same place could push these two off it. They are closed meanwhile, and reopened.
      others = await app.db
        .update(visitRequests)
        .set({ status: "cancelled" })
        .where(and(eq(visitRequests.status, "open"), notInArray(visitRequests.id, Object.values(today))))
        .returning({ id: visitRequests.id });
      const list = await (await carerX.get("/carer/jobs")).text();
      const card = (id: string) =>
        list.slice(list.indexOf(`id="result-${id}"`), list.indexOf("</li>", list.indexOf(`id="result-${id}"`)));
      expect(card(today.overlapping)).toContain("You already have a visit booked at this time");
      expect(card(today.rightAfter)).not.toContain("You already have");
      expect(await (await carerX.get(`/carer/jobs/${today.overlapping}`)).text()).toContain(
        "You already have a visit booked at this time",
      );
      // A cancelled visit books nothing.
      await app.db.update(visits).set({ status: "cancelled" }).where(eq(visits.id, booked!.id));
      expect(await (await carerX.get(`/carer/jobs/${today.overlapping}`)).text()).not.toContain("You already have");
    } finally {
      await app.db.update(visits).set({ status: "cancelled" }).where(eq(visits.id, booked!.id));
      for (const { id } of others)
        await app.db.update(visitRequests).set({ status: "open" }).where(eq(visitRequests.id, id));
      for (const id of Object.values(made))
        await app.db.update(visitRequests).set({ status: "cancelled" }).where(eq(visitRequests.id, id));
    }
  });

  it("moves open requests when the parent moves", async () => {
    const moved = eastOf(WEST_LAKE, 40);
    const edited = await postEntries(familyA, `/family/parents/${parentA}/edit`, [
      ["name", "Wang Lan"],
      ["address", "3 Shuguang Road"],
      ["lat", String(moved.lat)],
      ["lng", String(moved.lng)],
      ["timeZone", "Asia/Shanghai"],
    ]);
    expect(edited.status).toBe(302);
    const [row] = await app.db.select().from(visitRequests).where(eq(visitRequests.id, requestId));
    expect(row!.lng).toBeCloseTo(moved.lng, 6);
    expect((await carerX.get(`/carer/jobs/${requestId}`)).status).toBe(404);
  });
});

describe("query plans", () => {
  it("use the search B-tree and the GiST index on both drivers (sequential scans disabled, as a big table would)", async () => {
    const { sql } = await import("drizzle-orm");
    const { queryRows } = await import("~/db.server");
    const { carerSearchSql } = await import("~/search/search.server");
    const { carerNearbyJobsSql, nearbyJobsSql } = await import("~/visit-requests/visit-requests.server");
    const plans = await app.db.transaction(async (tx) => {
      await tx.execute(sql`set local enable_seqscan = off`);
      const plan = async (q: ReturnType<typeof sql>) =>
        (await queryRows<Record<string, string>>(tx as never, sql`explain ${q}`))
          .map((r) => Object.values(r)[0])
          .join("\n");
      return {
        search: await plan(
          carerSearchSql(
            { ...WEST_LAKE, timeZone: "Asia/Shanghai", languages: ["mandarin"] },
            SearchSchema.parse({ service: "companionship" }),
          ),
        ),
        jobs: await plan(nearbyJobsSql({ ...WEST_LAKE, radiusM: 5000 }, "distance", 50, new Date())),
        // The page's statement: the box comes from the carer's row, a parameterised scan of the same index.
        carerJobs: await plan(carerNearbyJobsSql(people.carerX.id, "start", 50, new Date())),
      };
    });
    expect(plans.search).toMatch(
      /Index Only Scan using carers_search_idx|Index Scan using carers_search_idx|Bitmap Index Scan on carers_search_idx/,
    );
    expect(plans.search).not.toMatch(/Seq Scan on carers/);
    expect(plans.jobs).toMatch(/visit_requests_open_location_idx/);
    expect(plans.carerJobs).toMatch(/visit_requests_open_location_idx/);
    expect(plans.carerJobs).not.toMatch(/Seq Scan on visit_requests/);
  });
});
