// The minute scan against the running app and a fake Twilio: the reminder, the late texts and the
// missed visit, each once even when two scans run at the same moment (and the app's own cron runs
// too); the family's urgent alert inside their quiet hours; auto-confirmation 48 hours after
// check-out. Visits are moved relative to the real clock, so every scan (ours and the cron's) sees
// the same world; the minute boundaries themselves are unit-tested with an injected clock.
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smsMessages, smsPreferences, users, visitAlerts, visitEvents, visits } from "~db/schema";
import { scanVisits } from "~/visits/alerts.server";
import { FakeTwilio } from "../fakes/twilio-server";
import { giveVerifiedPhone } from "../support/fixtures";
import { shownHtml } from "../support/html";
import { makeCarerProfile, makeParent } from "../support/geo-fixtures";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { bookVisits, checkInAndOut, effectsOf, moveVisit } from "../support/visit-fixtures";
import { waitUntil } from "../support/wait";

const PUBLIC_URL = "https://kinvisit.test";
const MINUTE = 60_000;
const fake = new FakeTwilio();
let app: TestApp;
let people: TestApp["personas"];
const PHONES = { familyA: "+8613811110001", carerX: "+8613811110002" };

/** A zone where it is about 02:00 right now: inside quiet hours whatever the time of the run. */
function nightZone(now = new Date()): string {
  let k = (2 - now.getUTCHours() + 24) % 24; // local = UTC + k
  if (k > 14) k -= 24;
  return k === 0 ? "Etc/GMT" : k > 0 ? `Etc/GMT-${k}` : `Etc/GMT+${-k}`;
}

beforeAll(async () => {
  await fake.start();
  app = await startAppWithPersonas({ ...fake.env(), PUBLIC_URL });
  people = app.personas;
  await makeCarerProfile(app.db, people.carerX.id);
  await giveVerifiedPhone(app.db, people.familyA.id, PHONES.familyA);
  await giveVerifiedPhone(app.db, people.carerX.id, PHONES.carerX);
});
afterAll(async () => {
  await app?.close();
  await fake.stop();
});

/** A fresh parent of family A with one visit by carer X, starting `minutesAgo` minutes ago (negative: ahead). */
async function visitStarted(minutesAgo: number, name = `Parent ${minutesAgo}`) {
  const parentId = await makeParent(app.db, people.familyA.id, { name });
  const [booked] = await bookVisits(app, people.familyA.id, people.carerX.id, parentId);
  return moveVisit(app, booked!.id, new Date(Date.now() - minutesAgo * MINUTE));
}

const textsAbout = (visitId: string) =>
  app.db
    .select()
    .from(smsMessages)
    .where(inArray(smsMessages.kind, ["visit_reminder", "visit_late_carer", "visit_late", "visit_missed"]))
    .then((rows) => rows.filter((r) => (r.params as { visitId?: string }).visitId === visitId));
const alertsOf = async (visitId: string) =>
  (await app.db.select().from(visitAlerts).where(eq(visitAlerts.visitId, visitId))).map((a) => a.kind).sort();

describe("the late and missed scan", () => {
  it("texts the carer 2 hours before, once, even when two scans run at the same moment", async () => {
    // Booked days ahead (a visit booked inside the window gets no reminder), scanned with the clock
    // at 90 minutes before it. This runs first: no other visit is due at that clock.
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Reminded Ma" });
    const [visit] = await bookVisits(app, people.familyA.id, people.carerX.id, parentId);
    const at = new Date(visit!.startsAt.getTime() - 90 * MINUTE);
    await Promise.all([scanVisits(app.db, effectsOf(app), at), scanVisits(app.db, effectsOf(app), at)]);
    await scanVisits(app.db, effectsOf(app), new Date(at.getTime() + MINUTE));
    expect(await alertsOf(visit!.id)).toEqual(["reminder"]);
    const texts = await textsAbout(visit!.id);
    expect(texts.map((t) => [t.kind, t.userId, t.urgent])).toEqual([["visit_reminder", people.carerX.id, false]]);
    expect(texts[0]!.body).toContain("Kinvisit reminder: visit to Reminded Ma");
    // The timeline says so.
    const events = await app.db.select().from(visitEvents).where(eq(visitEvents.visitId, visit!.id));
    expect(events.filter((e) => e.reason === "reminder_sent")).toHaveLength(1);
  });

  it("holds a reminder in the carer's quiet hours no later than half an hour before the visit (a phone walk)", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Early Wu" });
    const [booked] = await bookVisits(app, people.familyA.id, people.carerX.id, parentId);
    // At 03:30 in Shanghai (the carer's zone) three days on, scanned at 02:00: quiet hours (on by
    // default) would hold the reminder until 08:00, after the visit.
    const day = new Date(Date.now() + 3 * 86_400_000);
    const startsAt = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate(), 19, 30));
    const visit = await moveVisit(app, booked!.id, startsAt);
    const at = new Date(startsAt.getTime() - 90 * MINUTE);
    const quiet = (on: boolean) =>
      app.db.update(smsPreferences).set({ quietHours: on }).where(eq(smsPreferences.userId, people.carerX.id));
    await quiet(true);
    try {
      await scanVisits(app.db, effectsOf(app), at);
    } finally {
      await quiet(false);
    }
    const [text] = await textsAbout(visit.id);
    expect(text!.kind).toBe("visit_reminder");
    expect(text!.sendAfter).toEqual(new Date(startsAt.getTime() - 30 * MINUTE));
    // The timeline says it is held and when it goes out (03:00 in the parent's Shanghai), not that it
    // was sent: to the family and to the carer.
    for (const client of [people.familyA.client, people.carerX.client]) {
      const html = shownHtml(await (await client.get(`/visits/${visit.id}`)).text());
      expect(html).toContain("Reminder to the carer held for their quiet hours: it goes out at 03:00");
      expect(html).not.toContain("Reminder sent to the carer");
    }
  });

  it("says on the timeline that no reminder was texted to a carer who turned these texts off", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Unreminded Zhao" });
    const [visit] = await bookVisits(app, people.familyA.id, people.carerX.id, parentId);
    const off = (kinds: string[]) =>
      app.db.update(smsPreferences).set({ disabledKinds: kinds }).where(eq(smsPreferences.userId, people.carerX.id));
    await off(["visit_reminder"]);
    try {
      await scanVisits(app.db, effectsOf(app), new Date(visit!.startsAt.getTime() - 90 * MINUTE));
    } finally {
      await off([]);
    }
    expect((await textsAbout(visit!.id)).map((t) => t.status)).toEqual(["suppressed"]);
    const html = shownHtml(await (await people.familyA.client.get(`/visits/${visit!.id}`)).text());
    expect(html).toContain("No reminder texted: the carer does not get these texts");
  });

  it("texts the carer at 10 minutes and the family at 15, each once across concurrent scans", async () => {
    const visit = await visitStarted(16, "Late Li");
    const before = fake.messages.length;
    const scans = await Promise.all([1, 2, 3].map(() => scanVisits(app.db, effectsOf(app), new Date())));
    // Between them, the concurrent scans claimed each alert exactly once (the cron may have been first).
    expect(scans.reduce((n, s) => n + s.late_carer, 0)).toBeLessThanOrEqual(1);
    expect(await alertsOf(visit.id)).toEqual(["late_carer", "late_family"]);
    const texts = await textsAbout(visit.id);
    expect(texts.map((t) => `${t.kind}→${t.userId}`).sort()).toEqual(
      [`visit_late_carer→${people.carerX.id}`, `visit_late→${people.familyA.id}`].sort(),
    );
    const lateTo = (phone: string, words: string) =>
      fake.messages.slice(before).filter((m) => m.to === phone && m.body.includes("Late Li") && m.body.includes(words));
    await waitUntil(
      async () =>
        lateTo(PHONES.carerX, "you have not checked in").length + lateTo(PHONES.familyA, "has not started").length ===
        2,
      { what: "both late texts delivered" },
    );
    expect((await app.db.select().from(visits).where(eq(visits.id, visit.id)))[0]!.status).toBe("scheduled");
  });

  it("sends the family's late alert at once inside their quiet hours: it is urgent", async () => {
    const zone = nightZone();
    await app.db.update(users).set({ timeZone: zone }).where(eq(users.id, people.familyA.id));
    await giveVerifiedPhone(app.db, people.familyA.id, PHONES.familyA, { quietHours: true });
    try {
      const visit = await visitStarted(20, "Night Zhou");
      const now = new Date();
      await scanVisits(app.db, effectsOf(app), now);
      const [toFamily] = (await textsAbout(visit.id)).filter((t) => t.kind === "visit_late");
      expect(toFamily).toMatchObject({ userId: people.familyA.id, urgent: true, status: expect.any(String) });
      // Not held until 08:00 in the family's zone.
      expect(toFamily!.sendAfter.getTime()).toBeLessThanOrEqual(now.getTime() + MINUTE);
      await waitUntil(async () => fake.messages.find((m) => m.to === PHONES.familyA && m.body.includes("Night Zhou")), {
        what: "the urgent text delivered in quiet hours",
      });
    } finally {
      await app.db.update(users).set({ timeZone: "Asia/Shanghai" }).where(eq(users.id, people.familyA.id));
      await giveVerifiedPhone(app.db, people.familyA.id, PHONES.familyA);
    }
  });

  it("marks the visit missed at 60 minutes and tells both sides, once", async () => {
    const notYet = await visitStarted(57, "Not yet missed");
    const visit = await visitStarted(61, "Missed Wu");
    await Promise.all([scanVisits(app.db, effectsOf(app), new Date()), scanVisits(app.db, effectsOf(app), new Date())]);
    const [row] = await app.db.select().from(visits).where(eq(visits.id, visit.id));
    expect(row!.status).toBe("missed");
    expect(await alertsOf(visit.id)).toEqual(["missed"]);
    const texts = await textsAbout(visit.id);
    expect(texts.map((t) => `${t.kind}→${t.userId}`).sort()).toEqual(
      [`visit_missed→${people.carerX.id}`, `visit_missed→${people.familyA.id}`].sort(),
    );
    const events = await app.db
      .select()
      .from(visitEvents)
      .where(and(eq(visitEvents.visitId, visit.id), eq(visitEvents.toStatus, "missed")));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ fromStatus: "scheduled", actorId: null, reason: "no_check_in" });
    // The family reads the reason in words, not the code.
    const page = await (await people.familyA.client.get(`/visits/${visit.id}`)).text();
    expect(page).toContain("Reason: No check-in within 60 minutes of the start");
    expect(page).not.toContain("Reason: no_check_in");
    // Three minutes earlier it was only late.
    expect((await app.db.select().from(visits).where(eq(visits.id, notYet.id)))[0]!.status).toBe("scheduled");
    expect(await alertsOf(notYet.id)).toEqual(["late_carer", "late_family"]);
  });

  it("leaves a visit that was checked in alone", async () => {
    const visit = await visitStarted(-600, "Checked in on time");
    const at = new Date(Date.now() - 69 * MINUTE);
    await checkInAndOut(app, visit.id, { at }, { at: new Date(at.getTime() + 30 * MINUTE) });
    await moveVisit(app, visit.id, new Date(Date.now() - 70 * MINUTE));
    await scanVisits(app.db, effectsOf(app), new Date());
    expect(await alertsOf(visit.id)).toEqual([]);
    expect((await app.db.select().from(visits).where(eq(visits.id, visit.id)))[0]!.status).toBe("completed");
  });
});

describe("auto-confirmation", () => {
  it("confirms a completed visit 48 hours after check-out, and not before", async () => {
    // Checked in and out first, then moved into the past, so no scan finds them unstarted.
    const old = await visitStarted(-600, "Old visit");
    const recent = await visitStarted(-600, "Recent visit");
    const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000);
    await checkInAndOut(app, old.id, { at: hoursAgo(50) }, { at: hoursAgo(49) });
    await checkInAndOut(app, recent.id, { at: hoursAgo(46) }, { at: hoursAgo(45) });
    await moveVisit(app, old.id, hoursAgo(50));
    await moveVisit(app, recent.id, hoursAgo(46));
    await Promise.all([scanVisits(app.db, effectsOf(app), new Date()), scanVisits(app.db, effectsOf(app), new Date())]);
    const [o] = await app.db.select().from(visits).where(eq(visits.id, old.id));
    const [r] = await app.db.select().from(visits).where(eq(visits.id, recent.id));
    expect(o).toMatchObject({ status: "confirmed", autoConfirmed: true });
    expect(o!.confirmedAt).not.toBeNull();
    expect(r).toMatchObject({ status: "completed", autoConfirmed: false, confirmedAt: null });
    const events = await app.db
      .select()
      .from(visitEvents)
      .where(and(eq(visitEvents.visitId, old.id), eq(visitEvents.toStatus, "confirmed")));
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ transition: "auto_confirm", by: "system" });
  });
});
