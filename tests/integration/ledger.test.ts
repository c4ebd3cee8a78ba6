// The visiting-time ledger over HTTP: a month's verified visits and minutes against the goal, the
// family's own visits and calls logged by hand (once per submission, never in the future), the
// 12-month chart, the printable EVV record; another family can neither read nor edit it.
import { formatTimeZone } from "~/i18n/formatters";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { familyContacts, users } from "~db/schema";
import { addMonths, monthOf, monthRange } from "~/ledger/ledger";
import { makeCarerProfile, makeParent, postEntries } from "../support/geo-fixtures";
import { shownHtml } from "../support/html";
import type { HttpClient } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { bookVisits, checkIn, checkInAndOut, moveVisit } from "../support/visit-fixtures";

const ZONE = "Asia/Shanghai";
const HOUR = 3_600_000;
let app: TestApp;
let people: TestApp["personas"];
let familyA: HttpClient;
let familyB: HttpClient;
let parentA: string;
let parentB: string;
const month = addMonths(monthOf(ZONE, new Date()), -1);
const earlier = addMonths(month, -3);
/** A day of a month, 10:00 in Shanghai. */
const dayOf = (m: string, day: number) =>
  new Date(monthRange(m, ZONE).from.getTime() + (day - 1) * 24 * HOUR + 10 * HOUR);

beforeAll(async () => {
  app = await startAppWithPersonas();
  people = app.personas;
  familyA = people.familyA.client;
  familyB = people.familyB.client;
  await makeCarerProfile(app.db, people.carerX.id);
  parentA = await makeParent(app.db, people.familyA.id, {
    name: "Sun Li",
    address: "3 Baidi Road",
    visitGoalVisits: 4,
    visitGoalMinutes: 240,
  });
  parentB = await makeParent(app.db, people.familyB.id, { name: "Other Parent" });
  // Four visits last month: at home (60 min), away with a reason (90 min), away without one, and a
  // poor fix; one visit three months before.
  const taps = [
    { start: dayOf(month, 3), minutes: 60, distanceM: 35, accuracyM: 10, reason: null },
    {
      start: dayOf(month, 10),
      minutes: 90,
      distanceM: 2400,
      accuracyM: 20,
      reason: "Escorting to the clinic",
      // Left from elsewhere too, with a reason from the list.
      out: { distanceM: 1700, accuracyM: 25, reason: "errand" },
    },
    { start: dayOf(month, 17), minutes: 45, distanceM: 1800, accuracyM: 15, reason: null },
    { start: dayOf(month, 24), minutes: 50, distanceM: 100, accuracyM: 5000, reason: null },
    { start: dayOf(earlier, 5), minutes: 30, distanceM: 20, accuracyM: 8, reason: null },
  ];
  for (const tap of taps) {
    const [v] = await bookVisits(app, people.familyA.id, people.carerX.id, parentA);
    // Checked in and out before being moved into the past, so no scan finds it unstarted.
    await checkInAndOut(
      app,
      v!.id,
      { at: tap.start, distanceM: tap.distanceM, accuracyM: tap.accuracyM, reason: tap.reason },
      { at: new Date(tap.start.getTime() + tap.minutes * 60_000), ...("out" in tap ? tap.out : {}) },
    );
    await moveVisit(app, v!.id, tap.start);
  }
});
afterAll(() => app?.close());

const ledgerUrl = (parentId = parentA, m = month) => `/family/parents/${parentId}/ledger?month=${m}`;
const submissionKey = async () =>
  /name="submissionKey" value="([0-9a-f-]+)"/.exec(await (await familyA.get(ledgerUrl())).text())![1]!;
/** Family A logs a visit or call on parent A's ledger, with a fresh submission key. */
const logContact = async (kind: "visit" | "call", date: string, minutes: string) =>
  postEntries(familyA, ledgerUrl(), {
    intent: "add-contact",
    submissionKey: await submissionKey(),
    kind,
    date,
    minutes,
  });

describe("the ledger month", () => {
  it("counts verified visits and minutes against the goal and prints each visit's EVV data", async () => {
    const page = await (await familyA.get(ledgerUrl())).text();
    expect(page).toContain("Visiting time with Sun Li");
    // Verified: the visit at home and the one away with a reason, 60 + 90 minutes.
    expect(page).toMatch(/Verified visits<\/dt><dd>2<\/dd>/);
    expect(page).toMatch(/Verified minutes<\/dt><dd>150<\/dd>/);
    expect(page).toContain("50% of the visits goal");
    expect(page).toContain("62% of the minutes goal");
    // Each says why it is not counted: the page, and the visit's row.
    expect(page).toContain(
      "2 more visits are not counted: 1 checked in away from home without a reason and 1 checked in with a poor GPS fix and no reason given.",
    );
    expect(page).toContain("No (checked in away from home without a reason)");
    expect(page).toContain("No (checked in with a poor GPS fix and no reason given)");
    // The record: every checked-in visit of the month, with the person, the place and the fixes.
    expect(page).toContain("Person receiving: Sun Li");
    expect(page).toContain("Home: 3 Baidi Road");
    expect(page).toContain("Check-in: Escorting to the clinic");
    expect(page).toContain("2.4 km, ±20 m");
    expect(page).toContain("100 m, ±5.0 km");
    // Both ends: the check-out's place and its reason, in the reader's words.
    expect(page).toContain("1.7 km, ±25 m");
    expect(page).toContain("Check-out: Out on an errand together");
    expect(page).not.toContain(">errand<");
    expect(page.match(/<tr>/g)).toHaveLength(1 + 4);
    // Its times are the parent's, and it says which zone that is; on a phone it scrolls sideways, and
    // says so.
    expect(page).toContain(`Times are in ${formatTimeZone("en", ZONE)}.`);
    expect(page).toContain("swipe it sideways");
    // The chart: twelve months, this one and the one three months before with their minutes.
    expect(page.match(/<title>/g)!.length).toBeGreaterThanOrEqual(12);
    expect(page).toContain("150 verified minutes");
    expect(page).toContain("30 verified minutes");
  });

  it("says a visit under way is under way, not 'not counted'", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Under Way" });
    const [v] = await bookVisits(app, people.familyA.id, people.carerX.id, parentId);
    // Booked and checked in at the same moment, and the ledger read for that moment's month (any hour,
    // any date: a month's last minutes included).
    const at = new Date(Date.now() - 5 * 60_000);
    await checkIn(app, v!.id, at, { startsAt: at });
    const page = shownHtml(await (await familyA.get(ledgerUrl(parentId, monthOf(ZONE, at)))).text());
    expect(page).toContain("1 visit is under way: it counts once the carer checks out.");
    expect(page).not.toContain("not counted");
    expect(page).toMatch(/<td>Under way<\/td>/);
  });

  it("logs the family's own visits and calls once per submission, and refuses the future", async () => {
    const key = await submissionKey();
    const form = {
      intent: "add-contact",
      submissionKey: key,
      kind: "visit",
      date: `${month}-12`,
      minutes: "120",
      note: "Dumplings together",
    };
    const first = await postEntries(familyA, ledgerUrl(), form);
    expect(first.status).toBe(302);
    expect(first.headers.get("location")).toBe(ledgerUrl());
    expect((await postEntries(familyA, ledgerUrl(), form)).status).toBe(302); // a double submit
    await logContact("call", `${month}-13`, "15");
    const rows = await app.db.select().from(familyContacts).where(eq(familyContacts.parentId, parentA));
    expect(rows.map((r) => [r.kind, r.minutes]).sort()).toEqual([
      ["call", 15],
      ["visit", 120],
    ]);
    const page = await (await familyA.get(ledgerUrl())).text();
    expect(page).toContain("Visits: 1 (120 min) · Calls: 1 (15 min)");
    expect(page).toContain("Dumplings together");
    // Verified figures are the carers' visits only: the family's own do not change them.
    expect(page).toMatch(/Verified minutes<\/dt><dd>150<\/dd>/);
    const future = await logContact("visit", "2099-01-01", "60");
    expect(future.status).toBe(400);
    expect(await future.text()).toContain("The date cannot be in the future.");
    const tooLong = await logContact("call", `${month}-13`, "5000");
    expect(tooLong.status).toBe(400);
    // 1999 was answered "logged" and filed in a month nobody looks at.
    const old = await logContact("visit", "1999-01-12", "25");
    expect(old.status).toBe(400);
    expect(await old.text()).toContain("Choose a date within the last 12 months");
    expect(await app.db.select().from(familyContacts).where(eq(familyContacts.parentId, parentA))).toHaveLength(2);
    // The oldest day the form offers is the chart's first month.
    expect(await (await familyA.get(ledgerUrl())).text()).toContain(
      `min="${addMonths(monthOf(ZONE, new Date()), -11)}-01"`,
    );
    // Durations in the reader's language.
    // The account's language decides (a signed-in reader's cookie does not).
    const speaks = (locale: "en" | "zh-CN") =>
      app.db.update(users).set({ locale }).where(eq(users.id, people.familyA.id));
    await speaks("zh-CN");
    const zh = await (await familyA.get(ledgerUrl())).text();
    await speaks("en");
    expect(zh).toContain("120 分钟");
    expect(zh).not.toMatch(/\d+ min\b/);
  });

  it("states a goal with only the parts that are set, on the ledger and on the parent's page", async () => {
    expect(await (await familyA.get(ledgerUrl())).text()).toContain("Goal: 4 visits and 240 minutes a month");
    const visitsOnly = await makeParent(app.db, people.familyA.id, { name: "Goal Visits", visitGoalVisits: 3 });
    const ledger = shownHtml(await (await familyA.get(ledgerUrl(visitsOnly))).text());
    expect(ledger).toContain("Goal: 3 visits a month");
    expect(ledger).not.toContain("0 minutes");
    const details = shownHtml(await (await familyA.get(`/family/parents/${visitsOnly}`)).text());
    expect(details).toContain("3 visits a month");
    expect(details).not.toContain("0 minutes");
  });

  it("shows the current month for an empty or malformed ?month=, as for none (a navigation parameter)", async () => {
    const current = await familyA.get(`/family/parents/${parentA}/ledger`);
    // The month pager: the month shown and its neighbours' links.
    const pager = (html: string) => /<nav class="pager no-print"[\s\S]*?<\/nav>/.exec(html)?.[0];
    const expected = pager(await current.text());
    expect(expected).toContain(`?month=${month}"`); // the current month's previous one
    for (const bad of ["", "2026-13", "2026-1", "1999-01", "abc"]) {
      const res = await familyA.get(`/family/parents/${parentA}/ledger?month=${bad}`);
      expect(res.status, bad).toBe(200);
      expect(pager(await res.text()), bad).toBe(expected);
    }
  });
});

describe("removing an entry", () => {
  it("removes it once for a double tap of the page's form; an entry gone or never there is not found", async () => {
    const key = crypto.randomUUID();
    const logged = await postEntries(familyA, ledgerUrl(), {
      intent: "add-contact",
      submissionKey: key,
      kind: "call",
      date: `${month}-05`,
      minutes: "15",
      note: "to be removed",
    });
    expect(logged.status).toBe(302);
    const [entry] = await app.db.select().from(familyContacts).where(eq(familyContacts.note, "to be removed"));
    // The remove buttons carry the page's key, as the log form does: a post of its own by its fields.
    const doubled = await Promise.all(
      [1, 2].map(() =>
        postEntries(familyA, ledgerUrl(), { intent: "remove-contact", contactId: entry!.id, submissionKey: key }),
      ),
    );
    expect(doubled.map((r) => r.status)).toEqual([302, 302]);
    expect(doubled[1]!.headers.get("location")).toBe(doubled[0]!.headers.get("location"));
    expect(await app.db.select().from(familyContacts).where(eq(familyContacts.id, entry!.id))).toHaveLength(0);
    const gone = await postEntries(familyA, ledgerUrl(), { intent: "remove-contact", contactId: entry!.id });
    expect(gone.status).toBe(404);
    expect(await gone.text()).toContain("That entry is not there any more");
    expect(
      (await postEntries(familyA, ledgerUrl(), { intent: "remove-contact", contactId: crypto.randomUUID() })).status,
    ).toBe(404);
  });
});

describe("another family's ledger", () => {
  it("is a 404 to read and to edit, and their own page cannot remove our entries", async () => {
    expect((await familyB.get(ledgerUrl())).status).toBe(404);
    expect((await familyB.get(`/family/parents/${parentA}/ledger.data?month=${month}`)).status).toBe(404);
    const forged = await postEntries(familyB, ledgerUrl(), {
      intent: "add-contact",
      submissionKey: crypto.randomUUID(),
      kind: "visit",
      date: `${month}-02`,
      minutes: "30",
    });
    expect(forged.status).toBe(404);
    const [ours] = await app.db.select().from(familyContacts).where(eq(familyContacts.parentId, parentA));
    expect((await postEntries(familyB, ledgerUrl(), { intent: "remove-contact", contactId: ours!.id })).status).toBe(
      404,
    );
    // Through their own parent's page, the id of ours matches nothing: not found (it said "removed").
    const sideways = await postEntries(familyB, ledgerUrl(parentB), { intent: "remove-contact", contactId: ours!.id });
    expect(sideways.status).toBe(404);
    expect(await app.db.select().from(familyContacts).where(eq(familyContacts.id, ours!.id))).toHaveLength(1);
    expect(await app.db.select().from(familyContacts).where(eq(familyContacts.parentId, parentA))).toHaveLength(2);
  });
});
