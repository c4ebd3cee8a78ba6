// The family dashboard over HTTP: the visits coming up or under way across all the viewer's
// parents, the carers' offers and the visits done that wait for them (answer before the offer lapses,
// confirm within 48 hours, rate within 15 days), each gone once answered or out of time; another
// family sees none of it, in the page or its data.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, offers, userBlocks, users } from "~db/schema";
import { daysAhead, openConversation } from "../support/chat-fixtures";
import { formatTimeZone } from "~/i18n/formatters";
import { makeCarerProfile, makeParent, postEntries } from "../support/geo-fixtures";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { bookVisits, checkIn, checkInAndOut, moveVisit } from "../support/visit-fixtures";

const HOUR = 3_600_000;
const DAY = 86_400_000;
let app: TestApp;
let people: TestApp["personas"];
let mum: string;
let dad: string;

beforeAll(async () => {
  app = await startAppWithPersonas();
  people = app.personas;
  await makeCarerProfile(app.db, people.carerX.id);
  mum = await makeParent(app.db, people.familyA.id, { name: "Gao Fen" });
  dad = await makeParent(app.db, people.familyA.id, { name: "Lin Tao" });
});
afterAll(() => app?.close());

async function visitOf(parentId: string, startsAt: Date) {
  // Booked a month out, where nothing else is, then moved: booked at the default (3 days ahead, 10:00),
  // it overlapped a visit already moved there when the suite ran at that hour.
  const [v] = await bookVisits(app, people.familyA.id, people.carerX.id, parentId, { date: daysAhead(30) });
  return moveVisit(app, v!.id, startsAt);
}
/** Checked in and out an hour each, `daysAgo` days ago. */
async function doneVisit(parentId: string, daysAgo: number) {
  const start = new Date(Date.now() - daysAgo * DAY);
  const v = await visitOf(parentId, start);
  return checkInAndOut(app, v.id, { at: start }, { at: new Date(start.getTime() + HOUR) });
}
const dashboard = async (who: "familyA" | "familyB") => {
  const res = await people[who].client.get("/family");
  expect(res.status).toBe(200);
  return res.text();
};
const data = async (who: "familyA" | "familyB") => {
  const res = await people[who].client.get("/family.data");
  expect(res.status).toBe(200);
  return res.text();
};
/** The part of the page under a section's heading, up to the next section. */
const section = (html: string, id: string) => html.slice(html.indexOf(`id="${id}"`)).split("</section>")[0]!;

describe("the family dashboard", () => {
  it("lists the visits coming up and under way across every parent, soonest first, and no other family's", async () => {
    const later = await visitOf(dad, new Date(Date.now() + 3 * DAY));
    const sooner = await visitOf(mum, new Date(Date.now() + 2 * DAY));
    const live = await visitOf(mum, new Date(Date.now() - 10 * 60_000));
    await checkIn(app, live.id, new Date());

    const coming = section(await dashboard("familyA"), "coming-title");
    const order = [live, sooner, later].map((v) => coming.indexOf(`/visits/${v.id}`));
    expect(order.every((i) => i > 0)).toBe(true);
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(coming).toContain("Gao Fen");
    expect(coming).toContain("Lin Tao");
    expect(coming).toContain("Carer X");
    expect(coming).toContain("In progress");
    // Three of at most five: nothing said of more.
    expect(coming).not.toContain("The next 5.");
    await visitOf(dad, new Date(Date.now() + 4 * DAY));
    await visitOf(dad, new Date(Date.now() + 5 * DAY));
    // Full, the list says where the rest are (a weekly series filled it, and looked like all there was).
    expect(section(await dashboard("familyA"), "coming-title")).toContain(
      "The next 5. Each parent&#x27;s page lists all of their visits.",
    );

    // The parent's page lists them on the parent's clock: named for a reader in another zone only
    // (a careless-client probe found it unnamed there, named on the dashboard).
    const parentPage = async () =>
      section(
        (await (await people.familyA.client.get(`/family/parents/${mum}`)).text()).replaceAll("<!-- -->", ""),
        "visits-title",
      );
    expect(await parentPage()).toContain(`/visits/${sooner.id}`);
    expect(await parentPage()).not.toContain("(China Standard Time)");
    await app.db.update(users).set({ timeZone: "America/New_York" }).where(eq(users.id, people.familyA.id));
    try {
      expect(await parentPage()).toMatch(/\d\d:\d\d \(China Standard Time\) · Companionship/);
    } finally {
      await app.db.update(users).set({ timeZone: "Asia/Shanghai" }).where(eq(users.id, people.familyA.id));
    }

    // Family B shares neither parent: nothing of A's visits in its page or its data.
    const other = (await dashboard("familyB")) + (await data("familyB"));
    for (const v of [later, sooner, live]) expect(other).not.toContain(v.id);
    expect(other).not.toContain("Gao Fen");
  });

  it("asks for a confirmation and a rating until each is given or out of time", async () => {
    const fresh = await doneVisit(mum, 1);
    const confirmedAlready = await doneVisit(dad, 5);
    const tooOld = await doneVisit(mum, 16);

    let waiting = section(await dashboard("familyA"), "waiting-title");
    expect(waiting).toContain(`/visits/${fresh.id}/confirm`);
    expect(waiting).toContain(`/visits/${fresh.id}/rate`);
    // Checked out five days ago: past the 48 hours, it confirms itself (the hourly scan has not run
    // here, so its state still says completed); the family is asked to rate it only.
    expect(waiting).toContain(`/visits/${confirmedAlready.id}/rate`);
    expect(waiting).not.toContain(`/visits/${confirmedAlready.id}/confirm`);
    expect(waiting).not.toContain(`/visits/${tooOld.id}`);
    // The nearest deadline first: the confirmation due tomorrow before the rating due in ten days.
    expect(waiting.indexOf(`/visits/${fresh.id}`)).toBeLessThan(waiting.indexOf(`/visits/${confirmedAlready.id}`));
    // Deadlines are on the reader's own clock, named when it is not the parent's.
    expect(waiting).not.toContain("(");
    await app.db.update(users).set({ timeZone: "Europe/London" }).where(eq(users.id, people.familyA.id));
    waiting = section(await dashboard("familyA"), "waiting-title");
    expect(waiting).toContain(`(${formatTimeZone("en", "Europe/London")})`);
    // ...and each visit's own time, on its parent's clock, says which clock that is.
    const shanghai = formatTimeZone("en", "Asia/Shanghai");
    expect(waiting).toContain(`(${shanghai}) · Companionship visit`);
    // The visit's pages say so once, above their times.
    const note = `Times are in ${shanghai}, the parent&#x27;s time zone.`;
    expect(await (await people.familyA.client.get(`/visits/${fresh.id}`)).text()).toContain(note);
    expect(await (await people.familyA.client.get(`/visits/${fresh.id}/confirm`)).text()).toContain(note);
    await app.db.update(users).set({ timeZone: "Asia/Shanghai" }).where(eq(users.id, people.familyA.id));
    expect(await (await people.familyA.client.get(`/visits/${fresh.id}`)).text()).not.toContain("Times are in");
    expect(await data("familyB")).not.toContain(fresh.id);

    // The visit's page puts the confirmation first, before the rating, as the dashboard does.
    const visitPage = await (await people.familyA.client.get(`/visits/${fresh.id}`)).text();
    expect(visitPage.indexOf(`/visits/${fresh.id}/confirm`)).toBeGreaterThan(0);
    expect(visitPage.indexOf(`/visits/${fresh.id}/confirm`)).toBeLessThan(
      visitPage.indexOf(`/visits/${fresh.id}/rate`),
    );

    // Confirmed: the rating is still asked for, the confirmation no more.
    const confirmed = await postEntries(people.familyA.client, `/visits/${fresh.id}/confirm`, { intent: "confirm" });
    expect(confirmed.status).toBe(302);
    waiting = section(await dashboard("familyA"), "waiting-title");
    expect(waiting).not.toContain(`/visits/${fresh.id}/confirm`);
    expect(waiting).toContain(`/visits/${fresh.id}/rate`);

    // Rated: gone.
    const rated = await postEntries(people.familyA.client, `/visits/${fresh.id}/rate`, {
      intent: "rate",
      asAgreed: "5",
      care: "5",
      punctuality: "4",
      comment: "",
      submissionKey: randomUUID(),
    });
    expect(rated.status).toBe(303);
    expect(await dashboard("familyA")).not.toContain(`/visits/${fresh.id}/rate`);
  });

  it("keeps asking for the confirmation of a visit rated first, until it is confirmed", async () => {
    const done = await doneVisit(dad, 1);
    const rated = await postEntries(people.familyA.client, `/visits/${done.id}/rate`, {
      intent: "rate",
      asAgreed: "3",
      care: "4",
      punctuality: "2",
      comment: "",
      submissionKey: randomUUID(),
    });
    expect(rated.status).toBe(303);
    // Rating is not confirming: the visit still waits for a confirmation or a report (it went from the
    // dashboard at the rating, and confirmed itself unasked: a new-user walk).
    let waiting = section(await dashboard("familyA"), "waiting-title");
    expect(waiting).toContain(`/visits/${done.id}/confirm`);
    expect(waiting).not.toContain(`/visits/${done.id}/rate`);
    expect(waiting).toContain("Rated. Confirm by");
    const confirmed = await postEntries(people.familyA.client, `/visits/${done.id}/confirm`, { intent: "confirm" });
    expect(confirmed.status).toBe(302);
    waiting = section(await dashboard("familyA"), "waiting-title");
    expect(waiting).not.toContain(`/visits/${done.id}`);
  });
});

describe("offers waiting for the family's answer", () => {
  it("lists a carer's open offer until it is answered or lapses, and never the family's own counter-offer", async () => {
    const gran = await makeParent(app.db, people.familyA.id, { name: "Zhou Min" });
    const family = people.familyA.client;
    const carer = people.carerX.client;
    const conversationId = await openConversation(family, people.carerX.id, gran);
    const terms = {
      intent: "offer",
      service: "companionship",
      schedule: "once",
      // Clear of the visits above (2 to 5 days ahead at the hour the suite runs): at 4 days it overlapped
      // one when the suite ran at 13:00 in Shanghai.
      date: daysAhead(8),
      start: "14:00",
      end: "16:00",
      tasks: "A walk by the lake",
      price: "120",
      cancellation: "moderate",
      expiresInHours: "24",
    };
    const openOffer = async () => {
      const [o] = await app.db
        .select({ id: offers.id })
        .from(offers)
        .where(and(eq(offers.conversationId, conversationId), eq(offers.status, "open")));
      return o?.id;
    };
    const waitingNow = async () => section(await dashboard("familyA"), "waiting-title");

    expect((await postEntries(carer, `/chat/${conversationId}`, terms)).status).toBe(302);
    let waiting = await waitingNow();
    expect(waiting).toContain("Offer from Carer X for Zhou Min: Companionship visit");
    // "See the offer" lands on the offer's message in the chat.
    const [message] = await app.db
      .select({ seq: messages.seq })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.kind, "offer")));
    expect(waiting).toContain(`href="/chat/${conversationId}#m${message!.seq}"`);
    expect(waiting).toContain("14:00–16:00");
    expect(waiting).toContain("¥120 per visit");
    expect(waiting).toContain("after that the offer lapses");
    expect(waiting.replaceAll("<!-- -->", "")).not.toMatch(/16:00\s*\(China Standard Time\) ·/);
    // A reader in another zone is told whose clock the offer's times are on (a new-user walk).
    await app.db.update(users).set({ timeZone: "Europe/London" }).where(eq(users.id, people.familyA.id));
    expect((await waitingNow()).replaceAll("<!-- -->", "")).toMatch(/16:00\s*\(China Standard Time\) ·/);
    await app.db.update(users).set({ timeZone: "Asia/Shanghai" }).where(eq(users.id, people.familyA.id));
    // Another family sees none of it, in the page or its data.
    const other = (await dashboard("familyB")) + (await data("familyB"));
    expect(other).not.toContain(conversationId);
    expect(other).not.toContain("Zhou Min");

    // Blocked either way, it cannot be accepted: not asked for.
    await app.db.insert(userBlocks).values({ blockerId: people.carerX.id, blockedId: people.familyA.id });
    expect(await waitingNow()).not.toContain(conversationId);
    await app.db.delete(userBlocks).where(eq(userBlocks.blockerId, people.carerX.id));
    expect(await waitingNow()).toContain(conversationId);
    // Nor while the carer is suspended.
    await app.db.update(users).set({ suspendedAt: new Date() }).where(eq(users.id, people.carerX.id));
    expect(await waitingNow()).not.toContain(conversationId);
    await app.db.update(users).set({ suspendedAt: null }).where(eq(users.id, people.carerX.id));
    expect(await waitingNow()).toContain(conversationId);

    // The family's counter-offer waits for the carer, not for them.
    const first = await openOffer();
    expect(
      (await postEntries(family, `/chat/${conversationId}`, { ...terms, price: "100", replaces: first! })).status,
    ).toBe(302);
    expect(await openOffer()).not.toBe(first);
    expect(await waitingNow()).not.toContain(conversationId);

    // The carer's new offer is asked for again; past its answer-by time, no more.
    expect((await postEntries(carer, `/chat/${conversationId}`, terms)).status).toBe(302);
    const again = await openOffer();
    expect(await waitingNow()).toContain(conversationId);
    await app.db
      .update(offers)
      .set({ expiresAt: new Date(Date.now() - 60_000) })
      .where(eq(offers.id, again!));
    expect(await waitingNow()).not.toContain(conversationId);

    // Answered (declined here), it is gone.
    await app.db
      .update(offers)
      .set({ expiresAt: new Date(Date.now() + DAY) })
      .where(eq(offers.id, again!));
    expect(await waitingNow()).toContain(conversationId);
    expect((await postEntries(family, `/chat/${conversationId}`, { intent: "decline", offerId: again! })).status).toBe(
      302,
    );
    waiting = await waitingNow();
    expect(waiting).not.toContain(conversationId);
  });
});
