// Visits, part A, over HTTP: the carer's day, "On my way", check-in and check-out with their
// refusals (another carer, too early, after a cancellation, out before in, a 5 km fix, coordinates out
// of range, a device time in the future), the idempotency key, the position shared on the way and who
// may see it, the tracking page and its stream, the visit log with its photo and corrections.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { and, eq, inArray } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  smsMessages,
  parentMembers,
  visitActions,
  visitCorrections,
  visitEvents,
  visitLogs,
  visitPositions,
  visits,
  users,
} from "~db/schema";
import { fire, lockVisit } from "~/visits/transitions.server";
import { formatMoney } from "~/visit-requests/format";
import { dateIn } from "~/geo/time-zone";
import { giveVerifiedPhone, TEST_PASSWORD } from "../support/fixtures";
import { routeData, shownHtml } from "../support/html";
import { bookThroughChat, daysAhead } from "../support/chat-fixtures";
import { eastOf, makeCarerProfile, makeParent, postEntries, WEST_LAKE } from "../support/geo-fixtures";
import { HttpClient } from "../support/http-client";
import { readToEnd } from "../support/event-stream";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { checkIn, checkInAndOut, moveVisit } from "../support/visit-fixtures";

let app: TestApp;
let people: TestApp["personas"];
let familyA: HttpClient;
let familyB: HttpClient;
let carerX: HttpClient;
let carerY: HttpClient;
let parentA: string;
const uploads = fs.mkdtempSync(path.join(os.tmpdir(), "kv-visit-uploads-"));
const HOME = WEST_LAKE;

beforeAll(async () => {
  app = await startAppWithPersonas({ UPLOAD_DIR: uploads });
  people = app.personas;
  parentA = await makeParent(app.db, people.familyA.id, {
    name: "Zhou Mei",
    lat: HOME.lat,
    lng: HOME.lng,
    address: "7 Hefang Street",
  });
  await makeParent(app.db, people.familyB.id, { name: "Qian Lan" });
  await makeCarerProfile(app.db, people.carerX.id, { radiusKm: 8 });
  await makeCarerProfile(app.db, people.carerY.id, { radiusKm: 8 });
  await giveVerifiedPhone(app.db, people.familyA.id, "+8613800000011");
  familyA = people.familyA.client;
  familyB = people.familyB.client;
  carerX = people.carerX.client;
  carerY = people.carerY.client;
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(uploads, { recursive: true, force: true });
});

let booked = 0;
/**
 * A visit of family A's parent with carer X, booked through the chat, then moved to start
 * `startsInMinutes` from now (90 minutes long), so that check-in is open.
 */
async function bookVisit(
  startsInMinutes: number | null = 30,
  { tasks, parentId = parentA }: { tasks?: string; parentId?: string } = {},
): Promise<string> {
  booked += 1;
  const { visitId } = await bookThroughChat(app, people.familyA.id, people.carerX.id, parentId, {
    date: daysAhead(2 + booked),
    tasks,
  });
  if (startsInMinutes !== null) {
    let start = new Date(Date.now() + startsInMinutes * 60_000);
    // A day or more away, it may land on a later booking's day: its 90 minutes must not overlap that
    // offer's 10:00–11:30 in Shanghai (02:00–03:30 UTC), or the carer is warned of a clash and the
    // booking fails, at some hours of the day only (seen at 00:36 UTC).
    const minuteOfDay = start.getUTCHours() * 60 + start.getUTCMinutes();
    if (Math.abs(startsInMinutes) >= 24 * 60 && minuteOfDay > 30 && minuteOfDay < 210) {
      start = new Date(start.getTime() + 4 * 3600_000);
    }
    await app.db
      .update(visits)
      .set({ startsAt: start, endsAt: new Date(start.getTime() + 90 * 60_000) })
      .where(eq(visits.id, visitId));
  }
  return visitId;
}

/** A point `m` metres north of the home. */
const north = (m: number) => ({ lat: HOME.lat + m / 111_195, lng: HOME.lng });

function tap(
  client: HttpClient,
  visitId: string,
  intent: "start_travel" | "check_in" | "check_out",
  fields: Record<string, string | number> = {},
) {
  const at = north(30);
  const form: Record<string, string> = {
    intent,
    key: crypto.randomUUID(),
    lat: String(at.lat),
    lng: String(at.lng),
    accuracy: "12",
    deviceTime: String(Date.now() - 2000),
  };
  for (const [k, v] of Object.entries(fields)) form[k] = String(v);
  for (const k of Object.keys(form)) if (form[k] === "") delete form[k];
  return postEntries(client, `/visits/${visitId}`, form);
}

const visitRow = async (id: string) => (await app.db.select().from(visits).where(eq(visits.id, id)))[0]!;
const eventsOf = (id: string) => app.db.select().from(visitEvents).where(eq(visitEvents.visitId, id));
const page = async (client: HttpClient, url: string) => (await client.get(url)).text();

async function readUntil(res: Response, until: (text: string) => boolean) {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let text = "";
  const deadline = Date.now() + 10_000;
  while (!until(text) && Date.now() < deadline) {
    const { value, done } = await reader.read();
    if (done) break;
    text += decoder.decode(value);
  }
  await reader.cancel();
  return text;
}
const stream = (client: HttpClient, visitId: string, after = 0) =>
  client.request(`/visits/${visitId}/stream?after=${after}`, { headers: { Accept: "text/event-stream" } });

describe("the carer's day", () => {
  it("lists today's visit and the ones ahead, for the carer only", async () => {
    const today = await bookVisit(30);
    const later = await bookVisit(null);
    const html = await page(carerX, "/carer/visits");
    expect(html).toContain(`/visits/${today}`);
    expect(html).toContain(`/visits/${later}`);
    expect(html.indexOf(`/visits/${today}`)).toBeLessThan(html.indexOf(`/visits/${later}`));
    // The parent's clock: named for a carer whose own zone is another, on the day's list and the home page (a review).
    expect(html.replaceAll("<!-- -->", "")).not.toContain("(China Standard Time)");
    await app.db.update(users).set({ timeZone: "Europe/London" }).where(eq(users.id, people.carerX.id));
    try {
      for (const url of ["/carer/visits", "/carer"]) {
        expect((await page(carerX, url)).replaceAll("<!-- -->", ""), url).toMatch(/\d\d:\d\d \(China Standard Time\)/);
      }
    } finally {
      await app.db.update(users).set({ timeZone: "Asia/Shanghai" }).where(eq(users.id, people.carerX.id));
    }
    // A visit in another year says its year (next March's read as this year's: an outside probe).
    const nextYear = await bookVisit(400 * 24 * 60);
    const startsAt = (await visitRow(nextYear)).startsAt;
    const year = dateIn("Asia/Shanghai", startsAt).slice(0, 4);
    const listedLater = await page(carerX, "/carer/visits");
    const row = listedLater.slice(listedLater.indexOf(`/visits/${nextYear}`));
    expect(row.slice(0, 400).replaceAll("<!-- -->", "")).toContain(year);
    // Carer Y has nothing ahead: the page leads to the nearby jobs; carer X's, with visits ahead, does not.
    const empty = await page(carerY, "/carer/visits");
    expect(empty).not.toContain(`/visits/${today}`);
    expect(empty).toMatch(/<a[^>]*href="\/carer\/jobs"[^>]*>Find jobs near you<\/a>/);
    expect(html).not.toContain("Find jobs near you");
    expect((await familyA.get("/carer/visits")).status).toBe(403);
    // The last 30 days' are listed below, newest first, to reach their records and logs; older ones
    // and other carers' are not.
    const lastWeek = await bookVisit(-7 * 24 * 60);
    const twoWeeks = await bookVisit(-14 * 24 * 60);
    const longAgo = await bookVisit(-40 * 24 * 60);
    const listed = await page(carerX, "/carer/visits");
    const recent = listed.slice(listed.indexOf('id="recent-title"'));
    expect(recent).toContain(`/visits/${lastWeek}`);
    expect(recent.indexOf(`/visits/${lastWeek}`)).toBeLessThan(recent.indexOf(`/visits/${twoWeeks}`));
    expect(listed).not.toContain(`/visits/${longAgo}`);
    expect(recent).not.toContain(`/visits/${today}`);
    expect(await page(carerY, "/carer/visits")).not.toContain(`/visits/${lastWeek}`);
    // Each visit says its agreed price, and the last 30 days' visits done say what they came to
    // (not the one 40 days ago, nor one not done).
    await app.db
      .update(visits)
      .set({ status: "completed" })
      .where(inArray(visits.id, [lastWeek, longAgo]));
    await app.db.update(visits).set({ status: "confirmed" }).where(eq(visits.id, twoWeeks));
    const prices = await app.db
      .select({ priceCents: visits.priceCents })
      .from(visits)
      .where(inArray(visits.id, [lastWeek, twoWeeks]));
    const total = prices.reduce((sum, v) => sum + v.priceCents, 0);
    const withTotal = await page(carerX, "/carer/visits");
    expect(withTotal).toContain(
      `Done in the last 30 days: 2 visits, ${formatMoney(total, "en")} at the agreed prices.`,
    );
    expect(withTotal.replaceAll("<!-- -->", "")).toContain(
      `Companionship visit · ${formatMoney(prices[0]!.priceCents, "en")}`,
    );
    expect(await page(carerY, "/carer/visits")).not.toContain("Done in the last 30 days");
    // Booked past the next two weeks (a series booked four weeks ahead): under "Later", soonest first;
    // a cancelled one is not.
    const inThreeWeeks = await bookVisit(21 * 24 * 60);
    const inFiveWeeks = await bookVisit(35 * 24 * 60);
    const cancelledLater = await bookVisit(28 * 24 * 60);
    await app.db
      .update(visits)
      .set({ status: "cancelled", cancelledAt: new Date() })
      .where(eq(visits.id, cancelledLater));
    const withLater = await page(carerX, "/carer/visits");
    const laterPart = withLater.slice(withLater.indexOf('id="later-title"'), withLater.indexOf('id="recent-title"'));
    expect(laterPart).toContain("Later");
    expect(laterPart.indexOf(`/visits/${inThreeWeeks}`)).toBeGreaterThan(-1);
    expect(laterPart.indexOf(`/visits/${inThreeWeeks}`)).toBeLessThan(laterPart.indexOf(`/visits/${inFiveWeeks}`));
    expect(withLater).not.toContain(`/visits/${cancelledLater}`);
    expect(await page(carerY, "/carer/visits")).not.toContain(`/visits/${inThreeWeeks}`);
    // The visit page offers the carer the big buttons; the family gets none.
    const carerPage = await page(carerX, `/visits/${today}`);
    expect(carerPage).toContain('value="start_travel"');
    // Without JavaScript nothing sends a position, and the page says so there (a new-user walk).
    expect(carerPage).toMatch(/<noscript><p class="muted">JavaScript is off, so no location is sent/);
    // The way in (address, directions, door code) comes before the timeline and the record.
    expect(carerPage.indexOf('id="home-title"')).toBeGreaterThan(0);
    expect(carerPage.indexOf('id="home-title"')).toBeLessThan(carerPage.indexOf('id="timeline-title"'));
    expect(carerPage).toContain('value="check_in"');
    expect(await page(familyA, `/visits/${today}`)).not.toContain('value="check_in"');
  });
});

describe("a visit done before its booked start", () => {
  it("is listed among the carer's recent visits, not in no section until that start comes (a new-user walk)", async () => {
    // 30 hours ahead: another day than today in any zone, so not under "Today".
    const early = await bookVisit(30 * 60);
    await app.db
      .update(visits)
      .set({ status: "completed", checkedInAt: new Date(), checkedOutAt: new Date() })
      .where(eq(visits.id, early));
    const listed = await page(carerX, "/carer/visits");
    expect(listed.slice(listed.indexOf('id="recent-title"'))).toContain(`/visits/${early}`);
    await app.db.update(visits).set({ status: "cancelled", cancelledAt: new Date() }).where(eq(visits.id, early));
  });
});

describe("the carer's buttons before setting off opens", () => {
  it("are not shown more than two hours ahead, only when they open; two hours ahead they are", async () => {
    const ahead = await page(carerX, `/visits/${await bookVisit(3 * 24 * 60)}`);
    expect(ahead).toContain("You can set off or check in from");
    // With the parent's zone named: the line stands apart from the visit's own times (an outside probe
    // read New York's 21:30 as Shanghai's). And so does the last time the address is seen.
    expect(ahead.replaceAll("<!-- -->", "")).toMatch(/check in from [^<]+ \(China Standard Time\)\./);
    expect(ahead.replaceAll("<!-- -->", "")).toMatch(/at the latest until [^<]+ \(China Standard Time\)\./);
    expect(ahead).not.toContain('value="check_in"');
    expect(ahead).not.toContain('value="start_travel"');
    const soon = await page(carerX, `/visits/${await bookVisit(115)}`);
    expect(soon).toContain('value="start_travel"');
    expect(soon).toContain('value="check_in"');
    // With the buttons there, "from 09:30" is not said: it read as not yet.
    expect(soon).not.toContain("You can set off or check in from");
  });
});

describe("check-in and check-out", () => {
  it("stores the EVV elements with the server's time, texts the family, and checks out with the duration", async () => {
    const id = await bookVisit(30);
    const before = Date.now();
    const res = await tap(carerX, id, "check_in", { deviceTime: Date.now() - 60 * 60_000 });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/visits/${id}`);
    const v = await visitRow(id);
    expect(v.status).toBe("in_progress");
    // The server's clock, not the (hour-old) device time.
    expect(v.checkedInAt!.getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(v.checkInLat).toBeCloseTo(north(30).lat, 6);
    expect(v.checkInAccuracyM).toBe(12);
    expect(v.checkInDistanceM).toBe(30);
    expect(v.checkInReason).toBeNull();
    expect(v.gpsFlagged).toBe(false);
    const texts = await app.db.select().from(smsMessages).where(eq(smsMessages.kind, "carer_arrived"));
    expect(texts.map((t) => t.userId)).toContain(people.familyA.id);

    // Minutes in, a check-out needs the carer to say the visit ends early: a second tap on the spot
    // where "Check in" was ended visits for good. The message sits beside the box; nothing changes.
    const slip = await tap(carerX, id, "check_out", { lat: north(60).lat, lng: north(60).lng, accuracy: 8 });
    expect(slip.status).toBe(409);
    const slipPage = await slip.text();
    expect(slipPage).toContain("The visit is booked for longer.");
    expect(slipPage).toMatch(/name="endEarly"[^>]*>[\s\S]{0,400}The visit ends early: it was booked until \d\d:\d\d/);
    expect((await visitRow(id)).status).toBe("in_progress");
    // Ticked, with no position and no reason (no JavaScript): refused for the reason, and the page that
    // comes back keeps the tick, or the next tap was refused for want of it (a new-user walk).
    const noReason = await tap(carerX, id, "check_out", {
      lat: "",
      lng: "",
      accuracy: "",
      deviceTime: "",
      endEarly: "on",
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toMatch(/<input type="checkbox"[^>]*name="endEarly"[^>]*checked=""/);
    expect((await visitRow(id)).status).toBe("in_progress");
    const out = await tap(carerX, id, "check_out", {
      lat: north(60).lat,
      lng: north(60).lng,
      accuracy: 8,
      endEarly: "on",
    });
    expect(out.status).toBe(302);
    // No log yet: the toast asks for it.
    expect(await page(carerX, out.headers.get("location")!)).toContain("Please finish the visit log.");
    const done = await visitRow(id);
    expect(done.status).toBe("completed");
    expect(done.checkOutDistanceM).toBe(60);
    const family = await page(familyA, `/visits/${id}`);
    expect(family).toMatch(/Arrived · 30 m from home/);
    // Checked out at once: the family is told the visit was shorter than booked.
    expect(family).toMatch(/Left · 0 min · \d+ min shorter than booked · 60 m from home/);
    expect(family).toContain("Visit record");
    expect(family).toContain("7 Hefang Street");
    // …and the record names it among the exceptions (it said "None" for a visit of 0 minutes).
    expect(family).not.toContain("Exceptions</dt><dd>None</dd>");
    expect(family).toMatch(
      /Exceptions<\/dt><dd class="record-flag"><ul class="record-place"><li>\d+ min shorter than booked<\/li>/,
    );
    // The carer reads the same distances while they may see the home.
    expect(await page(carerX, `/visits/${id}`)).toMatch(/Arrived · 30 m from home/);
  });

  it("keeps the distances from the home from the carer once their access to it has ended", async () => {
    // A parent of their own: access runs over all of a carer's visits to one parent.
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Kong Yu", address: "9 Quiet Row" });
    const { visitId } = await bookThroughChat(app, people.familyA.id, people.carerX.id, parentId, {
      date: daysAhead(2),
    });
    const start = new Date(Date.now() - 27 * 3_600_000);
    await moveVisit(app, visitId, start);
    // They set off with a fix: the ETA was worked out from the exact home.
    await app.db.insert(visitEvents).values({
      visitId,
      actorId: people.carerX.id,
      fromStatus: "scheduled",
      toStatus: "on_the_way",
      data: { transition: "start_travel", etaMinutes: 9, shared: true },
      at: new Date(start.getTime() - 600_000),
    });
    await checkInAndOut(
      app,
      visitId,
      { at: start, distanceM: 42 },
      { at: new Date(start.getTime() + 3_600_000), distanceM: 57 },
    );
    const carer = await page(carerX, `/visits/${visitId}`);
    expect(carer).toContain("Visit record");
    expect(carer).not.toContain("9 Quiet Row");
    expect(carer).not.toMatch(/42 m|57 m/);
    expect(carer).toContain("On the way");
    expect(carer).not.toContain("min away");
    // Nor in the data (an outside probe read the ETA there, and the check-in's distance in the data of
    // the dispute page).
    const data = routeData(await page(carerX, `/visits/${visitId}.data`));
    const { tracking } = (
      data["routes/visits.$visitId"] as { data: { tracking: { timeline: Record<string, unknown>[] } } }
    ).data;
    expect(tracking.timeline.find((e) => e.kind === "on_the_way")).toMatchObject({ etaMinutes: null });
    expect(JSON.stringify(tracking)).not.toMatch(/"distanceM":\d/);
    const dispute = await page(carerX, `/visits/${visitId}/dispute.data`);
    expect(JSON.stringify(routeData(dispute))).toContain('"status":"completed"');
    expect(dispute).not.toContain("DistanceM");
    // Said to be left out, not missing: the location and both distances.
    expect(carer).toContain("Location</dt><dd>Shown to the family only</dd>");
    expect(carer.replace(/<!-- -->/g, "").match(/Distance from home: Shown to the family only/g)).toHaveLength(2);
    expect(shownHtml(carer)).not.toContain("Not recorded");
    // The family keeps them.
    const family = await page(familyA, `/visits/${visitId}`);
    expect(family).toMatch(/Arrived · 42 m from home/);
    expect(family).toMatch(/57 m from home/);
  });

  it("records a double tap once, and answers the repeat the same way", async () => {
    const id = await bookVisit(30);
    const key = crypto.randomUUID();
    const answers = await Promise.all([tap(carerX, id, "check_in", { key }), tap(carerX, id, "check_in", { key })]);
    expect(answers.map((a) => a.status)).toEqual([302, 302]);
    expect(answers[0]!.headers.get("location")).toBe(answers[1]!.headers.get("location"));
    const again = await tap(carerX, id, "check_in", { key });
    expect(again.status).toBe(302);
    expect((await eventsOf(id)).filter((e) => e.toStatus === "in_progress")).toHaveLength(1);
    expect(await app.db.select().from(visitActions).where(eq(visitActions.visitId, id))).toHaveLength(1);
    // A new tap (a new key) on a visit already checked in is refused, not recorded.
    expect((await tap(carerX, id, "check_in")).status).toBe(409);
    // A key used for one visit cannot be spent on another.
    const other = await bookVisit(30);
    expect((await tap(carerX, other, "check_in", { key })).status).toBe(409);
    expect((await visitRow(other)).status).toBe("scheduled");
  });

  it("answers 404 to a carer who is not assigned, and 403 to the visit's family", async () => {
    const id = await bookVisit(30);
    expect((await tap(carerY, id, "check_in")).status).toBe(404);
    expect((await tap(familyB, id, "check_in")).status).toBe(404);
    const family = await tap(familyA, id, "check_in");
    expect(family.status).toBe(403);
    expect((await visitRow(id)).status).toBe("scheduled");
    expect(await eventsOf(id)).toHaveLength(1); // booked only
  });

  it("refuses a check-in more than two hours early, and after a cancellation", async () => {
    const early = await bookVisit(150);
    const res = await tap(carerX, early, "check_in");
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("It is too early");
    expect((await tap(carerX, early, "start_travel")).status).toBe(409);
    const cancelled = await bookVisit(30);
    await app.db
      .update(visits)
      .set({ status: "cancelled", cancelledAt: new Date(), cancelledBy: people.familyA.id })
      .where(eq(visits.id, cancelled));
    const after = await tap(carerX, cancelled, "check_in");
    expect(after.status).toBe(409);
    expect(await after.text()).toContain("This visit was cancelled.");
    expect((await visitRow(cancelled)).checkedInAt).toBeNull();
  });

  it("refuses a check-out before the check-in", async () => {
    const id = await bookVisit(30);
    const res = await tap(carerX, id, "check_out");
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Check in before you check out.");
    expect((await visitRow(id)).checkedOutAt).toBeNull();
  });

  it("accepts a 5 km accuracy but flags it, and the family sees the flag", async () => {
    const id = await bookVisit(30);
    // The accuracy widens the fence by 1 km at most: 2 km away, such a fix needs a reason.
    expect((await tap(carerX, id, "check_in", { ...north(2000), accuracy: 5000 })).status).toBe(400);
    const res = await tap(carerX, id, "check_in", { ...north(800), accuracy: 5000 });
    expect(res.status).toBe(302);
    const v = await visitRow(id);
    expect(v.status).toBe("in_progress");
    expect(v.gpsFlagged).toBe(true);
    expect(v.checkInAccuracyM).toBe(5000);
    const family = await page(familyA, `/visits/${id}`);
    expect(family).toContain("imprecise location (±5.0 km)");
    expect(family).toContain("Start (check-in): imprecise position (worse than ±1 km)");
  });

  it("refuses coordinates out of range with a message on the field", async () => {
    const id = await bookVisit(30);
    const lat = await tap(carerX, id, "check_in", { lat: 91 });
    expect(lat.status).toBe(400);
    expect(await lat.text()).toContain("Latitude must be between -90 and 90.");
    const lng = await tap(carerX, id, "check_in", { lng: -181 });
    expect(lng.status).toBe(400);
    expect(await lng.text()).toContain("Longitude must be between -180 and 180.");
    expect((await visitRow(id)).status).toBe("scheduled");
  });

  it("refuses a device time in the future and never stores one", async () => {
    const id = await bookVisit(30);
    const res = await tap(carerX, id, "check_in", { deviceTime: Date.now() + 3600_000 });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Your phone&#x27;s clock is ahead of ours.");
    // A time no phone sends (negative, past any date): the page says it was not as it sent it.
    for (const deviceTime of ["-5", "99999999999999990"]) {
      const forged = await tap(carerX, id, "check_in", { deviceTime });
      expect(forged.status).toBe(400);
      expect(await forged.text()).toContain("Part of this form is not as this page sent it.");
    }
    expect((await visitRow(id)).status).toBe("scheduled");
  });

  it("asks for a reason at a check-out after the carer's access ended, and never says where the home is", async () => {
    // In progress and never checked out: its booked end more than a day ago, so the window is shut.
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Lu Ping", address: "4 Far Lane" });
    const { visitId } = await bookThroughChat(app, people.familyA.id, people.carerX.id, parentId, {
      date: daysAhead(2),
    });
    const start = new Date(Date.now() - 28 * 3_600_000);
    await checkIn(app, visitId, start, { startsAt: start });
    // From the door and from 2 km off, the same answer, with no distance (three distances from chosen
    // points located the home to a metre in an outside probe).
    const answers: string[] = [];
    for (const place of [north(10), eastOf(HOME, 2)]) {
      for (const suffix of ["", ".data"]) {
        const res = await postEntries(carerX, `/visits/${visitId}${suffix}`, {
          intent: "check_out",
          key: crypto.randomUUID(),
          lat: String(place.lat),
          lng: String(place.lng),
          accuracy: "5",
        });
        expect(res.status).toBe(400);
        const text = (await res.text()).replaceAll("<!-- -->", "");
        // The page as shown (its catalogue script holds every message), or the data whole.
        const body = suffix ? text : text.slice(0, text.indexOf("<script"));
        expect(body).not.toMatch(/distanceM|from the home: more than|away from the home/);
        if (!suffix) {
          expect(body).toContain("More than a day has passed since the visit");
          answers.push(shownHtml(body).replace(/<input[^>]*>/g, ""));
        }
      }
    }
    expect(answers[0]).toBe(answers[1]);
    expect((await visitRow(visitId)).status).toBe("in_progress");
    // With a reason it checks out; the family's record keeps the distance and the reason.
    const out = await tap(carerX, visitId, "check_out", {
      ...eastOf(HOME, 2),
      accuracy: 5,
      reasonCode: "other",
      reasonText: "Forgot to check out",
    });
    expect(out.status).toBe(302);
    const done = await visitRow(visitId);
    expect(done).toMatchObject({ status: "completed", checkOutReason: "Forgot to check out" });
    expect(done.checkOutDistanceM).toBeGreaterThan(1900);
    const familySees = (await page(familyA, `/visits/${visitId}`)).replaceAll("<!-- -->", "");
    expect(familySees).toContain("Forgot to check out");
    expect(familySees).toMatch(/Distance from home: 2(\.0)? km/);
    // The carer's record says the distances are the family's, and no distance is anywhere in the page.
    const carerSees = shownHtml(await page(carerX, `/visits/${visitId}`)).replaceAll("<!-- -->", "");
    expect(carerSees.match(/Distance from home: Shown to the family only/g)).toHaveLength(2);
    expect(carerSees).not.toMatch(/\d km\b|\d+ m from/);
  });

  it("asks for a reason outside the geofence or without a fix, and shows it to the family", async () => {
    const away = await bookVisit(30);
    const far = eastOf(HOME, 2);
    const refused = await tap(carerX, away, "check_in", { ...far, accuracy: 20 });
    expect(refused.status).toBe(400);
    const said = (await refused.text()).replaceAll("<!-- -->", "");
    expect(said).toContain("You seem to be away from the home.");
    // How far, beside the reason: a poor fix next door and the wrong building read alike without it.
    expect(said).toMatch(/Your location is 2(\.0)? km from the home: more than 150 m\./);
    const given = await tap(carerX, away, "check_in", { ...far, accuracy: 20, reasonCode: "escorting_clinic" });
    expect(given.status).toBe(302);
    const v = await visitRow(away);
    expect(v.checkInReason).toBe("escorting_clinic");
    expect(v.checkInDistanceM).toBeGreaterThan(1900);
    expect(await page(familyA, `/visits/${away}`)).toContain("Reason: Escorting to a clinic");
    // Checking out away from home too, with a reason: the record flags both ends, though the
    // fixes were good (gps_flagged, the poor-fix flag, stays false).
    const leftAway = await tap(carerX, away, "check_out", {
      ...eastOf(HOME, 1.7),
      accuracy: 20,
      reasonCode: "errand",
      // The carer's own words beside a reason from the list are kept with it (they were dropped).
      reasonText: "Her pills, at the pharmacy",
      endEarly: "on",
    });
    expect(leftAway.status).toBe(302);
    expect((await visitRow(away)).checkOutReason).toBe("errand\nHer pills, at the pharmacy");
    expect((await visitRow(away)).gpsFlagged).toBe(false);
    const record = await page(familyA, `/visits/${away}`);
    // Each with its reason: the list also heads the visit page, far from the record (a new-user walk).
    expect(record).toContain("Start (check-in): away from home (Escorting to a clinic)");
    expect(record).toContain("End (check-out): away from home (Out on an errand together: Her pills, at the pharmacy)");
    expect(record).not.toContain("reason above");
    // The timeline's events say the tap's reason in words, never its code (a walk saw "gps_wrong").
    expect(record.slice(0, record.indexOf("<script"))).not.toMatch(/escorting_clinic|[>·] ?errand\b/);
    expect(record).not.toContain("Exceptions</dt><dd>None</dd>");
    // The confirm page names both reasons in words, never their codes (a walk saw "gps_wrong").
    const confirm = (await page(familyA, `/visits/${away}/confirm`)).replaceAll("<!-- -->", "");
    expect(confirm).toContain("Reason given at check-in: Escorting to a clinic");
    expect(confirm).toContain("Reason given at check-out: Out on an errand together: Her pills, at the pharmacy");
    expect(shownHtml(confirm)).not.toMatch(/escorting_clinic|: errand/);

    const blind = await bookVisit(30);
    const none = { lat: "", lng: "", accuracy: "", deviceTime: "" };
    expect((await tap(carerX, blind, "check_in", none)).status).toBe(400);

    const typed = await tap(carerX, blind, "check_in", {
      ...none,
      reasonCode: "other",
      reasonText: "Phone battery died",
    });
    expect(typed.status).toBe(302);
    const b = await visitRow(blind);
    expect(b).toMatchObject({ checkInReason: "Phone battery died", checkInLat: null, gpsFlagged: true });
    const family = await page(familyA, `/visits/${blind}`);
    expect(family).toContain("no location");
    expect(family).toContain("Reason: Phone battery died");
    expect(family).toContain("Start (check-in): no position");
  });

  it("counts 150 m plus the reported accuracy as at home, by default", async () => {
    const id = await bookVisit(30);
    expect((await tap(carerX, id, "check_in", { ...north(200), accuracy: 10 })).status).toBe(400);
    expect((await tap(carerX, id, "check_in", { ...north(200), accuracy: 60 })).status).toBe(302);
    expect((await visitRow(id)).checkInReason).toBeNull();
  });
});

describe("on my way", () => {
  it("shares the position with the visit's family only, at most every 30 s, and deletes it at check-in", async () => {
    const id = await bookVisit(30);
    // About 3 km east, then 1 km: six decimals, none of them a trailing zero, as the page prints them.
    const lat = "30.246712";
    const lng = "120.178123";
    const started = await tap(carerX, id, "start_travel", { lat, lng, accuracy: 15 });
    expect(started.status).toBe(302);
    expect(await page(carerX, started.headers.get("location")!)).toContain(
      "The family can follow you until you check in.",
    );
    expect((await visitRow(id)).status).toBe("on_the_way");
    const family = await page(familyA, `/visits/${id}`);
    expect(family).toContain(lng);
    expect(family).toMatch(/about \d+ min away/);
    expect(await (await familyA.get(`/visits/${id}.data`)).text()).toContain(lng);
    // Not the carer's own page, not another carer or family.
    expect(await page(carerX, `/visits/${id}`)).not.toContain(lng);
    expect(await (await carerX.get(`/visits/${id}.data`)).text()).not.toContain(lng);
    expect((await carerY.get(`/visits/${id}`)).status).toBe(404);
    expect((await familyB.get(`/visits/${id}`)).status).toBe(404);

    // Faster than every 30 s is refused; 30 s later it is taken.
    const position = { intent: "position", lat: "30.251234", lng: "120.158765", accuracy: "10" };
    const tooSoon = await postEntries(carerX, `/visits/${id}`, position);
    expect(tooSoon.status).toBe(429);
    expect(tooSoon.headers.get("retry-after")).toBe("30");
    await app.db
      .update(visitPositions)
      .set({ at: new Date(Date.now() - 31_000) })
      .where(eq(visitPositions.visitId, id));
    const familyStream = await stream(familyA, id);
    const carerStream = await stream(carerX, id);
    expect(familyStream.status).toBe(200);
    const familyText = readUntil(familyStream, (t) => t.includes(position.lng));
    const carerText = readUntil(carerStream, (t) => t.includes('"transition":"check_in"'));
    await new Promise((r) => setTimeout(r, 300));
    expect((await postEntries(carerX, `/visits/${id}`, position)).status).toBe(200);
    expect(await familyText).toContain("event: position");
    // Another family's position request is a 404, and so is a carer's who is not assigned.
    expect((await postEntries(carerY, `/visits/${id}`, position)).status).toBe(404);

    // Check-in ends the sharing: the row is gone, and nobody sees the last position any more.
    expect((await tap(carerX, id, "check_in")).status).toBe(302);
    const carerSaw = await carerText;
    expect(carerSaw).toContain('"transition":"check_in"');
    expect(carerSaw).not.toContain("event: position");
    expect(carerSaw).not.toContain(position.lng);
    expect(await app.db.select().from(visitPositions).where(eq(visitPositions.visitId, id))).toHaveLength(0);
    expect(await page(familyA, `/visits/${id}`)).not.toContain(position.lng);
    expect(await page(familyA, `/visits/${id}`)).not.toContain(lng);
    const late = await stream(familyA, id);
    expect(await readUntil(late, (t) => t.includes('"transition":"check_in"'))).not.toContain(position.lng);
    await app.db
      .update(visitPositions)
      .set({ at: new Date(Date.now() - 31_000) })
      .where(eq(visitPositions.visitId, id));
    expect((await postEntries(carerX, `/visits/${id}`, position)).status).toBe(409);
    expect(await app.db.select().from(visitPositions).where(eq(visitPositions.visitId, id))).toHaveLength(0);
  });
});

describe("the end of a journey", () => {
  it("says so when the carer sets off with location off: the family cannot follow (a new-user walk)", async () => {
    const id = await bookVisit(30);
    const started = await tap(carerX, id, "start_travel", { lat: "", lng: "", accuracy: "" });
    expect(started.status).toBe(302);
    const said = await page(carerX, started.headers.get("location")!);
    expect(said).toContain("Your location is off, so the family sees only that you set off.");
    expect(said).not.toContain("The family can follow you");
  });

  it("deletes the position whatever ends it: a cancellation while on the way too", async () => {
    const id = await bookVisit(30);
    expect((await tap(carerX, id, "start_travel", { ...eastOf(HOME, 2), accuracy: 15 })).status).toBe(302);
    expect(await app.db.select().from(visitPositions).where(eq(visitPositions.visitId, id))).toHaveLength(1);
    // Cancelling is part B's route; its transition goes through the same fire().
    const effects = { jobs: app.server.jobs, env: app.env, hub: app.server.hub };
    const cancelled = await app.db.transaction(async (tx) => {
      const visit = await lockVisit(tx, id);
      return fire(tx, effects, visit!, "cancel", { kind: "family", userId: people.familyA.id }, {}, new Date());
    });
    expect(cancelled.ok).toBe(true);
    expect(await app.db.select().from(visitPositions).where(eq(visitPositions.visitId, id))).toHaveLength(0);
    expect((await tap(carerX, id, "check_in")).status).toBe(409);
  });
});

describe("the tracking stream", () => {
  it("answers only EventSource, only the visit's people, and replays after Last-Event-ID", async () => {
    const id = await bookVisit(30);
    expect((await familyA.get(`/visits/${id}/stream`)).status).toBe(406);
    expect((await stream(familyB, id)).status).toBe(404);
    expect((await stream(carerY, id)).status).toBe(404);
    await tap(carerX, id, "start_travel");
    await tap(carerX, id, "check_in");
    const events = await eventsOf(id);
    const first = Math.min(...events.map((e) => e.id));
    const res = await familyA.request(`/visits/${id}/stream`, {
      headers: { Accept: "text/event-stream", "Last-Event-ID": String(first) },
    });
    const text = await readUntil(res, (t) => t.includes('"transition":"check_in"'));
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(events.filter((e) => e.id > first).map((e) => e.id));
    expect(text).not.toContain('"transition":"booked"');
  });
});

describe("a stream outlives its viewer's access", () => {
  // Found from outside: a family member removed from the parent (or logged out) kept receiving the
  // carer's live position on a stream opened before. Each is asked afresh before anything is sent.
  async function onTheWayWithWatcher() {
    const id = await bookVisit(30);
    expect((await tap(carerX, id, "start_travel")).status).toBe(302);
    const watcher = new HttpClient(app.url);
    expect((await watcher.login(people.familyA.email, TEST_PASSWORD)).status).toBe(302);
    const res = await stream(watcher, id);
    expect(res.status).toBe(200);
    return { id, watcher, res };
  }
  async function moveCarer(id: string, lng: string) {
    await app.db
      .update(visitPositions)
      .set({ at: new Date(Date.now() - 31_000) })
      .where(eq(visitPositions.visitId, id));
    const position = { intent: "position", lat: "30.251234", lng, accuracy: "10" };
    expect((await postEntries(carerX, `/visits/${id}`, position)).status).toBe(200);
  }

  it("ends when the viewer logs out, before the carer's next position", async () => {
    const { id, watcher, res } = await onTheWayWithWatcher();
    const seen = readToEnd(res);
    await new Promise((r) => setTimeout(r, 300));
    expect((await watcher.post("/logout", {})).status).toBe(302);
    await moveCarer(id, "120.151111");
    const { text, ended } = await seen;
    expect(ended).toBe(true);
    expect(text).not.toContain("120.151111");
  });

  it("ends when the viewer is no longer one of the parent's family", async () => {
    const { id, res } = await onTheWayWithWatcher();
    const seen = readToEnd(res);
    await new Promise((r) => setTimeout(r, 300));
    await app.db
      .delete(parentMembers)
      .where(and(eq(parentMembers.parentId, parentA), eq(parentMembers.userId, people.familyA.id)));
    try {
      await moveCarer(id, "120.152222");
      const { text, ended } = await seen;
      expect(ended).toBe(true);
      expect(text).not.toContain("120.152222");
    } finally {
      await app.db.insert(parentMembers).values({ parentId: parentA, userId: people.familyA.id, role: "owner" });
    }
  });
});

describe("the visit log", () => {
  it("masks the parent's details in the tasks to a carer whose access to the home ended, and takes the boxes as shown", async () => {
    // A door code typed into an offer's tasks stayed on the carer's pages after a cancellation (an
    // outside probe); here the access ends at check-out, with the log still to write.
    // A parent of their own: carer X's other visits to parent A keep that home open to them.
    const parentId = await makeParent(app.db, people.familyA.id, {
      name: "Zhou Lan",
      lat: HOME.lat,
      lng: HOME.lng,
      address: "9 Hefang Street",
    });
    const tasks = [
      "Tea and a chat",
      "Ring at Hefang Street, then up",
      "Call 13800138000 after",
      "Call 13912345678 after",
    ];
    const id = await bookVisit(30, { tasks: tasks.join("\n"), parentId });
    expect(await page(carerX, `/visits/${id}`)).toContain("Ring at Hefang Street, then up");
    await tap(carerX, id, "check_in");
    await tap(carerX, id, "check_out", { endEarly: "on" });
    for (const url of [`/visits/${id}`, `/visits/${id}.data`, `/visits/${id}/log`, `/visits/${id}/log.data`]) {
      const body = await page(carerX, url);
      expect(body, url).not.toContain("Hefang");
      expect(body, url).toContain("Tea and a chat");
    }
    const form = await page(carerX, `/visits/${id}/log`);
    const shown = /value="(Ring at [^"]*)"/.exec(form)?.[1];
    expect(shown).toMatch(/^Ring at ▒+, then up$/);
    // Two tasks that differ only in what is masked get a box each, told apart.
    const calls = [...form.matchAll(/value="(Call [^"]*)"/g)].map((m) => m[1]);
    expect(calls).toHaveLength(2);
    expect(calls[1]).toBe(`${calls[0]} (2)`);
    expect(calls[0]).not.toMatch(/138|139/);
    // The task as typed is refused, so a guess at it is never told right; the boxes as shown are taken.
    expect((await saveLog(carerX, id, { tasksDone: "Ring at Hefang Street, then up" })).status).toBe(400);
    expect((await saveLog(carerX, id, { tasksDone: [calls[1]!, shown!, "Tea and a chat"] })).status).toBe(302);
    const [log] = await app.db.select().from(visitLogs).where(eq(visitLogs.visitId, id));
    expect(log!.tasksDone).toEqual(["Tea and a chat", "Ring at Hefang Street, then up", "Call 13912345678 after"]);
    // The visit page ticks the same ones, by their labels.
    const visitPage = await page(carerX, `/visits/${id}`);
    expect(visitPage).toContain(`✓ </span>${calls[1]}`);
    expect(visitPage).toContain(`○ </span>${calls[0]}<`);
    // The family reads them as typed, the ticked one too.
    const family = await page(familyA, `/visits/${id}`);
    expect(family).toContain("Ring at Hefang Street, then up");
  });

  it("masks the family's reason for a cancellation to the carer, whose access it ended; the family reads it as written", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, {
      name: "Zhou Ping",
      lat: HOME.lat,
      lng: HOME.lng,
      address: "14 Hefang Street",
      accessNotes: "Door code 3141#",
    });
    const id = await bookVisit(null, { parentId });
    const reason = "Door code changed from 3141# and we moved from 14 Hefang Street";
    const cancelled = await postEntries(familyA, `/visits/${id}/cancel`, { intent: "cancel", scope: "one", reason });
    expect(cancelled.status).toBe(302);
    for (const url of [`/visits/${id}`, `/visits/${id}.data`]) {
      const body = await page(carerX, url);
      expect(body, url).not.toContain("3141");
      expect(body, url).not.toContain("Hefang");
      expect(body, url).toContain("Door code changed from");
    }
    expect(await page(familyA, `/visits/${id}`)).toContain(reason);
    // Nor in the carer's data export: their own words only (a review); the family's has it.
    const carerExport = await page(carerX, "/account/export");
    expect(carerExport).toContain(id);
    expect(carerExport).not.toContain("3141");
    expect(await page(familyA, "/account/export")).toContain(reason);
  });

  async function saveLog(client: HttpClient, id: string, fields: Record<string, string | string[]>, photo?: Buffer) {
    const form = new FormData();
    form.set("intent", "save");
    for (const [k, v] of Object.entries(fields)) {
      for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    }
    if (photo) form.set("photo", new Blob([new Uint8Array(photo)], { type: "image/jpeg" }), "visit.jpg");
    return client.request(`/visits/${id}/log`, { method: "POST", body: form, headers: { Origin: client.origin } });
  }

  it("opens at check-in, takes tasks, wellbeing and a photo without its GPS, and corrects with a reason after", async () => {
    const id = await bookVisit(30);
    expect((await saveLog(carerX, id, { notes: "Too soon" })).status).toBe(409);
    expect(await page(carerX, `/visits/${id}/log`)).toContain("The log opens when the carer checks in.");
    await tap(carerX, id, "check_in");
    expect((await saveLog(carerX, id, { tasksDone: "Feed the cat" })).status).toBe(400);
    // A tampered box (too long to be any task) is refused with the list, its message beside the boxes.
    const tampered = await saveLog(carerX, id, { tasksDone: "x".repeat(300) });
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("<li>Choose one of the options.</li>");
    expect((await familyA.get(`/visits/${id}/log`)).status).toBe(403);
    expect((await saveLog(familyA, id, { notes: "Family note" })).status).toBe(403);
    expect((await saveLog(carerY, id, { notes: "Stranger" })).status).toBe(404);

    const withGps = await sharp({ create: { width: 1000, height: 800, channels: 3, background: "#4a7" } })
      .jpeg()
      .withExif({
        IFD0: { Make: "SecretCam" },
        IFD3: { GPSLatitudeRef: "N", GPSLatitude: "30/1 15/1 0/1" },
      })
      .toBuffer();
    const saved = await saveLog(
      carerX,
      id,
      { tasksDone: "Tea and a chat", notes: "We read the paper together.", mood: "good", appetite: "usual" },
      withGps,
    );
    expect(saved.status).toBe(302);
    const [log] = await app.db.select().from(visitLogs).where(eq(visitLogs.visitId, id));
    expect(log).toMatchObject({ tasksDone: ["Tea and a chat"], mood: "good", appetite: "usual", mobility: null });
    expect(log!.photoKey).toMatch(/^visits\//);
    const photo = await familyA.get(`/visits/${id}/photo`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get("content-type")).toBe("image/jpeg");
    const bytes = Buffer.from(await photo.arrayBuffer());
    expect((await sharp(bytes).metadata()).exif).toBeUndefined();
    expect(bytes.includes(Buffer.from("SecretCam"))).toBe(false);
    expect((await familyB.get(`/visits/${id}/photo`)).status).toBe(404);
    expect((await carerY.get(`/visits/${id}/photo`)).status).toBe(404);
    const family = await page(familyA, `/visits/${id}`);
    expect(family).toContain("We read the paper together.");
    expect(family).toContain(`/visits/${id}/photo`);

    // During the visit, changes are free; after check-out each needs a reason and is kept.
    const edited = { tasksDone: "Tea and a chat", notes: "We read the paper.", mood: "good", appetite: "usual" };
    expect((await saveLog(carerX, id, edited)).status).toBe(302);
    expect(await app.db.select().from(visitCorrections).where(eq(visitCorrections.visitId, id))).toHaveLength(0);
    // The log written: checking out thanks, and does not ask for it again.
    const out = await tap(carerX, id, "check_out", { endEarly: "on" });
    const outPage = await page(carerX, out.headers.get("location")!);
    expect(outPage).toContain("the visit log is written.");
    expect(outPage).not.toContain("Please finish the visit log.");
    const fields = { ...edited, mood: "fair" };
    const noReason = await saveLog(carerX, id, fields);
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("say why you are changing the log");
    // A log form drawn before another save (a second tab) is refused and changes nothing; the same
    // values sent again (a double tap) are answered as saved (an outside probe lost a concern this way).
    const drawn = /name="version" value="(\d+)"/.exec(await page(carerX, `/visits/${id}/log`))?.[1];
    expect(drawn).toMatch(/^\d+$/);
    const tabA = { ...edited, concerns: "Bruise on left arm", reason: "Forgot to say" };
    expect((await saveLog(carerX, id, { ...tabA, version: drawn! })).status).toBe(302);
    expect((await saveLog(carerX, id, { ...tabA, version: drawn! })).status).toBe(302);
    const tabB = await saveLog(carerX, id, { ...edited, notes: "All fine", reason: "Shorter", version: drawn! });
    expect(tabB.status).toBe(409);
    expect(await tabB.text()).toContain("nothing was saved");
    expect((await app.db.select().from(visitLogs).where(eq(visitLogs.visitId, id)))[0]).toMatchObject({
      concerns: "Bruise on left arm",
      notes: "We read the paper.",
    });
    expect(await app.db.select().from(visitCorrections).where(eq(visitCorrections.visitId, id))).toHaveLength(1);
    await app.db.delete(visitCorrections).where(eq(visitCorrections.visitId, id));
    await app.db.update(visitLogs).set({ concerns: "" }).where(eq(visitLogs.visitId, id));
    const corrected = await saveLog(carerX, id, { ...fields, reason: "Her mood dipped after lunch" });
    expect(corrected.status).toBe(302);
    const rows = await app.db.select().from(visitCorrections).where(eq(visitCorrections.visitId, id));
    expect(rows.map((r) => [r.field, r.oldValue, r.newValue])).toEqual([["mood", "good", "fair"]]);
    expect(rows[0]!.reason).toBe("Her mood dipped after lunch");
    const after = await page(familyA, `/visits/${id}`);
    expect(after).toContain("Her mood dipped after lunch");
    expect(after).toContain("Log corrected (Mood)");
    // Notes of several lines keep their lines in the correction (they were joined with an English ", ").
    await saveLog(carerX, id, { ...fields, notes: "Tea at three.\nA short walk.", reason: "More detail" });
    const lines = await page(familyA, `/visits/${id}`);
    expect(lines).toContain("Tea at three.\nA short walk.");
    expect(lines).not.toContain("Tea at three., A short walk.");
    await app.db.delete(visitCorrections).where(eq(visitCorrections.visitId, id));

    // A photo added as a correction, sent twice at once and once more (a double tap, a retry): one
    // correction, and the photo stays served (an outside probe found three "Photo → Photo").
    const second = await sharp({ create: { width: 600, height: 400, channels: 3, background: "#a47" } })
      .jpeg()
      .toBuffer();
    const withPhoto = { ...fields, reason: "Forgot the photo" };
    const answers = await Promise.all([1, 2].map(() => saveLog(carerX, id, withPhoto, second)));
    answers.push(await saveLog(carerX, id, withPhoto, second));
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302]);
    const photoRows = (await app.db.select().from(visitCorrections).where(eq(visitCorrections.visitId, id))).filter(
      (r) => r.field === "photoKey",
    );
    expect(photoRows).toHaveLength(1);
    const [latest] = await app.db.select().from(visitLogs).where(eq(visitLogs.visitId, id));
    expect(latest!.photoKey).toBe(photoRows[0]!.newValue);
    expect((await familyA.get(`/visits/${id}/photo`)).status).toBe(200);
    // The first photo sent again without a reason is refused, and the file the correction keeps as its
    // evidence stays (the same photo is the same file now: an outside probe saw it deleted).
    const refusedAgain = await saveLog(carerX, id, { ...fields, mood: "good" }, withGps);
    expect(refusedAgain.status).toBe(400);
    const evidence = photoRows[0]!.oldValue!;
    expect(fs.existsSync(path.join(uploads, evidence))).toBe(true);
    // The same fields again without a photo change nothing either.
    expect((await saveLog(carerX, id, withPhoto)).status).toBe(302);
    expect(
      (await app.db.select().from(visitCorrections).where(eq(visitCorrections.visitId, id))).filter(
        (r) => r.field === "photoKey",
      ),
    ).toHaveLength(1);
  });

  it("takes a log first written after check-out as written, with no reason and no correction", async () => {
    const id = await bookVisit(30);
    await tap(carerX, id, "check_in");
    await tap(carerX, id, "check_out", { endEarly: "on" });
    const form = await page(carerX, `/visits/${id}/log`);
    expect(form).not.toContain('name="reason"');
    const first = await saveLog(carerX, id, { tasksDone: "Tea and a chat", notes: "Written on the bus home." });
    expect(first.status).toBe(302);
    expect(await app.db.select().from(visitCorrections).where(eq(visitCorrections.visitId, id))).toHaveLength(0);
    expect(await page(familyA, `/visits/${id}`)).not.toContain("Log corrected");
    // From then on, a change is a correction.
    const later = await saveLog(carerX, id, { tasksDone: "Tea and a chat", notes: "Written on the bus." });
    expect(later.status).toBe(400);
  });
});

describe("a tap that lost to its twin (found by an outside probe)", () => {
  it("answers the late check-outs with the page as it now is: completed, with no Check out button", async () => {
    const id = await bookVisit(30);
    expect((await tap(carerX, id, "check_in")).status).toBe(302);
    // Three check-outs at once, each with its own key (three taps, not one retried).
    const answers = await Promise.all([1, 2, 3].map(() => tap(carerX, id, "check_out", { endEarly: "on" })));
    expect(answers.map((a) => a.status).sort()).toEqual([302, 409, 409]);
    expect((await visitRow(id)).status).toBe("completed");
    for (const lost of answers.filter((a) => a.status === 409)) {
      const html = await lost.text();
      expect(html).toContain("That has already been done for this visit.");
      expect(html).toContain('data-status="completed"');
      expect(html).not.toContain('value="check_out"');
    }
  });
});

describe("a tap with a forged key (found by an outside probe)", () => {
  it("says at the top of the form, in the HTML itself, that the form is not as the page sent it", async () => {
    const id = await bookVisit(30);
    const forged = await tap(carerX, id, "check_in", { key: "not-a-uuid" });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("Part of this form is not as this page sent it.");
    // "Ends early" is drawn only beside a Check out before the booked end: before check-in it has no
    // place, and its refusal is said at the top too.
    const early = await tap(carerX, id, "check_in", { endEarly: "yes" });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain("Part of this form is not as this page sent it.");
    expect((await visitRow(id)).status).toBe("scheduled");
  });
});
