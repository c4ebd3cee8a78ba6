// Chat and offers over HTTP: the ways in, who may read and write, masking, offers and their answers,
// booking (visits, the request closed, texts), the address window, blocking, and the SSE stream.
import { randomUUID } from "node:crypto";
import v8 from "node:v8";
import vm from "node:vm";
import { and, asc, desc, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  carers,
  conversations,
  messageReports,
  messages,
  offers,
  parentAccessLog,
  parentMembers,
  smsMessages,
  users,
  visitRequests,
  visitSeries,
  visits,
} from "~db/schema";
import { dateIn, formatClock, zonedParts } from "~/geo/time-zone";
import { extendSeries } from "~/visits/booking.server";
import { shownHtml, withoutIds } from "../support/html";
import { giveVerifiedPhone, TEST_PASSWORD } from "../support/fixtures";
import { makeCarerProfile, makeParent, makeVisitRequest, postEntries, WEST_LAKE } from "../support/geo-fixtures";
import { listen, readToEnd } from "../support/event-stream";
import { checkInAndOut } from "../support/visit-fixtures";
import { MESSAGES_PAGE } from "~/chat/messages.server";
import { HttpClient, toastOf } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
let people: TestApp["personas"];
let familyA: HttpClient;
let familyB: HttpClient;
let carerX: HttpClient;
let carerY: HttpClient;
let parentA: string;

const ZONE = "Asia/Shanghai";
/** A date some days ahead in the parent's zone, whatever today is. */
const daysAhead = (n: number) => dateIn(ZONE, new Date(Date.now() + n * 86_400_000));

beforeAll(async () => {
  app = await startAppWithPersonas();
  people = app.personas;
  parentA = await makeParent(app.db, people.familyA.id, {
    name: "Zhou Mei",
    address: "7 Hefang Street",
    accessNotes: "Door code 4321#",
    phone: "+8613900001111",
  });
  await makeCarerProfile(app.db, people.carerX.id, {
    lat: WEST_LAKE.lat + 0.01,
    lng: WEST_LAKE.lng + 0.01,
    radiusKm: 8,
    faq: [{ question: "Do you speak Hangzhounese?", answer: "Yes, I grew up in Xihu." }],
    quickPhrases: "On my way!\nSee you soon",
  });
  await makeCarerProfile(app.db, people.carerY.id, { lat: WEST_LAKE.lat - 0.01, lng: WEST_LAKE.lng, radiusKm: 8 });
  for (const [p, phone] of [
    [people.familyA, "+8613800000001"],
    [people.carerX, "+8613800000002"],
  ] as const) {
    await giveVerifiedPhone(app.db, p.id, phone);
  }
  familyA = people.familyA.client;
  familyB = people.familyB.client;
  carerX = people.carerX.client;
  carerY = people.carerY.client;
});
afterAll(() => app?.close());

async function openAsFamily(client = familyA, parentId = parentA, carerId = people.carerX.id) {
  const res = await postEntries(client, "/chat/new", {
    from: "service",
    carerId,
    parentId,
    service: "companionship",
  });
  expect(res.status).toBe(302);
  return res.headers.get("location")!.replace("/chat/", "");
}

function offerForm(over: Record<string, string> = {}): [string, string][] {
  return Object.entries({
    intent: "offer",
    service: "companionship",
    schedule: "once",
    date: daysAhead(3),
    start: "10:00",
    end: "11:30",
    tasks: "Chat over tea\nShort walk by the lake",
    price: "120",
    cancellation: "moderate",
    expiresInHours: "24",
    ...over,
  });
}

/** The key a form of the conversation page is rendered with, found after the form's own class. */
async function keyOf(
  client: HttpClient,
  conversationId: string,
  formClass: "composer" | "quick-phrases" | "offer-form",
) {
  const page = await (await client.get(`/chat/${conversationId}`)).text();
  return new RegExp(`class="[^"]*${formClass}[^"]*"[\\s\\S]*?name="submissionKey" value="([0-9a-f-]{36})"`).exec(
    page,
  )![1]!;
}

const openOfferId = async (conversationId: string) => {
  const [o] = await app.db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.conversationId, conversationId), eq(offers.status, "open")));
  return o?.id;
};

describe("opening conversations", () => {
  it("gives one conversation per family member, carer and parent, with the carer's FAQ sent once", async () => {
    const first = await openAsFamily();
    const again = await openAsFamily();
    expect(again).toBe(first);
    const rows = await app.db.select().from(messages).where(eq(messages.conversationId, first));
    expect(rows.filter((m) => m.kind === "faq")).toHaveLength(1);
    const page = await (await familyA.get(`/chat/${first}`)).text();
    expect(page).toContain("Do you speak Hangzhounese?");
    expect(page).toContain("Companionship");
  });

  it("starts the offer to a weekly request on its next weekday, so the posted terms send at once (a new-user walk)", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Weekly Wu" });
    const requestId = await makeVisitRequest(app.db, { id: people.familyA.id, role: "family" }, parentId, {
      schedule: "weekly",
      weekdays: [0, 1, 2, 3, 4, 5, 6],
      time: "23:59",
    });
    const res = await postEntries(carerX, "/chat/new", { from: "request", requestId, offer: "yes" });
    const id = /\/chat\/([0-9a-f-]+)/.exec(res.headers.get("location")!)![1]!;
    const html = await (await carerX.get(`/chat/${id}`)).text();
    const date = /name="date"[^>]*value="(\d{4}-\d{2}-\d{2})"|value="(\d{4}-\d{2}-\d{2})"[^>]*name="date"/.exec(html);
    expect(date).not.toBeNull();
  });

  it("lets a carer answer an open nearby request, and refuses a closed one", async () => {
    const requestId = await makeVisitRequest(app.db, { id: people.familyA.id, role: "family" }, parentA);
    const res = await postEntries(carerX, "/chat/new", { from: "request", requestId, offer: "yes" });
    expect(res.status).toBe(302);
    const id = /\/chat\/([0-9a-f-]+)/.exec(res.headers.get("location")!)![1]!;
    const [c] = await app.db.select().from(conversations).where(eq(conversations.id, id));
    expect(c).toMatchObject({ contextKind: "request", contextRequestId: requestId, familyUserId: people.familyA.id });
    // The family sees who answered the request on the parent's page.
    expect(await (await familyA.get(`/family/parents/${parentA}`)).text()).toContain("Carers who answered");
    // A carer the family never saw in the list: the conversation says whether they are verified, their
    // rating and visits done, and leads to their profile. The carer's own page has none of it.
    const familyView = await (await familyA.get(`/chat/${id}`)).text();
    expect(familyView).toContain(`href="/carers/${people.carerX.id}"`);
    expect(familyView).toContain("Not verified yet");
    expect(familyView).toContain("No ratings yet");
    await app.db.update(carers).set({ verifiedAt: new Date() }).where(eq(carers.userId, people.carerX.id));
    expect(await (await familyA.get(`/chat/${id}`)).text()).toContain("Verified");
    await app.db.update(carers).set({ verifiedAt: null }).where(eq(carers.userId, people.carerX.id));
    expect(await (await carerX.get(`/chat/${id}`)).text()).not.toContain("Profile and reviews");
    // That visit made carer X active: offline again, as the texting test below expects.
    await app.db.update(users).set({ lastActiveAt: null }).where(eq(users.id, people.carerX.id));
    await app.db.update(visitRequests).set({ status: "cancelled" }).where(eq(visitRequests.id, requestId));
    const closed = await postEntries(carerY, "/chat/new", { from: "request", requestId, offer: "no" });
    expect(closed.status).toBe(302);
    expect(closed.headers.get("location")).toBe("/carer/jobs");
    expect(await app.db.select().from(conversations).where(eq(conversations.carerId, people.carerY.id))).toHaveLength(
      0,
    );
  });

  it("opens no conversation about a service the carer does not offer", async () => {
    const res = await postEntries(familyA, "/chat/new", {
      from: "service",
      carerId: people.carerX.id,
      parentId: parentA,
      service: "errands",
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toBe(`/carers/${people.carerX.id}`);
    // Neither a new conversation nor an existing one turned to it.
    expect(await app.db.select().from(conversations).where(eq(conversations.contextService, "errands"))).toHaveLength(
      0,
    );
  });

  it("sends a long FAQ as many messages as it needs: five full pairs are over one message's 4,000 characters", async () => {
    const faq = [0, 1, 2, 3, 4].map((i) => ({
      question: `Question ${i}? ${"q".repeat(180)}`,
      answer: "a".repeat(1000),
    }));
    await app.db.update(carers).set({ faq }).where(eq(carers.userId, people.carerY.id));
    try {
      const parentId = await makeParent(app.db, people.familyA.id, { name: "Long FAQ", ...WEST_LAKE });
      const id = await openAsFamily(familyA, parentId, people.carerY.id);
      const sent = await app.db
        .select({ body: messages.body })
        .from(messages)
        .where(and(eq(messages.conversationId, id), eq(messages.kind, "faq")))
        .orderBy(asc(messages.seq));
      expect(sent.length).toBeGreaterThan(1);
      expect(sent.flatMap((m) => JSON.parse(m.body!) as unknown[])).toEqual(faq);
      const page = await (await familyA.get(`/chat/${id}`)).text();
      for (const i of [0, 4]) expect(page).toContain(`Question ${i}?`);
    } finally {
      await app.db.update(carers).set({ faq: [] }).where(eq(carers.userId, people.carerY.id));
    }
  });

  it("refuses a family member who is not the parent's, and a carer opening from a service", async () => {
    expect(
      (
        await postEntries(familyB, "/chat/new", {
          from: "service",
          carerId: people.carerX.id,
          parentId: parentA,
          service: "companionship",
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await postEntries(carerX, "/chat/new", {
          from: "service",
          carerId: people.carerY.id,
          parentId: parentA,
          service: "companionship",
        })
      ).status,
    ).toBe(403);
  });
});

describe("who may read and write a conversation", () => {
  it("answers 404 to anyone who is not one of its two people: page, data, stream and posts", async () => {
    const id = await openAsFamily();
    for (const client of [familyB, carerY]) {
      expect((await client.get(`/chat/${id}`)).status).toBe(404);
      expect((await client.get(`/chat/${id}.data`)).status).toBe(404);
      expect((await client.get(`/chat/${id}/stream`, { Accept: "text/event-stream" })).status).toBe(404);
      expect((await postEntries(client, `/chat/${id}`, { intent: "send", body: "hello" })).status).toBe(404);
    }
    const count = (await app.db.select().from(messages).where(eq(messages.conversationId, id))).length;
    expect(count).toBe(1); // only the FAQ
    // Its own people neither: a stream is no page's data. Asked for as such with an event-stream Accept,
    // it opened inside Remix's data answer, which never ended (an outside probe). A resource route's
    // `.data` twin is a 404 before its loader runs, whatever it serves (a photo, the data export).
    for (const [client, path] of [
      [familyA, `/chat/${id}/stream.data`],
      [carerX, `/chat/${id}/stream.data?_routes=routes/chat.$conversationId.stream`],
      [familyA, "/account/export.data"],
    ] as const) {
      const res = await client.get(path, { Accept: "text/event-stream" });
      expect(res.status).toBe(404);
      await res.arrayBuffer();
    }
    const live = await familyA.get(`/chat/${id}/stream`, { Accept: "text/event-stream" });
    expect(live.status).toBe(200);
    await live.body?.cancel();
  });
});

/** The number on the navigation's Messages badge, or null when it shows none. */
function badgeOf(html: string): string | null {
  return html.match(/class="badge badge--count tab__badge"><span aria-hidden="true">([^<]+)</)?.[1] ?? null;
}

describe("messages", () => {
  it("stores a message, counts it unread for the other side, and refuses empty or over-long ones", async () => {
    const id = await openAsFamily();
    expect((await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "   " })).status).toBe(400);
    const long = await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "x".repeat(2001) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain("up to 2,000 characters");
    const sent = await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Could you visit on Tuesday?" });
    expect(sent.status).toBe(302);
    const [c] = await app.db.select().from(conversations).where(eq(conversations.id, id));
    expect(c!.carerUnread).toBeGreaterThan(0);
    const inbox = await (await carerX.get("/chat")).text();
    expect(inbox).toContain("Could you visit on Tuesday?");
    // The row opens the thread at its newest message, which the thread draws with that id.
    expect(inbox).toContain(`href="/chat/${id}#m${c!.lastSeq}"`);
    // The navigation's badge counts every conversation's unread (read with the session).
    const unreadAll = (await app.db.select().from(conversations).where(eq(conversations.carerId, people.carerX.id)))
      .map((r) => r.carerUnread)
      .reduce((a, b) => a + b, 0);
    expect(badgeOf(inbox)).toBe(unreadAll > 99 ? "99+" : String(unreadAll));
    // Opening it reads it, and the page's own badge already leaves it out (the session counted it first).
    const opened = await (await carerX.get(`/chat/${id}`)).text();
    expect(opened).toContain(`id="m${c!.lastSeq}"`);
    const others = unreadAll - c!.carerUnread;
    expect(badgeOf(opened)).toBe(others > 0 ? String(others) : null);
    const [after] = await app.db.select().from(conversations).where(eq(conversations.id, id));
    expect(after!.carerUnread).toBe(0);
    expect(after!.carerReadSeq).toBe(after!.lastSeq);
    expect(badgeOf(await (await carerX.get("/carer")).text())).toBe(others > 0 ? String(others) : null);
  });

  it("counts nothing unread for whoever writes: a reply sent without opening the page clears their unread", async () => {
    const id = await openAsFamily();
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Are you free Sunday?" });
    const unreadOf = async () =>
      (await app.db.select().from(conversations).where(eq(conversations.id, id)))[0]!.carerUnread;
    expect(await unreadOf()).toBeGreaterThan(0);
    // A phone whose live stream dropped: the carer answers from the page they had, never reloaded.
    expect((await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "Yes" })).status).toBe(302);
    expect(await unreadOf()).toBe(0);
    // Once stuck: the receipt had moved past the messages, so opening the page cleared nothing.
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Great" });
    expect(await unreadOf()).toBe(1);
  });

  it("pages back with ?before=, and shows the latest messages for a cursor that is not a sequence number", async () => {
    const id = await openAsFamily();
    for (const body of ["page one", "page two"]) await postEntries(familyA, `/chat/${id}`, { intent: "send", body });
    const rows = await app.db.select().from(messages).where(eq(messages.conversationId, id));
    const two = rows.find((r) => r.body === "page two")!.seq;
    const older = await (await familyA.get(`/chat/${id}?before=${two}`)).text();
    expect(older).toContain("page one");
    expect(older).not.toContain("page two");
    // Once, ?before=1.5 reached the database as an integer and answered 500.
    for (const bad of ["1.5", "1e400", "99999999999", "-1", "abc", ""]) {
      const res = await familyA.get(`/chat/${id}?before=${bad}&counter=${bad}`);
      expect(res.status, bad).toBe(200);
      expect(await res.text(), bad).toContain("page two");
    }
  });

  it("masks contact details for the receiver until a visit is booked; the sender keeps them", async () => {
    const id = await openAsFamily();
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Call me on 138 0013 8000" });
    expect(await (await carerX.get(`/chat/${id}`)).text()).not.toContain("138 0013 8000");
    const own = await (await familyA.get(`/chat/${id}`)).text();
    expect(own).toContain("138 0013 8000");
    // The sender is told the other side does not see it (a new-user walk).
    expect(own).toContain("The other side sees this with its contact details hidden");
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "See you soon" });
    const page = await (await familyA.get(`/chat/${id}`)).text();
    expect(
      page.slice(0, page.indexOf("<script")).match(/The other side sees this with its contact details hidden/g),
    ).toHaveLength(1);
  });

  it("masks a number typed across messages, in the part that completes it", async () => {
    const id = await openAsFamily();
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "My son's mobile: 139 12" });
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "34 5678" });
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "See you on Thursday at 10" });
    const sent = ["My son's mobile: 139 12", "34 5678", "See you on Thursday at 10"];
    const texts = await app.db
      .select({ body: messages.body, maskedBody: messages.maskedBody })
      .from(messages)
      .where(and(eq(messages.conversationId, id), inArray(messages.body, sent)))
      .orderBy(asc(messages.seq));
    expect(texts.map((r) => r.body)).toEqual(sent);
    // Neither half reaches anyone on its own; together they do, so the second is masked. The third
    // completes nothing.
    expect(texts.map((r) => r.maskedBody)).toEqual([null, "▒▒▒", null]);
    const carerPage = await (await carerX.get(`/chat/${id}`)).text();
    expect(carerPage).toContain("139 12");
    expect(carerPage).not.toContain("34 5678");
    // The carer's own texts are read after the carer's, not after the family's.
    await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "8000 steps a day is good" });
    const [last] = await app.db
      .select({ maskedBody: messages.maskedBody })
      .from(messages)
      .where(eq(messages.conversationId, id))
      .orderBy(desc(messages.seq))
      .limit(1);
    expect(last!.maskedBody).toBeNull();
  });

  it("stores a double-tapped or retried message once, and answers each repeat as the first", async () => {
    const id = await openAsFamily();
    const form = {
      intent: "send",
      body: "Is Thursday still fine?",
      submissionKey: await keyOf(familyA, id, "composer"),
    };
    const answers = await Promise.all([
      postEntries(familyA, `/chat/${id}`, form),
      postEntries(familyA, `/chat/${id}`, form),
    ]);
    const late = await postEntries(familyA, `/chat/${id}`, form);
    const locations = [...answers, late].map((a) => `${a.status} ${a.headers.get("location")}`);
    expect(new Set(locations).size).toBe(1);
    expect(locations[0]).toMatch(new RegExp(`^302 /chat/${id}#m\\d+$`));
    const stored = await app.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.body, form.body)));
    expect(stored).toHaveLength(1);
    // A quick phrase is its own form with its own key: tapped twice, it is sent once, too.
    const phrase = { intent: "send", body: "On my way!", submissionKey: await keyOf(carerX, id, "quick-phrases") };
    expect(phrase.submissionKey).not.toBe(form.submissionKey);
    await Promise.all([postEntries(carerX, `/chat/${id}`, phrase), postEntries(carerX, `/chat/${id}`, phrase)]);
    const phrases = await app.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.body, phrase.body)));
    expect(phrases).toHaveLength(1);
  });

  it("sends a message edited after Back with the old page's key: other words are a post of their own", async () => {
    const id = await openAsFamily();
    const submissionKey = await keyOf(familyA, id, "composer");
    const first = await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Lunch at noon?", submissionKey });
    // Back to the page as it was, a new message typed, sent with the key the page still holds.
    const edited = await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Or at one?", submissionKey });
    expect(edited.status).toBe(302);
    expect(edited.headers.get("location")).not.toBe(first.headers.get("location"));
    const bodies = (
      await app.db.select({ body: messages.body }).from(messages).where(eq(messages.conversationId, id))
    ).map((m) => m.body);
    expect(bodies).toEqual(expect.arrayContaining(["Lunch at noon?", "Or at one?"]));
    // Its own retry is still answered once.
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Or at one?", submissionKey });
    expect(
      await app.db
        .select()
        .from(messages)
        .where(and(eq(messages.conversationId, id), eq(messages.body, "Or at one?"))),
    ).toHaveLength(1);
  });

  it("masks the parent's own address and codes in texts and tasks, however they are written (an outside probe)", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, {
      name: "Qian Lao",
      address: "218 Qingchun Road",
      accessNotes: "Gate 1838, then 9413#",
    });
    const id = await openAsFamily(familyA, parentId);
    const text = "Mum is on Qingchun, number 218. It is 1838 and then 9413.";
    expect((await postEntries(familyA, `/chat/${id}`, { intent: "send", body: text })).status).toBe(302);
    // Marks drawn over each digit, and a blank that is not a space (an outside probe).
    const marked = "Underlined: 1\u03328\u03323\u03328\u0332, my mobile 138\u28000013\u28008000";
    expect((await postEntries(familyA, `/chat/${id}`, { intent: "send", body: marked })).status).toBe(302);
    const tasks = "Walk on Qingchun Road\nIt opens with 1838";
    expect((await postEntries(familyA, `/chat/${id}`, offerForm({ tasks }))).status).toBe(302);
    for (const body of [
      await (await carerX.get(`/chat/${id}`)).text(),
      await (await carerX.get(`/chat/${id}.data`)).text(),
    ]) {
      expect(body).toContain("Mum is on ▒▒▒. It is ▒▒▒ and then ▒▒▒.");
      expect(body).toContain("Walk on ▒▒▒");
      expect(body).not.toContain("Qingchun");
      expect(withoutIds(body)).not.toMatch(/\b(1838|9413)\b/);
      // Ids and nonces aside: a random uuid may hold "8000" (seen once in CI).
      expect(withoutIds(body)).not.toMatch(/3\u03328|\b0013\b|\b8000\b/);
    }
    // The sender reads what they wrote.
    expect(await (await familyA.get(`/chat/${id}`)).text()).toContain(text);
  });

  it("tells a carer nothing about the parent's details: right and wrong guesses are treated alike", async () => {
    // An outside probe sent guesses, and the "hidden from the other side" note under each told which
    // one was the parent's: a door code in 19 messages. The same texts to two parents, right about one.
    const guessed = await makeParent(app.db, people.familyA.id, {
      name: "Qian Gui",
      address: "327 Yanan Road",
      accessNotes: "Door 1838#",
    });
    const other = await makeParent(app.db, people.familyA.id, {
      name: "Qian Mei",
      address: "12 Wensan Road",
      accessNotes: "Door 4455#",
    });
    const texts = ["I saw 1838 apples", "I like Yanan Road", "I will bring 327 of them"];
    const seen = async (parentId: string) => {
      const id = await openAsFamily(familyA, parentId);
      for (const body of texts) {
        expect((await postEntries(carerX, `/chat/${id}`, { intent: "send", body })).status).toBe(302);
      }
      const stored = await app.db
        .select({ maskedBody: messages.maskedBody })
        .from(messages)
        .where(and(eq(messages.conversationId, id), eq(messages.kind, "text")))
        .orderBy(messages.seq);
      const page = await (await carerX.get(`/chat/${id}`)).text();
      return { id, masked: stored.map((m) => m.maskedBody), notes: page.split("The other side sees this").length };
    };
    const right = await seen(guessed);
    const wrong = await seen(other);
    expect(right.masked).toEqual(wrong.masked);
    expect(right.notes).toBe(wrong.notes);
    // The family reads a right guess as written (a street after a number is masked as any address is).
    expect(await (await familyA.get(`/chat/${right.id}`)).text()).toContain("I saw 1838 apples");
    // A phone number the carer types is still masked for the family, and the carer is told.
    await postEntries(carerX, `/chat/${right.id}`, { intent: "send", body: "Call me on 138 0013 8000" });
    expect(await (await familyA.get(`/chat/${right.id}`)).text()).not.toContain("138 0013 8000");
    expect(await (await carerX.get(`/chat/${right.id}`)).text()).toContain(
      "The other side sees this with its contact details hidden",
    );
  });

  it("reads to a carer, as written, the task lines of theirs a family's counter copied (no oracle on guesses)", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Qian Tao", accessNotes: "Door 1838#" });
    const id = await openAsFamily(familyA, parentId);
    // The carer's offer holds a right guess; the family's counter copies its tasks and adds its own line.
    expect((await postEntries(carerX, `/chat/${id}`, offerForm({ tasks: "Bring 1838 leaflets" }))).status).toBe(302);
    const counter = offerForm({ tasks: "Bring 1838 leaflets\nThe door opens with 1838" });
    expect((await postEntries(familyA, `/chat/${id}`, counter)).status).toBe(302);
    const seen = await (await carerX.get(`/chat/${id}`)).text();
    expect(seen).not.toContain("Bring ▒▒▒ leaflets");
    expect(seen).toContain("Bring 1838 leaflets");
    expect(seen).toContain("The door opens with ▒▒▒");
  });

  it("masks contact details in an offer's tasks for the receiver until a visit is booked", async () => {
    const id = await openAsFamily();
    const tasks = "Key under mat, gate pin 2296#\nCall my mother on 138 0013 8000 first";
    expect((await postEntries(familyA, `/chat/${id}`, offerForm({ tasks }))).status).toBe(302);
    for (const body of [
      await (await carerX.get(`/chat/${id}`)).text(),
      await (await carerX.get(`/chat/${id}.data`)).text(),
    ]) {
      expect(body).toContain("Key under mat, ▒▒▒");
      expect(withoutIds(body)).not.toContain("2296");
      expect(body).not.toContain("138 0013 8000");
    }
    const own = await (await familyA.get(`/chat/${id}`)).text();
    expect(own).toContain("gate pin 2296#");
    expect(own).toContain("138 0013 8000");
    await postEntries(familyA, `/chat/${id}`, { intent: "withdraw", offerId: (await openOfferId(id))! });
  });

  it("masks again once every visit booked in the conversation is cancelled, and not while one stands", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Qian Lan", address: "3 Nanshan Road" });
    const id = await openAsFamily(familyA, parentId);
    const book = async (date: string) => {
      await postEntries(carerX, `/chat/${id}`, offerForm({ date }));
      const accepted = await postEntries(familyA, `/chat/${id}`, {
        intent: "accept",
        offerId: (await openOfferId(id))!,
      });
      return /\/visits\/([0-9a-f-]+)/.exec(accepted.headers.get("location")!)![1]!;
    };
    const carerReads = async () => withoutIds(await (await carerX.get(`/chat/${id}`)).text());
    const first = await book(daysAhead(5));
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "The gate pin is 5555#" });
    expect(await carerReads()).toContain("5555#");
    const cancelled = await postEntries(familyA, `/visits/${first}/cancel`, {
      intent: "cancel",
      scope: "one",
      reason: "Plans changed",
    });
    expect(cancelled.status).toBe(302);
    // Nothing booked stands: a new text, and a new offer's tasks, are masked for the carer again, and
    // so is the text sent while booked (an outside probe read the gate pin after the cancellation).
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "New gate pin 7777#" });
    await postEntries(familyA, `/chat/${id}`, offerForm({ date: daysAhead(9), tasks: "Gate pin 8888#" }));
    let page = await carerReads();
    expect(page).not.toContain("5555");
    expect(page).not.toContain("7777");
    expect(page).not.toContain("8888");
    expect(page).toContain("Contact details sent while no visit was booked are hidden.");
    await postEntries(familyA, `/chat/${id}`, { intent: "withdraw", offerId: (await openOfferId(id))! });
    // Booked again: unmasked again.
    await book(daysAhead(11));
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Pin is now 9999#" });
    page = await carerReads();
    expect(page).toContain("9999#");
    // The home open again, what was written while it was open reads as written; the rest stays masked.
    expect(page).toContain("5555#");
    expect(page).not.toContain("7777");
  });

  it("masks what the family wrote while booked once the carer checks out: thread, stream, inbox and offers (an outside probe)", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, {
      name: "Lu Fang",
      address: "12 Qingchun Road",
      accessNotes: "Door code 2296#",
      phone: "+8613912345678",
    });
    const id = await openAsFamily(familyA, parentId);
    await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(2) }));
    const accepted = await postEntries(familyA, `/chat/${id}`, {
      intent: "accept",
      offerId: (await openOfferId(id))!,
    });
    const visitId = /\/visits\/([0-9a-f-]+)/.exec(accepted.headers.get("location")!)![1]!;
    // While booked the carer reads the family's words as written: a text, and a later offer's tasks.
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Mum's phone is 139 1234 5678" });
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Let yourself in: door code 2296#" });
    await postEntries(familyA, `/chat/${id}`, offerForm({ date: daysAhead(8), tasks: "Use the door code 2296#" }));
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Flat at 12 Qingchun Road" });
    const carerReads = async () => withoutIds(await (await carerX.get(`/chat/${id}`)).text());
    // This conversation's row of carer X's inbox (the file's other tests fill it with their own).
    const inbox = async () => {
      const html = await (await carerX.get("/chat")).text();
      const at = html.indexOf(`href="/chat/${id}`);
      expect(at).toBeGreaterThan(-1);
      return html.slice(at, html.indexOf("</li>", at));
    };
    let page = await carerReads();
    for (const detail of ["139 1234 5678", "2296#", "12 Qingchun Road"]) expect(page).toContain(detail);
    expect(await inbox()).toContain("Flat at 12 Qingchun Road");

    // The visit is over: the home closes to the carer, and with it what the family wrote about it.
    const now = Date.now();
    await checkInAndOut(
      app,
      visitId,
      { at: new Date(now - 3_600_000) },
      { at: new Date(now - 60_000) },
      { startsAt: new Date(now - 3_600_000 - 60_000) },
    );
    page = await carerReads();
    for (const detail of ["1234", "5678", "2296", "Qingchun"]) expect(page).not.toContain(detail);
    expect(await inbox()).not.toContain("Qingchun");
    // A text sent after the visit is masked too, in the thread and in the stream.
    const controller = new AbortController();
    const res = await carerX.request(`/chat/${id}/stream`, {
      headers: { "Last-Event-ID": "0", Accept: "text/event-stream" },
      signal: controller.signal,
    });
    const stream = listen(res);
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "New door code 3141#, come again soon" });
    expect(await stream.until((t) => t.includes("come again soon"))).toBe(true);
    // A mobile split across two messages: masked in the part that completes it, live as on a reload,
    // though the stream reads the second message alone (a review).
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Her son's mobile: 158 12" });
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "34 7531 if she does not answer" });
    expect(await stream.until((t) => t.includes("if she does not answer"))).toBe(true);
    await stream.stop();
    controller.abort();
    for (const detail of ["1234", "5678", "2296", "3141", "Qingchun", "9999"])
      expect(stream.text).not.toContain(detail);
    const thread = await carerReads();
    expect(thread).not.toContain("3141");
    expect(thread).not.toContain("7531");
    const preview = await inbox();
    expect(preview).toContain("if she does not answer");
    expect(preview).not.toContain("7531");
    // The family reads its own words as written.
    const familyPage = await (await familyA.get(`/chat/${id}`)).text();
    for (const detail of ["139 1234 5678", "2296#", "3141#", "12 Qingchun Road"]) expect(familyPage).toContain(detail);
    // And is told, under each of the five the carer now reads masked (the three sent while the visit
    // stood, and two since), not under the part of a number that alone is none.
    const note = "The carer now sees this with the home";
    const shown = shownHtml(familyPage);
    expect(shown.split(note)).toHaveLength(6);
    for (const text of [
      "Mum&#x27;s phone is 139 1234 5678",
      "Let yourself in: door code 2296#",
      "Flat at 12 Qingchun Road",
      "New door code 3141#, come again soon",
      "34 7531 if she does not answer",
    ])
      expect(shown).toContain(`${text}</p><p class="message__note">${note}`);
    expect(shown).toContain("Her son&#x27;s mobile: 158 12</p>");
    expect(shown).not.toContain(`Her son&#x27;s mobile: 158 12</p><p class="message__note">`);
    expect(await carerReads()).not.toContain(note);
  });

  it("masks again once a weekly series has no visit left to come and its visits are cancelled", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Tang Yu", address: "9 Baidi Road" });
    const id = await openAsFamily(familyA, parentId);
    const first = daysAhead(1);
    const weekday = new Date(`${first}T00:00:00Z`).getUTCDay();
    const weekly = offerForm({ schedule: "weekly", date: first, weeks: "4", start: "07:00", end: "07:30" });
    await postEntries(carerX, `/chat/${id}`, [...weekly, ["weekdays", String(weekday)]]);
    const offerId = (await openOfferId(id))!;
    expect((await postEntries(familyA, `/chat/${id}`, { intent: "accept", offerId })).status).toBe(302);
    const [series] = await app.db.select().from(visitSeries).where(eq(visitSeries.offerId, offerId));
    const made = await app.db.select().from(visits).where(eq(visits.seriesId, series!.id)).orderBy(visits.startsAt);
    expect(made).toHaveLength(4);
    // The generator's mark on the last visit's day: days are left in its weeks, but none of its weekday.
    await app.db
      .update(visitSeries)
      .set({ generatedThrough: made.at(-1)!.occurrenceDate })
      .where(eq(visitSeries.id, series!.id));
    for (const v of made) {
      const res = await postEntries(familyA, `/visits/${v.id}/cancel`, {
        intent: "cancel",
        scope: "one",
        reason: "Away",
      });
      expect(res.status).toBe(302);
    }
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Side gate pin 6060#" });
    expect(withoutIds(await (await carerX.get(`/chat/${id}`)).text())).not.toContain("6060");
  });

  it("texts an offline receiver once an hour per conversation", async () => {
    const id = await openAsFamily();
    const before = (await app.db.select().from(smsMessages).where(eq(smsMessages.kind, "chat_message"))).length;
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Are you there?" });
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Hello?" });
    const texts = await app.db
      .select()
      .from(smsMessages)
      .where(and(eq(smsMessages.kind, "chat_message"), eq(smsMessages.userId, people.carerX.id)));
    expect(texts.length - before).toBeLessThanOrEqual(1);
    expect(texts.some((t) => t.body.includes(`/chat/${id}`))).toBe(true);
  });
});

describe("offers", () => {
  it("refuses offers that end before they start, lie in the past, or cost nothing", async () => {
    const id = await openAsFamily();
    const cases: [Record<string, string>, string][] = [
      [
        { start: "11:00", end: "10:00" },
        "The end time must be after the start time, or within 12 hours of it past midnight.",
      ],
      [{ date: daysAhead(-2) }, "That time has passed"],
      [{ price: "0" }, "The price must be more than 0."],
      // A fraction of a fen would round to a price of 0 that the database refuses (it was a 500).
      [{ price: "0.004" }, "Use at most two decimal places."],
      // Further ahead than a year, the booking would open the home to the carer all that time.
      [{ date: daysAhead(400) }, "Choose a date from today up to a year ahead."],
      // A service carer X does not list, and not the conversation's: the form offers none such.
      [{ service: "tech_help" }, "The carer does not offer this service."],
      // A task too long: its own limit, per task, not the whole box's.
      [{ tasks: `Tea\n${"x".repeat(121)}` }, "Each task can be up to 120 characters."],
      // A schedule the form never offers: said beside the choice (it was a 400 with no word).
      [{ schedule: "daily" }, "Choose one of the options."],
      // Nine decimals came within a float's reach of ¥100, and were saved as ¥100 (an outside probe).
      [{ price: "99.999999999" }, "Use at most two decimal places."],
    ];
    for (const [over, message] of cases) {
      const res = await postEntries(carerX, `/chat/${id}`, offerForm(over));
      expect(res.status).toBe(400);
      // On the page, in a field's or the form's list of errors (the catalogue in the page holds them all).
      const shown = (await res.text()).match(/class="field-errors"[^>]*>[\s\S]*?<\/ul>/g)?.join("") ?? "";
      expect(shown, message).toContain(message);
    }
    expect(await openOfferId(id)).toBeUndefined();
  });

  it("offers and books a visit across midnight at its hours: 23:30–00:30 is an hour, ending the next day", async () => {
    const family = { id: people.familyA.id, role: "family" as const };
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Night Owl", ...WEST_LAKE });
    const date = daysAhead(9);
    const requestId = await makeVisitRequest(app.db, family, parentId, { date, time: "23:30" });
    const opened = await postEntries(carerX, "/chat/new", { from: "request", requestId, offer: "yes" });
    const id = /\/chat\/([0-9a-f-]+)/.exec(opened.headers.get("location")!)![1]!;
    // The form starts from the request's own hours, past midnight (it stopped at 23:59).
    const form = await (await carerX.get(`/chat/${id}?offer=new`)).text();
    expect(form).toMatch(/name="end"[^>]*value="00:30"|value="00:30"[^>]*name="end"/);
    expect((await postEntries(carerX, `/chat/${id}`, offerForm({ date, start: "23:30", end: "00:30" }))).status).toBe(
      302,
    );
    const offerId = (await openOfferId(id))!;
    const card = (await (await familyA.get(`/chat/${id}`)).text()).replaceAll("<!-- -->", "");
    expect(card).toContain("23:30–00:30");
    const accepted = await postEntries(familyA, `/chat/${id}`, { intent: "accept", offerId });
    expect(accepted.status).toBe(302);
    const [visit] = await app.db.select().from(visits).where(eq(visits.offerId, offerId));
    expect(visit!.endsAt.getTime() - visit!.startsAt.getTime()).toBe(60 * 60_000);
    expect(dateIn(ZONE, visit!.endsAt)).not.toBe(dateIn(ZONE, visit!.startsAt));
  });

  it("says a past date beside the offer's other problems in one answer, and sends nothing", async () => {
    const id = await openAsFamily();
    const res = await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(-2), price: "0" }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("That time has passed");
    expect(html).toContain("The price must be more than 0.");
    // Every other field right: the date gone by and the end before the start, both in one answer (a
    // page without JavaScript heard of the end, then of the date: an outside probe).
    const times = await postEntries(
      carerX,
      `/chat/${id}`,
      offerForm({ date: daysAhead(-2), start: "16:00", end: "09:00" }),
    );
    expect(times.status).toBe(400);
    const both = await times.text();
    expect(both).toContain("That time has passed");
    expect(both).toContain("The end time must be after the start time");
    expect(await openOfferId(id)).toBeUndefined();
  });

  it("closes the family's own one-off request for the booked slot, booked from a carer's profile", async () => {
    const family = { id: people.familyA.id, role: "family" as const };
    const date = daysAhead(11);
    const sameSlot = await makeVisitRequest(app.db, family, parentA, { date, time: "14:10" });
    const otherTime = await makeVisitRequest(app.db, family, parentA, { date, time: "16:10" });
    const id = await openAsFamily();
    expect((await postEntries(carerX, `/chat/${id}`, offerForm({ date, start: "14:10", end: "15:10" }))).status).toBe(
      302,
    );
    const offerId = (await openOfferId(id))!;
    expect((await postEntries(familyA, `/chat/${id}`, { intent: "accept", offerId })).status).toBe(302);
    const status = async (requestId: string) =>
      (await app.db.select().from(visitRequests).where(eq(visitRequests.id, requestId)))[0]!.status;
    expect(await status(sameSlot)).toBe("closed");
    // Carers no longer see it; the request at another time stays open.
    expect((await carerX.get(`/carer/jobs/${sameSlot}`)).status).toBe(404);
    expect(await status(otherTime)).toBe("open");
    await app.db.update(visitRequests).set({ status: "closed" }).where(eq(visitRequests.id, otherTime));
  });

  it("answers 400 to a read receipt past the message numbers' column, not 500", async () => {
    const id = await openAsFamily();
    for (const seq of ["99999999999", "2147483648", "-1", "1.5"]) {
      expect((await postEntries(familyA, `/chat/${id}`, { intent: "read", seq })).status, seq).toBe(400);
    }
    expect((await postEntries(familyA, `/chat/${id}`, { intent: "read", seq: "2147483647" })).status).toBe(200);
  });

  it("books the visit when the other side accepts: visits, terms, request closed, texts, address", async () => {
    const requestId = await makeVisitRequest(app.db, { id: people.familyA.id, role: "family" }, parentA);
    const opened = await postEntries(carerX, "/chat/new", { from: "request", requestId, offer: "yes" });
    const id = /\/chat\/([0-9a-f-]+)/.exec(opened.headers.get("location")!)![1]!;
    // Before any booking the carer cannot see the home.
    const sent = await postEntries(carerX, `/chat/${id}`, offerForm());
    expect(sent.status).toBe(302);
    const offerId = (await openOfferId(id))!;
    // The sender lands on the card just sent, as a message's sender lands on the message.
    const [card] = await app.db
      .select({ seq: messages.seq })
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.offerId, offerId)));
    expect(sent.headers.get("location")).toBe(`/chat/${id}#m${card!.seq}`);
    // Accepting one's own offer is refused.
    expect((await postEntries(carerX, `/chat/${id}`, { intent: "accept", offerId })).status).toBe(403);
    const accepted = await postEntries(familyA, `/chat/${id}`, { intent: "accept", offerId });
    expect(accepted.status).toBe(302);
    expect(toastOf(familyA)?.message).toBe("visitBooked");
    const visitId = /\/visits\/([0-9a-f-]+)/.exec(accepted.headers.get("location")!)![1]!;
    const [visit] = await app.db.select().from(visits).where(eq(visits.id, visitId));
    expect(visit).toMatchObject({ status: "scheduled", priceCents: 12_000, acceptedBy: people.familyA.id });
    expect(visit!.terms.tasks).toEqual(["Chat over tea", "Short walk by the lake"]);
    const [request] = await app.db.select().from(visitRequests).where(eq(visitRequests.id, requestId));
    expect(request!.status).toBe("closed");
    const booked = await app.db.select().from(smsMessages).where(eq(smsMessages.kind, "visit_confirmed"));
    expect(booked.map((s) => s.userId).sort()).toEqual(expect.arrayContaining([people.familyA.id, people.carerX.id]));
    // Accepting again (a second tap, a retry) changes nothing, and goes where the first went.
    const again = await postEntries(familyA, `/chat/${id}`, { intent: "accept", offerId });
    expect(again.status).toBe(302);
    expect(again.headers.get("location")).toBe(accepted.headers.get("location"));
    expect(await app.db.select().from(visits).where(eq(visits.offerId, offerId))).toHaveLength(1);
    expect(await app.db.select().from(smsMessages).where(eq(smsMessages.kind, "visit_confirmed"))).toHaveLength(
      booked.length,
    );
    // The terms cannot be changed in place.
    await expect(app.db.update(visits).set({ priceCents: 1 }).where(eq(visits.id, visitId))).rejects.toThrow();
    // The carer now sees the home, and the read is recorded; another carer gets 404.
    const page = await (await carerX.get(`/visits/${visitId}`)).text();
    expect(page).toContain("7 Hefang Street");
    expect(page).toContain("Door code 4321#");
    expect(
      await app.db.select().from(parentAccessLog).where(eq(parentAccessLog.viewerId, people.carerX.id)),
    ).not.toHaveLength(0);
    expect((await carerY.get(`/visits/${visitId}`)).status).toBe(404);
    expect((await familyB.get(`/visits/${visitId}`)).status).toBe(404);
    // 24 hours after the visit ends, the address is gone from the carer's page.
    const endsAt = new Date(Date.now() - 25 * 3600_000);
    await app.db.execute(
      `update visits set starts_at = '${new Date(endsAt.getTime() - 3600_000).toISOString()}', ends_at = '${endsAt.toISOString()}' where offer_id in (select id from offers where carer_id = '${people.carerX.id}')` as never,
    );
    const later = await (await carerX.get(`/visits/${visitId}`)).text();
    expect(later).not.toContain("7 Hefang Street");
    expect(later).not.toContain("Door code 4321#");
  });

  it("sends a double-submitted offer or counter once: one offer and one card each, nothing superseded by its twin", async () => {
    const id = await openAsFamily();
    // The conversation is shared with earlier tests: look only at the offers this one makes.
    const earlier = new Set((await app.db.select().from(offers).where(eq(offers.conversationId, id))).map((o) => o.id));
    const newOffers = async () =>
      (await app.db.select().from(offers).where(eq(offers.conversationId, id))).filter((o) => !earlier.has(o.id));
    const offer = [...offerForm({ date: daysAhead(7) }), ["submissionKey", await keyOf(carerX, id, "offer-form")]] as [
      string,
      string,
    ][];
    const sent = await Promise.all([
      postEntries(carerX, `/chat/${id}`, offer),
      postEntries(carerX, `/chat/${id}`, offer),
    ]);
    // Both to the one card sent.
    const [to, again] = sent.map((r) => `${r.status} ${r.headers.get("location")}`);
    expect(to).toMatch(new RegExp(`^302 /chat/${id}#m\\d+$`));
    expect(again).toBe(to);
    const first = await newOffers();
    expect(first.map((o) => o.status)).toEqual(["open"]);
    const counter = [
      ...offerForm({ date: daysAhead(7), price: "100" }),
      ["submissionKey", await keyOf(familyA, id, "offer-form")],
    ] as [string, string][];
    await Promise.all([postEntries(familyA, `/chat/${id}`, counter), postEntries(familyA, `/chat/${id}`, counter)]);
    const both = await newOffers();
    expect(both.map((o) => o.status).sort()).toEqual(["open", "superseded"]);
    expect(both.find((o) => o.status === "open")!.supersedesId).toBe(first[0]!.id);
    const cards = await app.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.kind, "offer")));
    expect(cards.filter((m) => !earlier.has(m.offerId!))).toHaveLength(2);
  });

  it("books once from simultaneous accepts, and sends each of them to the one visit", async () => {
    const id = await openAsFamily();
    await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(5), start: "14:00", end: "15:00" }));
    const offerId = (await openOfferId(id))!;
    const answers = await Promise.all(
      [1, 2, 3].map(() => postEntries(familyA, `/chat/${id}`, { intent: "accept", offerId })),
    );
    const booked = await app.db.select().from(visits).where(eq(visits.offerId, offerId));
    expect(booked).toHaveLength(1);
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302]);
    for (const a of answers) expect(a.headers.get("location")).toBe(`/visits/${booked[0]!.id}`);
  });

  it("tells whoever accepts without a verified number to verify it for the visit's texts", async () => {
    const id = await openAsFamily(familyA, parentA, people.carerY.id);
    expect((await postEntries(familyA, `/chat/${id}`, offerForm({ date: daysAhead(9) }))).status).toBe(302);
    const offerId = (await openOfferId(id))!;
    await app.db.update(users).set({ phoneVerifiedAt: null }).where(eq(users.id, people.carerY.id));
    try {
      expect((await postEntries(carerY, `/chat/${id}`, { intent: "accept", offerId })).status).toBe(302);
      expect(toastOf(carerY)?.message).toBe("visitBookedVerify");
    } finally {
      await app.db.update(users).set({ phoneVerifiedAt: new Date() }).where(eq(users.id, people.carerY.id));
    }
  });

  it("starts the offer form from the sender's open offer, and says a new one replaces it", async () => {
    const id = await openAsFamily();
    const note = "Sending this replaces your open offer above";
    expect(await (await carerX.get(`/chat/${id}?offer=new`)).text()).not.toContain(note);
    const sent = offerForm({ date: daysAhead(5), price: "150", tasks: "Bring the newspaper\nWater the plants" });
    expect((await postEntries(carerX, `/chat/${id}`, sent)).status).toBe(302);
    // Come back to the form (the browser's Back, a reload): the terms on the table, not the request's.
    const again = await (await carerX.get(`/chat/${id}?offer=new`)).text();
    expect(again).toContain(note);
    expect(again).toMatch(/name="price"[^>]*value="150"|value="150"[^>]*name="price"/);
    expect(again).toContain("Bring the newspaper\nWater the plants");
    // The family has no open offer of its own here: its form says nothing of replacing one.
    expect(await (await familyA.get(`/chat/${id}?offer=new`)).text()).not.toContain(note);
  });

  it("supersedes an offer with a counter, refuses the old one, and refuses withdrawn and expired ones", async () => {
    const id = await openAsFamily();
    await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(6) }));
    const first = (await openOfferId(id))!;
    expect((await postEntries(familyA, `/chat/${id}`, offerForm({ date: daysAhead(6), price: "100" }))).status).toBe(
      302,
    );
    const counter = (await openOfferId(id))!;
    expect(counter).not.toBe(first);
    const stale = await postEntries(familyA, `/chat/${id}`, { intent: "accept", offerId: first });
    expect(stale.status).toBe(409);
    // Said on the card answered, not under the message box (an outside probe).
    const [card] = await app.db
      .select({ seq: messages.seq })
      .from(messages)
      .where(and(eq(messages.offerId, first), eq(messages.kind, "offer")));
    const page = await stale.text();
    const from = page.indexOf(`<li id="m${card!.seq}"`);
    expect(from).toBeGreaterThan(-1);
    const item = page.slice(from, page.indexOf('<li id="m', from + 1));
    expect(item).toContain("can no longer be answered");
    expect(page).not.toContain('id="chat-body-error"');
    // The family withdraws its counter: the carer cannot accept it any more.
    expect((await postEntries(familyA, `/chat/${id}`, { intent: "withdraw", offerId: counter })).status).toBe(302);
    expect((await postEntries(carerX, `/chat/${id}`, { intent: "accept", offerId: counter })).status).toBe(409);
    // An offer past its expiry reads as expired.
    await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(6) }));
    const late = (await openOfferId(id))!;
    await app.db
      .update(offers)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(offers.id, late));
    const expired = await postEntries(familyA, `/chat/${id}`, { intent: "accept", offerId: late });
    expect(expired.status).toBe(409);
    expect(await expired.text()).toContain("This offer has expired");
  });

  it("refuses a counter or offer drawn under an offer that has changed since: nothing replaced (an outside probe)", async () => {
    const id = await openAsFamily();
    const replacesOn = async (client: HttpClient, query = "") =>
      /name="replaces" value="([^"]+)"/.exec(await (await client.get(`/chat/${id}${query}`)).text())?.[1];
    expect(await replacesOn(familyA, "?offer=1")).toBe("none");
    await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(6), price: "120" }));
    const first = (await openOfferId(id))!;
    // The family opens a counter to the ¥120 offer; meanwhile the carer sends a lower one.
    const drawnUnder = await replacesOn(familyA, `?counter=${first}`);
    expect(drawnUnder).toBe(first);
    await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(6), price: "80", replaces: first }));
    const lower = (await openOfferId(id))!;
    expect(lower).not.toBe(first);
    const stale = await postEntries(
      familyA,
      `/chat/${id}`,
      offerForm({ date: daysAhead(6), price: "95", replaces: first }),
    );
    expect(stale.status).toBe(409);
    const page = await stale.text();
    expect(page).toContain("The offers changed while you wrote this one");
    // The form drawn again answers the offer open now; the carer's lower offer still stands.
    expect(/name="replaces" value="([^"]+)"/.exec(page)?.[1]).toBe(lower);
    expect(await openOfferId(id)).toBe(lower);
    // Withdrawn meanwhile: a form drawn under it sends nothing either.
    expect((await postEntries(carerX, `/chat/${id}`, { intent: "withdraw", offerId: lower })).status).toBe(302);
    const afterWithdraw = await postEntries(familyA, `/chat/${id}`, offerForm({ date: daysAhead(6), replaces: lower }));
    expect(afterWithdraw.status).toBe(409);
    expect(await openOfferId(id)).toBeUndefined();
    // A form drawn with none open, sent after one arrived, is refused; drawn again, it is sent.
    await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(6) }));
    const arrived = (await openOfferId(id))!;
    expect(
      (await postEntries(familyA, `/chat/${id}`, offerForm({ date: daysAhead(6), replaces: "none" }))).status,
    ).toBe(409);
    // A value no page draws there (tampered): said at the form's top, in the HTML (an outside probe found
    // the page drawn again with no word), and nothing is sent.
    const tampered = await postEntries(familyA, `/chat/${id}`, offerForm({ date: daysAhead(6), replaces: "abc" }));
    expect(tampered.status).toBe(400);
    expect(await tampered.text()).toContain("Part of this form is not as this page sent it.");
    expect(await openOfferId(id)).toBe(arrived);
    const sent = await postEntries(familyA, `/chat/${id}`, offerForm({ date: daysAhead(6), replaces: arrived }));
    expect(sent.status).toBe(302);
    expect(await openOfferId(id)).not.toBe(arrived);
    // Not an offer id or "none": said, not a 500.
    expect((await postEntries(familyA, `/chat/${id}`, offerForm({ replaces: "x" }))).status).toBe(400);
    // An offer past its expiry is not open to the page: a form drawn then says "none", and is sent (a review).
    const lapsing = (await openOfferId(id))!;
    await app.db
      .update(offers)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(offers.id, lapsing));
    expect(await replacesOn(carerX, "?offer=1")).toBe("none");
    const afterExpiry = await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(7), replaces: "none" }));
    expect(afterExpiry.status).toBe(302);
    expect(await openOfferId(id)).not.toBe(lapsing);
  });

  it("answers a repeated decline or withdraw as the first, with one line in the thread each", async () => {
    const id = await openAsFamily();
    const lines = async (event: string) =>
      (
        await app.db
          .select()
          .from(messages)
          .where(and(eq(messages.conversationId, id), eq(messages.event, event)))
      ).length;
    for (const [intent, by, event] of [
      ["decline", familyA, "offer_declined"],
      ["withdraw", carerX, "offer_withdrawn"],
    ] as const) {
      const before = await lines(event);
      await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(8) }));
      const offerId = (await openOfferId(id))!;
      const answers = await Promise.all([1, 2].map(() => postEntries(by, `/chat/${id}`, { intent, offerId })));
      answers.push(await postEntries(by, `/chat/${id}`, { intent, offerId }));
      expect(answers.map((a) => `${a.status} ${a.headers.get("location")}`)).toEqual(Array(3).fill(`302 /chat/${id}`));
      expect(await lines(event), intent).toBe(before + 1);
    }
    // Not for the other side's answer: withdrawing an offer the family declined is still refused.
    await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(8) }));
    const offerId = (await openOfferId(id))!;
    await postEntries(familyA, `/chat/${id}`, { intent: "decline", offerId });
    expect((await postEntries(carerX, `/chat/${id}`, { intent: "withdraw", offerId })).status).toBe(409);
  });

  it("warns a family before booking a second carer at the parent's booked hours, and refuses a carer's accept after one", async () => {
    const family = { id: people.familyA.id, role: "family" as const };
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Two Offers", ...WEST_LAKE });
    const date = daysAhead(6);
    const requestId = await makeVisitRequest(app.db, family, parentId, { date, time: "15:00" });
    const slot = offerForm({ date, start: "15:00", end: "16:00", overlapConfirmed: "on" });
    // Both carers answer the request with an offer for its hours.
    const chats: string[] = [];
    for (const carer of [carerX, carerY]) {
      const opened = await postEntries(carer, "/chat/new", { from: "request", requestId, offer: "no" });
      const id = /\/chat\/([0-9a-f-]+)/.exec(opened.headers.get("location")!)![1]!;
      expect((await postEntries(carer, `/chat/${id}`, slot)).status).toBe(302);
      chats.push(id);
    }
    const [withX, withY] = chats as [string, string];
    const offerX = (await openOfferId(withX))!;
    const offerY = (await openOfferId(withY))!;
    expect((await postEntries(familyA, `/chat/${withX}`, { intent: "accept", offerId: offerX })).status).toBe(302);
    // "Cancel request" from a page drawn before the booking: the page comes back as it is, saying the
    // request was booked, not "cancelled" over a visit that stands (an outside probe).
    const late = await postEntries(familyA, `/family/parents/${parentId}`, { intent: "cancel-request", requestId });
    expect(late.status).toBe(302);
    expect(toastOf(familyA)).toMatchObject({ message: "requestBooked", kind: "error" });
    const said = (await (await familyA.get(`/family/parents/${parentId}`)).text()).replaceAll("<!-- -->", "");
    expect(said).toContain("That request was booked meanwhile, so it was not cancelled.");
    const [request] = await app.db.select().from(visitRequests).where(eq(visitRequests.id, requestId));
    expect(request!.status).toBe("closed");
    // Carer Y's offer, still open in its own chat: the family is told the parent is booked then, and with whom.
    const warned = await postEntries(familyA, `/chat/${withY}`, { intent: "accept", offerId: offerY });
    expect(warned.status).toBe(409);
    const card = (await warned.text()).split('aria-label="Offer"').find((c) => c.includes(`value="${offerY}"`))!;
    expect(card.replaceAll("<!-- -->", "")).toMatch(
      /Two Offers already has a visit at an overlapping time:[\s\S]{0,200}15:00–16:00 · with Carer X/,
    );
    expect(card).toContain("Book both: accept anyway");
    const parentVisits = () =>
      app.db.select({ carerId: visits.carerId }).from(visits).where(eq(visits.parentId, parentId));
    expect((await parentVisits()).map((v) => v.carerId)).toEqual([people.carerX.id]);
    // Ticked, it books both (two carers at once can be what the family wants).
    const both = await postEntries(familyA, `/chat/${withY}`, {
      intent: "accept",
      offerId: offerY,
      overlapConfirmed: "on",
    });
    expect(both.status).toBe(302);
    expect(await parentVisits()).toHaveLength(2);

    // The family's own offer to carer Y for another day; meanwhile carer X is booked for those hours.
    // Carer Y's accept is refused: the family never saw that clash when it made the offer.
    const later = daysAhead(8);
    expect(
      (await postEntries(familyA, `/chat/${withY}`, offerForm({ date: later, start: "15:00", end: "16:00" }))).status,
    ).toBe(302);
    const familysOffer = (await openOfferId(withY))!;
    expect(
      (await postEntries(carerX, `/chat/${withX}`, offerForm({ date: later, start: "15:30", end: "16:30" }))).status,
    ).toBe(302);
    const fromX = (await openOfferId(withX))!;
    expect((await postEntries(familyA, `/chat/${withX}`, { intent: "accept", offerId: fromX })).status).toBe(302);
    // Even when the booking reads as older than the offer (it committed while the offer was being sent,
    // and its row took its transaction's start time): the family was warned of nothing, so it is new.
    const [sentAt] = await app.db.select({ at: offers.createdAt }).from(offers).where(eq(offers.id, familysOffer));
    await app.db
      .update(visits)
      .set({ createdAt: new Date(sentAt!.at.getTime() - 60_000) })
      .where(and(eq(visits.offerId, fromX)));
    const busy = await postEntries(carerY, `/chat/${withY}`, {
      intent: "accept",
      offerId: familysOffer,
      overlapConfirmed: "on",
    });
    expect(busy.status).toBe(409);
    expect(await busy.text()).toContain(
      "Since the offer was sent, another visit has been booked for the parent at this time.",
    );
    expect(await parentVisits()).toHaveLength(3);
  });

  it("warns a carer of an overlapping visit before sending, and books a weekly series four weeks ahead", async () => {
    const id = await openAsFamily();
    const weekly = offerForm({
      schedule: "weekly",
      date: daysAhead(2),
      weekdays: "",
      weeks: "8",
      start: "08:00",
      end: "09:00",
    });
    const body: [string, string][] = [
      ...weekly.filter(([k]) => k !== "weekdays"),
      ...[0, 1, 2, 3, 4, 5, 6].map((d) => ["weekdays", String(d)] as [string, string]),
    ];
    await postEntries(carerX, `/chat/${id}`, body);
    const offerId = (await openOfferId(id))!;
    expect((await postEntries(familyA, `/chat/${id}`, { intent: "accept", offerId })).status).toBe(302);
    const [series] = await app.db.select().from(visitSeries).where(eq(visitSeries.offerId, offerId));
    expect(series).toBeDefined();
    const made = await app.db.select().from(visits).where(eq(visits.seriesId, series!.id));
    // Every day for about four weeks, not eight.
    expect(made.length).toBeGreaterThanOrEqual(26);
    expect(made.length).toBeLessThanOrEqual(29);
    // The text says it is a weekly series, and for how long (one text for many visits read as one).
    const [booked] = await app.db
      .select({ body: smsMessages.body })
      .from(smsMessages)
      .where(
        and(like(smsMessages.idempotencyKey, `visit_booked:${offerId}:%`), eq(smsMessages.userId, people.familyA.id)),
      );
    expect(booked?.body).toContain("weekly visits booked with Carer X");
    expect(booked?.body).toContain("8 weeks from");
    // Its page says the later ones come as their week does; once all eight weeks are booked, that they are.
    expect(await (await familyA.get(`/visits/${made[0]!.id}`)).text()).toContain(
      "the later ones appear as their week comes",
    );
    await app.db
      .update(visitSeries)
      .set({ generatedThrough: daysAhead(70) })
      .where(eq(visitSeries.id, series!.id));
    expect(await (await familyA.get(`/visits/${made[0]!.id}`)).text()).toContain("Every visit of the series is booked");
    await app.db
      .update(visitSeries)
      .set({ generatedThrough: series!.generatedThrough })
      .where(eq(visitSeries.id, series!.id));
    // The hourly generator keeps it four weeks ahead; running it twice adds nothing more.
    const twoWeeksOn = new Date(Date.now() + 14 * 86_400_000);
    const added = await extendSeries(app.db, twoWeeksOn);
    expect(added).toBeGreaterThanOrEqual(13);
    expect(await extendSeries(app.db, twoWeeksOn)).toBe(0);
    const all = await app.db.select().from(visits).where(eq(visits.seriesId, series!.id));
    expect(new Set(all.map((v) => v.occurrenceDate)).size).toBe(all.length);
    // A new offer at an overlapping time: the carer is warned, and may go ahead.
    const clash = offerForm({ date: daysAhead(3), start: "08:30", end: "09:30" });
    const warned = await postEntries(carerX, `/chat/${id}`, clash);
    expect(warned.status).toBe(409);
    expect(await warned.text()).toContain("overlapping time");
    expect((await postEntries(carerX, `/chat/${id}`, [...clash, ["overlapConfirmed", "on"]])).status).toBe(302);
    // The family's counter at an overlapping time: the carer's Accept says what it overlaps, on the
    // card (it showed only an "accept anyway" box), and goes ahead with the box ticked.
    // The family is warned first too, of the parent's own visit then (with Carer X), and goes ahead.
    const counterForm = offerForm({ date: daysAhead(4), start: "08:30", end: "09:30" });
    const familyWarned = await postEntries(familyA, `/chat/${id}`, counterForm);
    expect(familyWarned.status).toBe(409);
    expect((await familyWarned.text()).replaceAll("<!-- -->", "")).toMatch(
      /already has a visit at an overlapping time:[\s\S]{0,200}08:00–09:00 · with Carer X[\s\S]{0,400}Book both: send it anyway/,
    );
    expect((await postEntries(familyA, `/chat/${id}`, [...counterForm, ["overlapConfirmed", "on"]])).status).toBe(302);
    const counter = (await openOfferId(id))!;
    const refused = await postEntries(carerX, `/chat/${id}`, { intent: "accept", offerId: counter });
    expect(refused.status).toBe(409);
    const card = (await refused.text()).split('aria-label="Offer"').find((c) => c.includes(`value="${counter}"`))!;
    expect(card).toContain("overlapping time");
    expect(card).toMatch(/08:00–09:00/);
    expect(card).toContain("I can do both: accept anyway");
    const ticked = await postEntries(carerX, `/chat/${id}`, {
      intent: "accept",
      offerId: counter,
      overlapConfirmed: "on",
    });
    expect(ticked.status).toBe(302);
  });
});

describe("safety", () => {
  it("keeps a blocked user from sending messages or offers; report records once", async () => {
    const parentB = await makeParent(app.db, people.familyB.id, { name: "Qian Lan" });
    const id = await openAsFamily(familyB, parentB);
    await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "Hello!" });
    const [hello] = await app.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.body, "Hello!")));
    expect(
      (await postEntries(familyB, `/chat/${id}`, { intent: "report", messageId: hello!.id, reason: "scam" })).status,
    ).toBe(302);
    await postEntries(familyB, `/chat/${id}`, { intent: "report", messageId: hello!.id, reason: "scam" });
    expect(await app.db.select().from(messageReports).where(eq(messageReports.messageId, hello!.id))).toHaveLength(1);
    // Blocking is a second tap, after what it means is said (an outside probe blocked with one).
    const page = await (await familyB.get(`/chat/${id}`)).text();
    expect(page).toContain(
      '<details class="block-form"><summary class="button button--secondary">Block Carer X</summary>',
    );
    expect(page).toContain('value="block" class="button button--danger">Yes, block Carer X</button>');
    expect((await postEntries(familyB, `/chat/${id}`, { intent: "block" })).status).toBe(302);
    const refused = await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "Please answer" });
    expect(refused.status).toBe(403);
    expect((await postEntries(carerX, `/chat/${id}`, offerForm())).status).toBe(403);
    expect(await app.db.select().from(messages).where(eq(messages.body, "Please answer"))).toHaveLength(0);
    await postEntries(familyB, `/chat/${id}`, { intent: "unblock" });
    expect((await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "Thanks" })).status).toBe(302);
  });
});

describe("reports (found by an outside probe)", () => {
  it("reports only the other side's texts: one's own message and the platform's lines are refused", async () => {
    const id = await openAsFamily();
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "My own words" });
    const [own] = await app.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.body, "My own words")));
    const refused = await postEntries(familyA, `/chat/${id}`, { intent: "report", messageId: own!.id, reason: "scam" });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain("Only the other side&#x27;s messages can be reported.");
    // The carer's FAQ (sent in the carer's name), the carer's offer card and the platform's line saying
    // it was declined (no sender) are not texts the family can report either.
    expect((await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(9) }))).status).toBe(302);
    const offerId = (await openOfferId(id))!;
    expect((await postEntries(familyA, `/chat/${id}`, { intent: "decline", offerId })).status).toBe(302);
    const notTexts = await app.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, id), inArray(messages.kind, ["faq", "event", "offer"])));
    expect(new Set(notTexts.map((m) => m.kind))).toEqual(new Set(["faq", "event", "offer"]));
    expect(notTexts.some((m) => m.kind === "event" && m.senderId === null)).toBe(true);
    for (const m of notTexts) {
      expect(
        (await postEntries(familyA, `/chat/${id}`, { intent: "report", messageId: m.id, reason: "scam" })).status,
      ).toBe(403);
    }
    expect(await app.db.select().from(messageReports).where(eq(messageReports.conversationId, id))).toHaveLength(0);
  });

  it("says a refused report under the message reported, its form open, not under the message box", async () => {
    const id = await openAsFamily();
    await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "Reportable words" });
    const [theirs] = await app.db
      .select()
      .from(messages)
      .where(and(eq(messages.conversationId, id), eq(messages.body, "Reportable words")));
    const refused = await postEntries(familyA, `/chat/${id}`, {
      intent: "report",
      messageId: theirs!.id,
      reason: "other",
      note: "bad \u0001 note",
    });
    expect(refused.status).toBe(400);
    const page = await refused.text();
    const from = page.indexOf(`<li id="m${theirs!.seq}"`);
    const item = page.slice(from, page.indexOf('<li id="m', from + 1));
    expect(item).toContain('<details class="report" open="">');
    expect(item).toContain("Remove the control characters from this field.");
    expect(page).not.toContain('id="chat-body-error"');
  });
});

describe("the thread's times", () => {
  it("says they are the reader's when the reader's zone is not the parent's, and says nothing otherwise", async () => {
    const id = await openAsFamily();
    const note = "Message times are in your time zone";
    await app.db.update(users).set({ timeZone: "Europe/London" }).where(eq(users.id, people.familyA.id));
    try {
      const abroad = await (await familyA.get(`/chat/${id}`)).text();
      expect(abroad).toContain(note);
      expect(abroad).toContain(`${note} (United Kingdom Time)`);
    } finally {
      await app.db.update(users).set({ timeZone: ZONE }).where(eq(users.id, people.familyA.id));
    }
    expect(await (await familyA.get(`/chat/${id}`)).text()).not.toContain(note);
  });
});

describe("a family member who leaves the parent's family", () => {
  it("loses the parent's conversations: 404 for them, closed for the carer, requests cancelled, offers withdrawn", async () => {
    const shared = await makeParent(app.db, people.familyA.id, { name: "Sun Hua", accessNotes: "Gate 7788#" });
    await app.db.insert(parentMembers).values({ parentId: shared, userId: people.familyB.id, role: "member" });
    const id = await openAsFamily(familyB, shared);
    expect((await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(6) }))).status).toBe(302);
    const offerId = (await openOfferId(id))!;
    const requestId = await makeVisitRequest(app.db, { id: people.familyB.id, role: "family" }, shared);
    expect((await (await familyB.get("/chat")).text()).includes(`/chat/${id}`)).toBe(true);

    const removed = await postEntries(familyA, `/family/parents/${shared}`, {
      intent: "remove",
      userId: people.familyB.id,
    });
    expect(removed.status).toBe(302);
    // They no longer reach the conversation, in any form, and it leaves their inbox.
    expect((await familyB.get(`/chat/${id}`)).status).toBe(404);
    expect((await familyB.get(`/chat/${id}.data`)).status).toBe(404);
    expect((await familyB.get(`/chat/${id}/stream`, { Accept: "text/event-stream" })).status).toBe(404);
    expect((await postEntries(familyB, `/chat/${id}`, { intent: "accept", offerId })).status).toBe(404);
    expect((await (await familyB.get("/chat")).text()).includes(`/chat/${id}`)).toBe(false);
    // What they set going stops with them.
    const [request] = await app.db.select().from(visitRequests).where(eq(visitRequests.id, requestId));
    expect(request!.status).toBe("cancelled");
    const [offer] = await app.db.select().from(offers).where(eq(offers.id, offerId));
    expect(offer!.status).toBe("withdrawn");
    const fromRequest = await postEntries(carerY, "/chat/new", { from: "request", requestId, offer: "no" });
    expect(fromRequest.headers.get("location")).toBe("/carer/jobs");
    // The carer reads the conversation, told why it is closed, and can send nothing into it.
    const page = await (await carerX.get(`/chat/${id}`)).text();
    expect(page).toContain("no longer looks after Sun Hua");
    expect(page).not.toContain('name="body"');
    expect((await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "Still there?" })).status).toBe(403);
    expect((await postEntries(carerX, `/chat/${id}`, offerForm({ date: daysAhead(7) }))).status).toBe(403);
    expect(await app.db.select().from(messages).where(eq(messages.body, "Still there?"))).toHaveLength(0);
    expect(await app.db.select().from(visits).where(eq(visits.parentId, shared))).toHaveLength(0);
  });

  it("cannot book through an offer they sent before they went", async () => {
    const shared = await makeParent(app.db, people.familyA.id, { name: "Wu Fang" });
    await app.db.insert(parentMembers).values({ parentId: shared, userId: people.familyB.id, role: "member" });
    const id = await openAsFamily(familyB, shared);
    expect((await postEntries(familyB, `/chat/${id}`, offerForm({ date: daysAhead(8) }))).status).toBe(302);
    const offerId = (await openOfferId(id))!;
    // The membership gone without the rest (as if the removal ran alongside the acceptance).
    await app.db
      .delete(parentMembers)
      .where(and(eq(parentMembers.parentId, shared), eq(parentMembers.userId, people.familyB.id)));
    // The page offers no way to accept, and a post is refused. (acceptOffer checks the membership
    // again inside the booking's transaction, under a lock, for a removal at the same moment.)
    const page = await (await carerX.get(`/chat/${id}`)).text();
    expect(page).toContain("Family B no longer looks after Wu Fang");
    expect(page).not.toContain('value="accept"');
    const accepted = await postEntries(carerX, `/chat/${id}`, { intent: "accept", offerId });
    expect(accepted.status).toBe(409);
    expect(await app.db.select().from(visits).where(eq(visits.offerId, offerId))).toHaveLength(0);
  });

  it("lets a member leave (back to their list), and not the last owner", async () => {
    const shared = await makeParent(app.db, people.familyA.id, { name: "Zheng Yu" });
    await app.db.insert(parentMembers).values({ parentId: shared, userId: people.familyB.id, role: "member" });
    expect(await (await familyB.get(`/family/parents/${shared}`)).text()).toContain("Stop sharing Zheng Yu");
    // The only owner is not offered the way out, and is refused it.
    expect(await (await familyA.get(`/family/parents/${shared}`)).text()).not.toContain("Stop sharing");
    const ownerLeaves = await postEntries(familyA, `/family/parents/${shared}`, {
      intent: "remove",
      userId: people.familyA.id,
    });
    expect(ownerLeaves.status).toBe(403);
    const left = await postEntries(familyB, `/family/parents/${shared}`, {
      intent: "remove",
      userId: people.familyB.id,
    });
    expect(left.status).toBe(302);
    expect(left.headers.get("location")).toBe("/family");
    expect((await familyB.get(`/family/parents/${shared}`)).status).toBe(404);
  });
});

describe("the event stream", () => {
  async function readEvents(res: Response, until: (text: string) => boolean) {
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

  it("replays after Last-Event-ID, then delivers new messages live, with no gaps or repeats", async () => {
    const id = await openAsFamily();
    for (const body of ["one", "two", "three"]) await postEntries(familyA, `/chat/${id}`, { intent: "send", body });
    const rows = await app.db.select().from(messages).where(eq(messages.conversationId, id));
    const two = rows.find((r) => r.body === "two")!.seq;
    const controller = new AbortController();
    const res = await carerX.request(`/chat/${id}/stream`, {
      headers: { "Last-Event-ID": String(two), Accept: "text/event-stream" },
      signal: controller.signal,
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("content-encoding")).toBeNull();
    const reading = readEvents(res, (t) => t.includes('"four"'));
    await new Promise((r) => setTimeout(r, 300));
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "four" });
    const text = await reading;
    controller.abort();
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual([two + 1, two + 2]);
    expect(text).toContain('"three"');
    expect(text).not.toContain('"two"');
  });

  it("replays everything a client missed, past one read's page, and hears a client whose number was never ours", async () => {
    // An outside probe: back after 220 messages, a chat showed the first 200 and waited for the next one.
    const id = await openAsFamily();
    const [{ lastSeq: base }] = (await app.db
      .select({ lastSeq: conversations.lastSeq })
      .from(conversations)
      .where(eq(conversations.id, id))) as [{ lastSeq: number }];
    const missed = MESSAGES_PAGE + 30;
    await app.db.insert(messages).values(
      Array.from({ length: missed }, (_, i) => ({
        conversationId: id,
        seq: base + 1 + i,
        senderId: people.familyA.id,
        kind: "text" as const,
        body: `missed ${i + 1}`,
      })),
    );
    await app.db
      .update(conversations)
      .set({ lastSeq: base + missed })
      .where(eq(conversations.id, id));
    const back = await carerX.request(`/chat/${id}/stream`, {
      headers: { "Last-Event-ID": String(base), Accept: "text/event-stream" },
    });
    const replayed = await readEvents(back, (t) => t.includes(`"missed ${missed}"`));
    const ids = [...replayed.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids).toEqual(Array.from({ length: missed }, (_, i) => base + 1 + i));

    // Last-Event-ID: 99999 on a conversation far shorter: the next message still arrives.
    const careless = await carerX.request(`/chat/${id}/stream`, {
      headers: { "Last-Event-ID": "99999", Accept: "text/event-stream" },
    });
    const reading = readEvents(careless, (t) => t.includes('"after a made-up number"'));
    await new Promise((r) => setTimeout(r, 300));
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "after a made-up number" });
    const text = await reading;
    expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([base + missed + 1]);
  });

  it("ends when its viewer logs out, before the next message", async () => {
    // Found from outside on the visit stream (the same guard): access is asked afresh before each send.
    const id = await openAsFamily();
    const carer = new HttpClient(app.url);
    expect((await carer.login(people.carerX.email, TEST_PASSWORD)).status).toBe(302);
    const res = await carer.request(`/chat/${id}/stream`, { headers: { Accept: "text/event-stream" } });
    expect(res.status).toBe(200);
    const seen = readToEnd(res);
    await new Promise((r) => setTimeout(r, 300));
    expect((await carer.post("/logout", {})).status).toBe(302);
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "after the carer left" });
    const { text, ended } = await seen;
    expect(ended).toBe(true);
    expect(text).not.toContain("after the carer left");
  });

  it("lets go of a stream whose client left, even after a garbage collection", async () => {
    // Found by bench:chat: once the server's Request object was collected, its signal no longer
    // heard the disconnect, and every stream open long enough to see a GC stayed subscribed forever.
    v8.setFlagsFromString("--expose-gc");
    const gc = vm.runInNewContext("gc") as () => void;
    const id = await openAsFamily();
    const hub = app.server.hub;
    const before = hub.size;
    const controller = new AbortController();
    const res = await carerX.request(`/chat/${id}/stream`, {
      headers: { Accept: "text/event-stream" },
      signal: controller.signal,
    });
    await res.body!.getReader().read(); // the first line comes after the subscription
    expect(hub.size).toBe(before + 1);
    await new Promise((r) => setTimeout(r, 50));
    gc();
    controller.abort();
    await expect.poll(() => hub.size, { timeout: 5000 }).toBe(before);
  });
});

describe("response time", () => {
  it("is the carer's median first reply over 30 days, shown on the profile", async () => {
    const parent = await makeParent(app.db, people.familyA.id, { name: "Reply Test" });
    const id = await openAsFamily(familyA, parent);
    await postEntries(familyA, `/chat/${id}`, { intent: "send", body: "Hi" });
    await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "Hello" });
    const [c] = await app.db
      .select({ median: carers.replyMinutesMedian })
      .from(carers)
      .where(eq(carers.userId, people.carerX.id));
    expect(c!.median).not.toBeNull();
    expect(await (await familyA.get(`/carers/${people.carerX.id}`)).text()).toContain("Usually replies within");
  });
});

// Last in the file: it opens a conversation with carer Y, whom the tests above count conversations of.
describe("a carer's own words", () => {
  it("masks contact details in a carer's FAQ and bio for families, in the first message and on the profile", async () => {
    const [before] = await app.db
      .select({ faq: carers.faq, bio: carers.bio })
      .from(carers)
      .where(eq(carers.userId, people.carerY.id));
    await app.db
      .update(carers)
      .set({
        faq: [{ question: "How do I reach you?", answer: "WeChat: carer_y88 or call 138 0013 8004" }],
        bio: "Ten years of care. Call me on 138 0013 8004.",
      })
      .where(eq(carers.userId, people.carerY.id));
    try {
      const id = await openAsFamily(familyB, await makeParent(app.db, people.familyB.id), people.carerY.id);
      for (const path of [
        `/chat/${id}`,
        `/chat/${id}.data`,
        `/carers/${people.carerY.id}`,
        `/carers/${people.carerY.id}.data`,
      ]) {
        const body = await (await familyB.get(path)).text();
        expect(body, path).toContain("How do I reach you?");
        expect(withoutIds(body), path).not.toContain("0013");
        expect(body, path).not.toContain("carer_y88");
      }
      // The carer reads their own words as written.
      const own = await (await carerY.get(`/carers/${people.carerY.id}`)).text();
      expect(own).toContain("138 0013 8004");
    } finally {
      await app.db.update(carers).set(before!).where(eq(carers.userId, people.carerY.id));
    }
  });
});

describe("one carer, two bookings for the same hours at once", () => {
  it("books one: the other family is told the carer is taken, the carer's second accept shows the clash", async () => {
    const parentB = await makeParent(app.db, people.familyB.id, { name: "Qian Lan" });
    const slot = { date: daysAhead(23), start: "06:00", end: "07:00" };
    // The carer offers the same hours to two families, who accept at the same moment.
    const toA = await openAsFamily(familyA, parentA, people.carerX.id);
    const toB = await openAsFamily(familyB, parentB, people.carerX.id);
    for (const id of [toA, toB]) expect((await postEntries(carerX, `/chat/${id}`, offerForm(slot))).status).toBe(302);
    const [offerA, offerB] = [(await openOfferId(toA))!, (await openOfferId(toB))!];
    const [a, b] = await Promise.all([
      postEntries(familyA, `/chat/${toA}`, { intent: "accept", offerId: offerA }),
      postEntries(familyB, `/chat/${toB}`, { intent: "accept", offerId: offerB }),
    ]);
    expect([a.status, b.status].sort()).toEqual([302, 409]);
    const refused = a.status === 409 ? a : b;
    expect(await refused.text()).toContain("The carer has been booked at this time since sending the offer.");
    const booked = await app.db
      .select()
      .from(visits)
      .where(and(eq(visits.carerId, people.carerX.id), inArray(visits.offerId, [offerA, offerB])));
    expect(booked).toHaveLength(1);

    // Two families offer the carer the same later hours; the carer accepts both at once.
    const later = { date: daysAhead(24), start: "06:00", end: "07:00" };
    for (const [client, id] of [
      [familyA, toA],
      [familyB, toB],
    ] as const) {
      expect((await postEntries(client, `/chat/${id}`, offerForm(later))).status).toBe(302);
    }
    const [fromA, fromB] = [(await openOfferId(toA))!, (await openOfferId(toB))!];
    const answers = await Promise.all([
      postEntries(carerX, `/chat/${toA}`, { intent: "accept", offerId: fromA }),
      postEntries(carerX, `/chat/${toB}`, { intent: "accept", offerId: fromB }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([302, 409]);
    expect(
      await app.db
        .select()
        .from(visits)
        .where(inArray(visits.offerId, [fromA, fromB])),
    ).toHaveLength(1);
  });
});

describe("reading a conversation", () => {
  it("is not done by a link from another site: only the page itself, or our own links, read it", async () => {
    const id = await openAsFamily();
    expect((await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "Shall we say Friday?" })).status).toBe(
      302,
    );
    const unread = async () =>
      (await app.db.select({ n: conversations.familyUnread }).from(conversations).where(eq(conversations.id, id)))[0]!
        .n;
    expect(await unread()).toBeGreaterThan(0);
    const crossSite = await familyA.request(`/chat/${id}`, { headers: { "Sec-Fetch-Site": "cross-site" } });
    expect(crossSite.status).toBe(200);
    expect(await crossSite.text()).toContain("Shall we say Friday?");
    expect(await unread()).toBeGreaterThan(0);
    // The page sends its receipt, a same-origin post.
    const [last] = await app.db
      .select({ seq: conversations.lastSeq })
      .from(conversations)
      .where(eq(conversations.id, id));
    expect((await postEntries(familyA, `/chat/${id}`, { intent: "read", seq: String(last!.seq) })).status).toBe(200);
    expect(await unread()).toBe(0);
    // Opened from our own pages, the loader reads it.
    expect((await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "Or Saturday?" })).status).toBe(302);
    await familyA.request(`/chat/${id}`, { headers: { "Sec-Fetch-Site": "same-origin" } });
    expect(await unread()).toBe(0);
  });
});

describe("an offer that starts soon (found on a walk)", () => {
  /** A start 12 to 23 hours ahead in Shanghai, at a quarter hour between 06:00 and 21:45. */
  function soonInShanghai() {
    for (let hours = 12; hours < 24; hours++) {
      const at = new Date(Date.now() + hours * 3_600_000);
      const { hour } = zonedParts("Asia/Shanghai", at);
      if (hour >= 6 && hour <= 21)
        return { date: dateIn("Asia/Shanghai", at), start: formatClock(hour * 60), end: formatClock(hour * 60 + 45) };
    }
    throw new Error("no hour between 06:00 and 21:00 in the next 24 hours");
  }

  it("says before booking what cancelling the first visit would already cost each side, and nothing when it is free", async () => {
    const parentId = await makeParent(app.db, people.familyA.id, { name: "Zhou Min" });
    const id = await openAsFamily(familyA, parentId);
    const soon = soonInShanghai();
    // Moderate: free until 24 hours before, then half of ¥120.
    expect((await postEntries(carerX, `/chat/${id}`, offerForm(soon))).status).toBe(302);
    const forFamily = await (await familyA.get(`/chat/${id}`)).text();
    expect(forFamily).toContain(
      "Booked now, cancelling the visit would already cost ¥60: it starts inside the paid window.",
    );
    // The carer, inside 24 hours: a cancellation would be a late one.
    const forCarer = await (await carerX.get(`/chat/${id}`)).text();
    expect(forCarer).toContain("cancelling the visit would count as a late cancellation");
    expect(forCarer).not.toContain("would already cost");
    // Three days ahead, cancelling is free for both: nothing is said.
    expect((await postEntries(carerX, `/chat/${id}`, offerForm())).status).toBe(302);
    for (const client of [familyA, carerX]) {
      expect(await (await client.get(`/chat/${id}`)).text()).not.toContain('data-testid="offer-inside-window"');
    }
  });
});

describe("refusals of /chat/new (found by an outside probe)", () => {
  it("answers a job gone, a parent not theirs and a forged form with the error page in the reader's language", async () => {
    // A carer who reads Chinese: a job that does not exist is the 404 page, in Chinese, as HTML.
    await app.db.update(users).set({ locale: "zh-CN" }).where(eq(users.id, people.carerX.id));
    const gone = await postEntries(carerX, "/chat/new", { from: "request", requestId: randomUUID(), offer: "yes" });
    await app.db.update(users).set({ locale: "en" }).where(eq(users.id, people.carerX.id));
    expect(gone.status).toBe(404);
    expect(gone.headers.get("content-type")).toContain("text/html");
    expect(await gone.text()).toContain("页面不存在");
    // Family B about family A's parent: not found, in English.
    const notTheirs = await postEntries(familyB, "/chat/new", {
      from: "service",
      carerId: people.carerX.id,
      parentId: parentA,
      service: "companionship",
    });
    expect(notTheirs.status).toBe(404);
    expect(notTheirs.headers.get("content-type")).toContain("text/html");
    expect(await notTheirs.text()).not.toMatch(/^Not found$/);
    // A forged form: 400, the page, not a bare "Bad request".
    const forged = await postEntries(familyA, "/chat/new", { from: "nowhere" });
    expect(forged.status).toBe(400);
    expect(forged.headers.get("content-type")).toContain("text/html");
    expect(await forged.text()).toContain('class="error-code"');
  });
});

describe("the inbox (found on a walk)", () => {
  it("shows a carer a conversation once someone wrote in it, not one a family opened and left", async () => {
    const parentB = await makeParent(app.db, people.familyB.id, { name: "Gao Lan" });
    const id = await openAsFamily(familyB, parentB);
    // The family's own list has it, with the carer's FAQ; the carer's does not, yet.
    expect(await (await familyB.get("/chat")).text()).toContain(`/chat/${id}`);
    expect(await (await carerX.get("/chat")).text()).not.toContain(`/chat/${id}`);
    expect(
      (await postEntries(familyB, `/chat/${id}`, { intent: "send", body: "Hello, are you free on Friday?" })).status,
    ).toBe(302);
    const inbox = await (await carerX.get("/chat")).text();
    expect(inbox).toContain(`/chat/${id}`);
    expect(inbox).toContain("Hello, are you free on Friday?");
  });

  it("gives today's last message its time alone, as the thread does, not its date", async () => {
    const id = await openAsFamily();
    expect((await postEntries(carerX, `/chat/${id}`, { intent: "send", body: "See you soon" })).status).toBe(302);
    const inbox = await (await familyA.get("/chat")).text();
    const row = inbox.slice(inbox.indexOf(`/chat/${id}`));
    expect(/<time dateTime="[^"]+">([^<]*)<\/time>/.exec(row)?.[1]).toMatch(/^\d\d:\d\d$/);
  });
});

describe("a parent the carer's area does not reach (found on a phone walk)", () => {
  it("chooses the parent searched for on the profile, says which parents are outside, and tells both sides in chat", async () => {
    // Shanghai, ~170 km from the carer's 8 km area around Hangzhou.
    const far = await makeParent(app.db, people.familyA.id, { name: "Mei Lin", lat: 31.2304, lng: 121.4737 });
    const profile = (query: string) => familyA.get(`/carers/${people.carerX.id}${query}`).then((r) => r.text());
    const selected = (page: string) => /<option value="([0-9a-f-]{36})" selected="">/.exec(page)?.[1];

    // Came from Mei Lin's search: she is chosen, and the way back names her.
    const fromFar = await profile(`?parent=${far}&service=companionship`);
    expect(selected(fromFar)).toBe(far);
    expect(fromFar).toContain(`href="/family/parents/${far}/carers"`);
    expect(fromFar).toContain("Carers near Mei Lin");
    expect(fromFar).toMatch(/Mei Lin \(outside this area, about \d+(\.5)? km away\)/);
    expect(fromFar).toMatch(/Mei Lin lives about \d+(\.5)? km from [^<]+ base, outside the 8 km area/);
    // Without it (or with a parent not theirs), the first parent the area reaches; no way back.
    for (const query of ["", `?parent=${randomUUID()}`, "?parent=nonsense"]) {
      const page = await profile(query);
      expect(selected(page), query).toBe(parentA);
      expect(page, query).not.toContain("Carers near");
      expect(page, query).not.toContain("Mei Lin lives about");
    }
    // The search's links carry the parent.
    const search = await (await familyA.get(`/family/parents/${parentA}/carers`)).text();
    expect(search).toContain(`href="/carers/${people.carerX.id}?parent=${parentA}"`);

    // In the conversation about her, both sides read it; about a parent inside the area, neither does.
    const farChat = await openAsFamily(familyA, far);
    const familyView = await (await familyA.get(`/chat/${farChat}`)).text();
    const carerView = await (await carerX.get(`/chat/${farChat}`)).text();
    expect(familyView).toMatch(/Mei Lin lives about \d+(\.5)? km from [^<]+ base, outside the 8 km area/);
    expect(carerView).toMatch(/Mei Lin lives about \d+(\.5)? km from your base, outside the 8 km area you cover/);
    // Nothing finer than a rounded distance: not the home's coordinates.
    for (const page of [fromFar, familyView, carerView]) expect(page).not.toMatch(/31\.230|121\.473/);
    const nearChat = await openAsFamily(familyA, parentA);
    for (const client of [familyA, carerX]) {
      expect(await (await client.get(`/chat/${nearChat}`)).text()).not.toContain("outside the 8 km area");
    }
  });
});
