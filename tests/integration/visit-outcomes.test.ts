// How a visit ends, over HTTP: cancelled by either side with a reason (the family's fee under the
// agreed terms, the carer's late flag, one visit or the rest of a weekly series), and refused when
// it is not yours or has started; confirmed by the family only; disputed by the family (or the carer,
// a missed visit) within 15 days of its end.
import { shownHtml } from "../support/html";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disputes, messages, offers, parentMembers, smsMessages, visitEvents, visitSeries, visits } from "~db/schema";
import { dateIn } from "~/geo/time-zone";
import { carerAccessEnds } from "~/privacy/location";
import { scanVisits } from "~/visits/alerts.server";
import { extendSeries } from "~/visits/booking.server";
import { carerAccessUntil } from "~/visits/visits.server";
import { daysAhead } from "../support/chat-fixtures";
import { giveVerifiedPhone } from "../support/fixtures";
import { makeCarerProfile, makeParent, postEntries } from "../support/geo-fixtures";
import { type HttpClient, toastOf } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { bookVisits, checkIn, checkInAndOut, effectsOf, moveVisit } from "../support/visit-fixtures";

const cancelEvents = ["visit_cancelled", "series_cancelled"];
const HOUR = 3_600_000;
let app: TestApp;
let people: TestApp["personas"];
let familyA: HttpClient;
let familyB: HttpClient;
let carerX: HttpClient;
let carerY: HttpClient;
let parentA: string;

beforeAll(async () => {
  app = await startAppWithPersonas();
  people = app.personas;
  ({ familyA, familyB, carerX, carerY } = {
    familyA: people.familyA.client,
    familyB: people.familyB.client,
    carerX: people.carerX.client,
    carerY: people.carerY.client,
  });
  await makeCarerProfile(app.db, people.carerX.id);
  await giveVerifiedPhone(app.db, people.familyA.id, "+8613822220001");
  await giveVerifiedPhone(app.db, people.carerX.id, "+8613822220002");
  parentA = await makeParent(app.db, people.familyA.id, { name: "Gao Fen" });
});
afterAll(() => app?.close());

/** One visit of parent A with carer X, starting `hours` from now. */
async function visitIn(hours: number, cancellation: "flexible" | "moderate" | "strict" = "moderate") {
  const [v] = await bookVisits(app, people.familyA.id, people.carerX.id, parentA, { cancellation, price: "120" });
  return moveVisit(app, v!.id, new Date(Date.now() + hours * HOUR));
}
const row = async (id: string) => (await app.db.select().from(visits).where(eq(visits.id, id)))[0]!;
const cancel = (client: HttpClient, id: string, form: Record<string, string> = {}) =>
  postEntries(client, `/visits/${id}/cancel`, {
    intent: "cancel",
    scope: "one",
    reason: "Mum is in hospital",
    ...form,
  });

describe("cancelling a visit", () => {
  it("shows the family what cancelling costs, then records the fee under the agreed terms", async () => {
    const visit = await visitIn(10, "moderate");
    const page = await (await familyA.get(`/visits/${visit.id}/cancel`)).text();
    expect(page).toContain("Cancelling now costs");
    expect(page).toContain("¥60");
    const res = await cancel(familyA, visit.id);
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/visits/${visit.id}`);
    expect(await row(visit.id)).toMatchObject({
      status: "cancelled",
      cancelledBy: people.familyA.id,
      cancelReason: "Mum is in hospital",
      cancellationFeeCents: 6000,
      lateCancellation: false,
    });
    // Said once owed, in the answer and on the visit's page, to both sides (a walk found it nowhere after).
    expect(toastOf(familyA)).toMatchObject({ message: "visitCancelledFee", values: { fee: "¥60" } });
    for (const client of [familyA, carerX]) {
      const after = (await (await client.get(`/visits/${visit.id}`)).text()).replaceAll("<!-- -->", "");
      expect(after).toMatch(
        /Cancelled by the family with a fee of ¥60 to the carer, under the agreed terms \(Moderate/,
      );
    }
    // The carer is told; the family member who cancelled is not.
    const texts = await app.db
      .select()
      .from(smsMessages)
      .where(eq(smsMessages.idempotencyKey, `visit_cancelled:${visit.id}:${people.carerX.id}`));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body).toContain("A fee of ¥60 is due under the agreed terms.");
    expect(
      await app.db
        .select()
        .from(smsMessages)
        .where(eq(smsMessages.idempotencyKey, `visit_cancelled:${visit.id}:${people.familyA.id}`)),
    ).toHaveLength(0);
  });

  it("is free for the family before the policy's window", async () => {
    const visit = await visitIn(30, "moderate");
    expect(await (await familyA.get(`/visits/${visit.id}/cancel`)).text()).toContain("Cancelling now is free");
    expect((await cancel(familyA, visit.id)).status).toBe(302);
    expect((await row(visit.id)).cancellationFeeCents).toBe(0);
    expect(await (await carerX.get(`/visits/${visit.id}`)).text()).toContain("Cancelled by the family free of charge");
  });

  it("flags a carer's cancellation less than 24 hours ahead, and not one made earlier", async () => {
    const soon = await visitIn(20);
    expect(await (await carerX.get(`/visits/${soon.id}/cancel`)).text()).toContain(
      "late cancellation on your punctuality",
    );
    expect((await cancel(carerX, soon.id, { reason: "I am ill" })).status).toBe(302);
    expect(await row(soon.id)).toMatchObject({
      status: "cancelled",
      lateCancellation: true,
      cancellationFeeCents: null,
    });
    expect(await (await familyA.get(`/visits/${soon.id}`)).text()).toContain(
      "a late cancellation on their punctuality",
    );
    const later = await visitIn(30);
    expect((await cancel(carerX, later.id, { reason: "A family matter" })).status).toBe(302);
    expect((await row(later.id)).lateCancellation).toBe(false);
  });

  it("is a 404 for a visit that is not yours, page and post alike", async () => {
    const visit = await visitIn(30);
    for (const client of [familyB, carerY]) {
      expect((await client.get(`/visits/${visit.id}/cancel`)).status).toBe(404);
      expect((await cancel(client, visit.id)).status).toBe(404);
    }
    expect((await row(visit.id)).status).toBe("scheduled");
  });

  it("is refused after check-in, after a cancellation, and without a reason", async () => {
    const visit = await visitIn(0.5);
    expect((await cancel(familyA, visit.id, { reason: "   " })).status).toBe(400);
    // A one-off's scope is a hidden field: a forged one is said at the form's top in the HTML, which
    // has no place beside it (it was a 400 that said nothing: an outside probe).
    const forged = await cancel(familyA, visit.id, { scope: "bogus" });
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain("Part of this form is not as this page sent it.");
    await checkIn(app, visit.id, new Date());
    const started = await cancel(familyA, visit.id);
    expect(started.status).toBe(409);
    expect(await started.text()).toContain("has started or is over");
    expect(await (await familyA.get(`/visits/${visit.id}/cancel`)).text()).toContain("has started or is over");
    expect((await row(visit.id)).status).toBe("in_progress");
    const gone = await visitIn(30);
    await cancel(familyA, gone.id);
    const again = await cancel(carerX, gone.id);
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("already cancelled");
    // Back to the page after cancelling: no "Keep the visit", which read as an undo.
    const back = await (await familyA.get(`/visits/${gone.id}/cancel`)).text();
    expect(back).toContain("already cancelled");
    expect(back).toContain("Back to the visit");
    expect(back).not.toContain("Keep the visit");
  });
});

describe("cancelling a weekly series", () => {
  it("cancels this visit or the rest of the series, and the generator makes no more", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Weekly Wang" });
    const series = await bookVisits(app, people.familyA.id, people.carerX.id, parentId, {
      date: daysAhead(2),
      start: "15:00",
      end: "16:00",
      weekly: { weekdays: [0, 1, 2, 3, 4, 5, 6], weeks: 8 },
    });
    expect(series.length).toBeGreaterThan(20);
    const [first, second, third] = series;
    // Its visit page says what the series is, whole, and that later visits are booked as they come.
    const visitPage = shownHtml(await (await familyA.get(`/visits/${first!.id}`)).text());
    expect(visitPage).toMatch(
      /Every week.*Monday, Tuesday, Wednesday, Thursday, Friday, Saturday, Sunday, 15:00–16:00, for 8 weeks from/s,
    );
    expect(visitPage).toContain("Each visit is booked four weeks ahead");
    // One occurrence: only that one.
    expect((await cancel(familyA, first!.id)).status).toBe(302);
    expect((await row(second!.id)).status).toBe("scheduled");
    // The rest of the series from the third: the page says how many, then all of them go.
    const page = await (await familyA.get(`/visits/${third!.id}/cancel`)).text();
    // 8 weeks of every day: the generator has booked four weeks ahead; the rest are named as still to
    // be booked (the count read as the whole series).
    const [plan] = await app.db.select().from(visitSeries).where(eq(visitSeries.id, third!.seriesId!));
    const later = 8 * 7 - series.length;
    expect(later, `booked through ${plan!.generatedThrough}`).toBeGreaterThan(0);
    expect(page).toContain(
      `every later one in the weekly series: ${series.length - 2} booked visits, and the ${later} it would still book`,
    );
    const res = await cancel(familyA, third!.id, { scope: "series", reason: "Moving to a care home" });
    expect(res.status).toBe(302);
    expect(await (await familyA.get(res.headers.get("location")!)).text()).toContain(
      `${series.length - 2} visits are cancelled`,
    );
    const after = await app.db.select().from(visits).where(eq(visits.seriesId, third!.seriesId!));
    const byId = new Map(after.map((v) => [v.id, v]));
    expect(byId.get(second!.id)!.status).toBe("scheduled");
    for (const v of series.slice(2)) {
      expect(byId.get(v.id)).toMatchObject({ status: "cancelled", cancelReason: "Moving to a care home" });
    }
    const [s] = await app.db.select().from(visitSeries).where(eq(visitSeries.id, third!.seriesId!));
    expect(s!.cancelledAt).not.toBeNull();
    expect(shownHtml(await (await familyA.get(`/visits/${third!.id}`)).text())).toContain(
      "The series was cancelled: it books no more visits.",
    );
    // Weeks later the generator adds nothing to a cancelled series.
    await extendSeries(app.db, new Date(Date.now() + 21 * 86_400_000));
    expect(await app.db.select().from(visits).where(eq(visits.seriesId, third!.seriesId!))).toHaveLength(after.length);
    // The carer hears once about the series, not once per visit.
    const texts = await app.db
      .select()
      .from(smsMessages)
      .where(and(eq(smsMessages.userId, people.carerX.id), eq(smsMessages.kind, "series_cancelled")));
    expect(texts).toHaveLength(1);
    expect(texts[0]!.body).toContain("weekly visits to Weekly Wang");
    // The conversation it was booked in says each cancellation too, once for the rest of the series,
    // linked to the visit: without a verified number, the carer saw visits vanish with no word.
    const [{ conversationId }] = (await app.db
      .select({ conversationId: offers.conversationId })
      .from(offers)
      .where(eq(offers.id, first!.offerId))) as [{ conversationId: string }];
    const lines = async () =>
      (
        await app.db
          .select({ event: messages.event, data: messages.eventData })
          .from(messages)
          .where(and(eq(messages.conversationId, conversationId), inArray(messages.event, cancelEvents)))
          .orderBy(messages.seq)
      ).map((m) => `${m.event} ${m.data?.firstVisitId} ${m.data?.by}`);
    expect(await lines()).toEqual([`visit_cancelled ${first!.id} family`, `series_cancelled ${third!.id} family`]);
    const carerChat = shownHtml(await (await carerX.get(`/chat/${conversationId}`)).text());
    expect(carerChat).toMatch(/cancelled the visit on [^<]*15:00/);
    expect(carerChat).toMatch(/cancelled the weekly visits from [^<]*15:00 on\./);
    expect(carerChat).toContain(`/visits/${third!.id}`);
    expect(shownHtml(await (await familyA.get(`/chat/${conversationId}`)).text())).toContain(
      "You cancelled the visit on",
    );
    // The rest again, from the second (left when the third went): more visits are off, and that is news.
    expect((await cancel(familyA, second!.id, { scope: "series", reason: "Moving sooner" })).status).toBe(302);
    expect((await row(second!.id)).status).toBe("cancelled");
    const more = await app.db
      .select()
      .from(smsMessages)
      .where(and(eq(smsMessages.userId, people.carerX.id), eq(smsMessages.kind, "series_cancelled")));
    expect(more).toHaveLength(2);
    expect(await lines()).toHaveLength(3);
    // A visit that is not in a series cannot cancel "the rest".
    const single = await visitIn(40);
    expect((await cancel(familyA, single.id, { scope: "series" })).status).toBe(400);
  });
});

describe("the chat line of a cancellation", () => {
  it("names the family member who cancelled, and says 'You' only to them", async () => {
    const visit = await visitIn(72);
    await app.db.insert(parentMembers).values({ parentId: parentA, userId: people.familyB.id, role: "member" });
    try {
      expect((await cancel(familyB, visit.id)).status).toBe(302);
      const [{ conversationId }] = (await app.db
        .select({ conversationId: offers.conversationId })
        .from(offers)
        .where(eq(offers.id, visit.offerId))) as [{ conversationId: string }];
      const read = async (client: HttpClient) =>
        (await (await client.get(`/chat/${conversationId}`)).text()).replaceAll("<!-- -->", "");
      // The conversation is family A's (who booked): B's cancellation is B's, not "You".
      const booker = await read(familyA);
      // (The conversation is shared with the tests above, where A cancelled: the last line is B's.)
      const lastLine = booker.slice(booker.lastIndexOf('class="message message--event"'));
      expect(lastLine).toMatch(/^[^<]*><span>Family B cancelled the visit on /);
      expect(await read(carerX)).toContain("Family B cancelled the visit on");
    } finally {
      await app.db
        .delete(parentMembers)
        .where(and(eq(parentMembers.parentId, parentA), eq(parentMembers.userId, people.familyB.id)));
    }
  });
});

describe("confirming and disputing", () => {
  async function completedVisit() {
    const [visit] = await bookVisits(app, people.familyA.id, people.carerX.id, parentA);
    let at = new Date(Date.now() - 3 * HOUR);
    // In and out on one day in the parent's zone at any hour the test runs (at 23:24 in Shanghai the
    // check-out fell on the next day, and the page rightly dated it).
    const day = (d: Date) => dateIn("Asia/Shanghai", d);
    if (day(at) !== day(new Date(at.getTime() + HOUR))) at = new Date(at.getTime() - 2 * HOUR);
    // Checked in and out before it is moved into the past, so no scan can find it unstarted.
    await checkInAndOut(app, visit!.id, { at }, { at: new Date(at.getTime() + HOUR) });
    return moveVisit(app, visit!.id, at);
  }

  it("dates a check-in or check-out on another day than the booked start (a new-user walk)", async () => {
    const visit = await completedVisit();
    const sameDay = (await (await familyA.get(`/visits/${visit.id}/confirm`)).text()).replaceAll("<!-- -->", "");
    expect(sameDay).toMatch(/checked in at \d\d:\d\d and checked out at \d\d:\d\d/);
    // Booked a day and a half later than it was done: the times carry their date.
    const later = new Date(visit.startsAt.getTime() + 36 * HOUR);
    await app.db
      .update(visits)
      .set({ startsAt: later, endsAt: new Date(later.getTime() + HOUR) })
      .where(eq(visits.id, visit.id));
    const otherDay = (await (await familyA.get(`/visits/${visit.id}/confirm`)).text()).replaceAll("<!-- -->", "");
    // With its year only when it is not this year.
    expect(otherDay).toMatch(/checked in at \w{3}, \w{3} \d{1,2}(, \d{4})? \d\d:\d\d and checked out at \w{3},/);
  });

  it("lets the family confirm a completed visit; carers get 403 and other families 404", async () => {
    const visit = await completedVisit();
    expect((await carerX.get(`/visits/${visit.id}/confirm`)).status).toBe(403);
    expect((await postEntries(carerX, `/visits/${visit.id}/confirm`, { intent: "confirm" })).status).toBe(403);
    expect((await familyB.get(`/visits/${visit.id}/confirm`)).status).toBe(404);
    expect((await postEntries(familyB, `/visits/${visit.id}/confirm`, { intent: "confirm" })).status).toBe(404);
    const page = await (await familyA.get(`/visits/${visit.id}/confirm`)).text();
    expect(page).toContain("(60 min)");
    const res = await postEntries(familyA, `/visits/${visit.id}/confirm`, { intent: "confirm" });
    expect(res.status).toBe(302);
    const after = await row(visit.id);
    expect(after).toMatchObject({ status: "confirmed", autoConfirmed: false });
    expect(after.confirmedAt).not.toBeNull();
    // The timeline says it was confirmed, with no reason line (it used to read "Reason: confirmed").
    const [event] = await app.db
      .select()
      .from(visitEvents)
      .where(and(eq(visitEvents.visitId, visit.id), eq(visitEvents.toStatus, "confirmed")));
    expect(event!.reason).toBeNull();
    const timeline = await (await familyA.get(`/visits/${visit.id}`)).text();
    expect(timeline).toMatch(/data-kind="status"/);
    expect(timeline).not.toContain("timeline__reason");
    // And who confirmed it.
    expect(timeline).toContain(">Confirmed · by the family</span>");
    // Once: a second confirmation (a retry after a lost answer) is answered as the first, and changes nothing.
    expect((await postEntries(familyA, `/visits/${visit.id}/confirm`, { intent: "confirm" })).status).toBe(302);
    const confirmations = await app.db
      .select()
      .from(visitEvents)
      .where(and(eq(visitEvents.visitId, visit.id), eq(visitEvents.toStatus, "confirmed")));
    expect(confirmations).toHaveLength(1);
    expect((await row(visit.id)).confirmedAt).toEqual(after.confirmedAt);
  });

  it("refuses to confirm a visit that has not happened", async () => {
    const visit = await visitIn(30);
    const res = await postEntries(familyA, `/visits/${visit.id}/confirm`, { intent: "confirm" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("Only a completed visit can be confirmed");
  });

  it("opens a dispute with a reason for admins, from the family (a carer only disputes a missed visit)", async () => {
    const visit = await completedVisit();
    // The carer did the visit: nothing for them to dispute, and no link to a page that refuses.
    const byCarer = await postEntries(carerX, `/visits/${visit.id}/dispute`, { intent: "dispute", reason: "x" });
    expect(byCarer.status).toBe(409);
    // Said for what it is: not the 15-day window, which has not passed.
    expect(shownHtml(await byCarer.text())).toContain("A carer can dispute only a visit marked missed.");
    expect(shownHtml(await (await carerX.get(`/visits/${visit.id}/dispute`)).text())).toContain(
      "A carer can dispute only a visit marked missed.",
    );
    expect(await (await carerX.get(`/visits/${visit.id}`)).text()).not.toContain(`/visits/${visit.id}/dispute`);
    expect(await (await familyA.get(`/visits/${visit.id}`)).text()).toContain(`/visits/${visit.id}/dispute`);
    expect((await postEntries(familyB, `/visits/${visit.id}/dispute`, { intent: "dispute", reason: "x" })).status).toBe(
      404,
    );
    expect((await postEntries(familyA, `/visits/${visit.id}/dispute`, { intent: "dispute", reason: " " })).status).toBe(
      400,
    );
    const res = await postEntries(familyA, `/visits/${visit.id}/dispute`, {
      intent: "dispute",
      reason: "Mum says nobody came",
    });
    expect(res.status).toBe(302);
    expect((await row(visit.id)).status).toBe("disputed");
    const [d] = await app.db.select().from(disputes).where(eq(disputes.visitId, visit.id));
    expect(d).toMatchObject({ openedBy: people.familyA.id, reason: "Mum says nobody came", status: "open" });
    // The evidence is reached from the dispute: the visit's events name it.
    const events = await app.db
      .select()
      .from(visitEvents)
      .where(and(eq(visitEvents.visitId, visit.id), inArray(visitEvents.toStatus, ["disputed"])));
    expect(events[0]!.data).toMatchObject({ disputeId: d!.id, by: "family" });
    // The same dispute again (a retry) is answered as the first; other words are refused as already
    // disputed. A disputed visit cannot be confirmed.
    expect(
      (await postEntries(familyA, `/visits/${visit.id}/dispute`, { intent: "dispute", reason: "Mum says nobody came" }))
        .status,
    ).toBe(302);
    const again = await postEntries(familyA, `/visits/${visit.id}/dispute`, { intent: "dispute", reason: "again" });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("This visit is already disputed");
    expect((await postEntries(familyA, `/visits/${visit.id}/confirm`, { intent: "confirm" })).status).toBe(409);
    expect(await app.db.select().from(disputes).where(eq(disputes.visitId, visit.id))).toHaveLength(1);
  });

  it("lets the carer dispute a visit marked missed, once", async () => {
    const [booked] = await bookVisits(app, people.familyA.id, people.carerX.id, parentA);
    const missedAt = new Date(Date.now() - 3 * HOUR);
    const visit = await moveVisit(app, booked!.id, missedAt);
    await scanVisits(app.db, effectsOf(app), new Date());
    expect((await row(visit.id)).status).toBe("missed");
    const visitPage = await (await carerX.get(`/visits/${visit.id}`)).text();
    expect(visitPage).toContain(`/visits/${visit.id}/dispute`);
    expect(await (await carerX.get(`/visits/${visit.id}/dispute`)).text()).toContain("Marked as missed");
    // Another carer learns nothing of it.
    expect((await postEntries(carerY, `/visits/${visit.id}/dispute`, { intent: "dispute", reason: "x" })).status).toBe(
      404,
    );
    const res = await postEntries(carerX, `/visits/${visit.id}/dispute`, {
      intent: "dispute",
      reason: "I was there; my phone had no signal",
    });
    expect(res.status).toBe(302);
    expect((await row(visit.id)).status).toBe("disputed");
    const [d] = await app.db.select().from(disputes).where(eq(disputes.visitId, visit.id));
    expect(d).toMatchObject({ openedBy: people.carerX.id, status: "open" });
    const [event] = await app.db
      .select()
      .from(visitEvents)
      .where(and(eq(visitEvents.visitId, visit.id), eq(visitEvents.toStatus, "disputed")));
    expect(event!.data).toMatchObject({ by: "carer" });
    expect(
      (await postEntries(carerX, `/visits/${visit.id}/dispute`, { intent: "dispute", reason: "again" })).status,
    ).toBe(409);
  });

  it("closes disputes 15 days after the visit ended, and says so", async () => {
    const visit = await completedVisit();
    const ended = new Date(Date.now() - 16 * 24 * HOUR);
    await app.db
      .update(visits)
      .set({ checkedInAt: new Date(ended.getTime() - HOUR), checkedOutAt: ended })
      .where(eq(visits.id, visit.id));
    expect(await (await familyA.get(`/visits/${visit.id}`)).text()).not.toContain(`/visits/${visit.id}/dispute`);
    expect(await (await familyA.get(`/visits/${visit.id}/dispute`)).text()).toContain("up to 15 days after it ends");
    const res = await postEntries(familyA, `/visits/${visit.id}/dispute`, { intent: "dispute", reason: "Too late?" });
    expect(res.status).toBe(409);
    // Not disputed. Checked out 16 days ago, it may meanwhile have confirmed itself: the hourly job runs
    // when it will (seen once in CI), and that is no dispute.
    expect(["completed", "confirmed"]).toContain((await row(visit.id)).status);
    expect(await app.db.select().from(disputes).where(eq(disputes.visitId, visit.id))).toHaveLength(0);
  });
});

describe("the carer's access to the home ends when the visit is closed", () => {
  /** A parent of its own, so that no other visit of carer X keeps the home open. */
  async function ownVisit(name: string) {
    const parentId = await makeParent(app.db, people.familyA.id, {
      name,
      address: `${name}'s flat, 5 Baochu Road`,
      accessNotes: "Door code 5820#",
    });
    const [v] = await bookVisits(app, people.familyA.id, people.carerX.id, parentId, { cancellation: "flexible" });
    return { visit: await moveVisit(app, v!.id, new Date(Date.now() + 48 * HOUR)), parentId, name };
  }
  async function carerSeesHome(visitId: string, name: string) {
    const bodies = await Promise.all([carerX.get(`/visits/${visitId}`), carerX.get(`/visits/${visitId}.data`)]);
    const texts = await Promise.all(bodies.map((b) => b.text()));
    const seen = texts.map((t) => t.includes(`${name}'s flat`) || t.includes("Door code 5820#"));
    expect(seen[0], "page and data agree").toBe(seen[1]);
    return seen[0];
  }

  it("at once when either side cancels", async () => {
    for (const [who, client] of [
      ["family", familyA],
      ["carer", carerX],
    ] as const) {
      const { visit, name } = await ownVisit(`Cancelled by ${who}`);
      expect(await carerSeesHome(visit.id, name)).toBe(true);
      expect((await cancel(client, visit.id)).status).toBe(302);
      expect(await carerSeesHome(visit.id, name), who).toBe(false);
    }
  });

  it("when the carer checks out, and 24 hours after the scheduled end for a visit never checked out", async () => {
    const out = await ownVisit("Checked out");
    const startsAt = new Date(Date.now() - 40 * 60_000);
    await checkInAndOut(app, out.visit.id, { at: startsAt }, { at: new Date(Date.now() - 10 * 60_000) }, { startsAt });
    expect(await carerSeesHome(out.visit.id, out.name)).toBe(false);

    const open = await ownVisit("Never checked out");
    const moved = await moveVisit(app, open.visit.id, new Date(Date.now() - 20 * HOUR));
    expect(moved.endsAt.getTime()).toBeLessThan(Date.now());
    expect(await carerSeesHome(open.visit.id, open.name)).toBe(true);
    await moveVisit(app, open.visit.id, new Date(Date.now() - 26 * HOUR));
    expect(await carerSeesHome(open.visit.id, open.name)).toBe(false);
  });

  it("says which visit keeps the home open when it is another one to the same home", async () => {
    const out = await ownVisit("Two visits");
    // Started 40 minutes ago: two hours ago, the app's own scan could mark it missed (no check-in within
    // the hour) before the check-in below, and did once in CI.
    const startsAt = new Date(Date.now() - 40 * 60_000);
    await moveVisit(app, out.visit.id, startsAt);
    const [next] = await bookVisits(app, people.familyA.id, people.carerX.id, out.parentId);
    // Four days on: at three, it sat where the next test's default booking (3 days ahead, 10:00 in
    // Shanghai) goes when the suite runs at that hour, and that booking clashed.
    await moveVisit(app, next!.id, new Date(Date.now() + 96 * HOUR));
    // Before the check-out: this visit's own window, then the later visit that keeps the home open.
    const during = await (await carerX.get(`/visits/${out.visit.id}`)).text();
    expect(during).toContain("You can see the address until you check out");
    expect(during).toContain("After that, another visit of yours to this home keeps it open");
    expect(during).toContain(`href="/visits/${next!.id}"`);
    expect(during).not.toContain("because of another visit");
    // Checked out of the first, the carer still sees the home through the second, and is told so.
    await checkInAndOut(app, out.visit.id, { at: startsAt }, { at: new Date(Date.now() - HOUR) });
    const first = await (await carerX.get(`/visits/${out.visit.id}`)).text();
    expect(first).toContain(`${out.name}'s flat`);
    expect(first).toContain("because of another visit of yours to this home");
    expect(first).toContain(`href="/visits/${next!.id}"`);
    expect(first).not.toContain("You can see the address until you check out");
    // The second's own page says its own window, and names no other.
    const second = await (await carerX.get(`/visits/${next!.id}`)).text();
    expect(second).toContain("You can see the address until you check out");
    expect(second).not.toContain("because of another visit");
    expect(second).not.toContain("another visit of yours to this home keeps it open");
  });

  it("is computed the same by the database and by the rule", async () => {
    const { visit, parentId } = await ownVisit("Twin rule");
    const at = (h: number) => new Date(visit.endsAt.getTime() + h * HOUR);
    for (const [cancelledAt, checkedOutAt] of [
      [null, null],
      [at(-30), null],
      [null, at(-0.5)],
      [null, at(30)],
      [at(-60), null],
    ] as const) {
      await app.db.update(visits).set({ cancelledAt, checkedOutAt }).where(eq(visits.id, visit.id));
      const expected = carerAccessEnds({ endsAt: visit.endsAt, cancelledAt, checkedOutAt });
      expect(await carerAccessUntil(app.db, people.carerX.id, parentId)).toEqual(expected);
    }
  });
});

describe("the parent's page", () => {
  it("lists visits to come or under way as upcoming, soonest first, and finished or cancelled ones as past", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Wu Ping" });
    const book = async (hours: number) => {
      const [v] = await bookVisits(app, people.familyA.id, people.carerX.id, parentId);
      return moveVisit(app, v!.id, new Date(Date.now() + hours * HOUR));
    };
    const later = await book(72);
    const sooner = await book(30);
    const cancelled = await book(48);
    expect((await cancel(familyA, cancelled.id)).status).toBe(302);
    // Done before its booked end, which is still ahead: finished all the same.
    const early = await book(1);
    const now = Date.now();
    await checkInAndOut(app, early.id, { at: new Date(now - 2 * 60_000) }, { at: new Date(now - 60_000) });
    const page = await (await familyA.get(`/family/parents/${parentId}`)).text();
    const [upcoming, past] = page.slice(page.indexOf('id="visits-title"')).split("Past and cancelled visits");
    const ids = (html: string) => [...html.matchAll(/href="\/visits\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(ids(upcoming!)).toEqual([sooner.id, later.id]);
    expect(ids(past!).slice(0, 2).sort()).toEqual([cancelled.id, early.id].sort());
    // Another family's member reads nothing of it.
    expect((await familyB.get(`/family/parents/${parentId}`)).status).toBe(404);
  });
});
