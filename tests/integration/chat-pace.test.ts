// How fast one account may write in chats (app/chat/pace.server.ts), with small limits set for this
// file: the other files run with limits no test reaches. Found by an outside probe: a hundred messages
// in seven seconds all landed in the other side's thread.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messages, offers } from "~db/schema";
import { daysAhead, offerEntries, openConversation } from "../support/chat-fixtures";
import { TEST_PASSWORD } from "../support/fixtures";
import { makeCarerProfile, makeParent, postEntries, WEST_LAKE } from "../support/geo-fixtures";
import { listen } from "../support/event-stream";
import { MAX_STREAMS_PER_USER } from "~/realtime/sse.server";
import { HttpClient } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

const MESSAGES = 5;
const OFFERS = 3;
const TYPING = 30; // fixed: the composer's own cadence (TYPING_PER_MINUTE)

let app: TestApp;
let conversationId: string;

beforeAll(async () => {
  app = await startAppWithPersonas({
    CHAT_MESSAGES_PER_MINUTE: String(MESSAGES),
    CHAT_OFFERS_PER_MINUTE: String(OFFERS),
  });
  const { familyA, carerX } = app.personas;
  await makeCarerProfile(app.db, carerX.id, { lat: WEST_LAKE.lat, lng: WEST_LAKE.lng, radiusKm: 8 });
  const parent = await makeParent(app.db, familyA.id, { name: "Zhou Min" });
  conversationId = await openConversation(familyA.client, carerX.id, parent);
});
afterAll(() => app?.close());

describe("the pace of a chat", () => {
  it("refuses messages past the minute's limit with 429 and a message; nothing of them is stored; the other side still writes", async () => {
    const { familyA, carerX } = app.personas;
    const chat = `/chat/${conversationId}`;
    const statuses: number[] = [];
    for (let i = 1; i <= MESSAGES + 2; i++) {
      statuses.push((await postEntries(familyA.client, chat, { intent: "send", body: `flood ${i}` })).status);
    }
    expect(statuses).toEqual([...Array(MESSAGES).fill(302), 429, 429]);
    const refused = await postEntries(familyA.client, chat, { intent: "send", body: "one more" });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(await refused.text()).toContain("Wait a minute, then send it again.");
    const stored = await app.db
      .select({ body: messages.body })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.senderId, familyA.id)));
    expect(stored.map((m) => m.body)).toEqual(Array.from({ length: MESSAGES }, (_, i) => `flood ${i + 1}`));
    // The count is the sender's: the carer is not held back by the family's flood.
    expect((await postEntries(carerX.client, chat, { intent: "send", body: "Slow down, please" })).status).toBe(302);
  });

  it("counts a double-posted message once, and refuses offers past their own limit", async () => {
    const { carerX } = app.personas;
    const chat = `/chat/${conversationId}`;
    // A double tap: one key twice is one message, and counts once. With "Slow down, please" above,
    // the carer has sent two: MESSAGES - 2 more go through, and the next is refused.
    const submissionKey = crypto.randomUUID();
    for (let i = 0; i < 2; i++) {
      const tapped = await postEntries(carerX.client, chat, { intent: "send", body: "See you Tuesday", submissionKey });
      expect(tapped.status).toBe(302);
    }
    const more: number[] = [];
    for (let i = 0; i < MESSAGES - 1; i++) {
      more.push((await postEntries(carerX.client, chat, { intent: "send", body: `note ${i}` })).status);
    }
    expect(more).toEqual([...Array(MESSAGES - 2).fill(302), 429]);
    const offered: number[] = [];
    for (let i = 0; i < OFFERS + 1; i++) {
      offered.push(
        (await postEntries(carerX.client, chat, offerEntries({ date: daysAhead(5 + i), end: "11:00" }))).status,
      );
    }
    expect(offered).toEqual([...Array(OFFERS).fill(302), 429]);
    const sent = await app.db.select({ id: offers.id }).from(offers).where(eq(offers.conversationId, conversationId));
    expect(sent).toHaveLength(OFFERS);
  });

  it("drops typing pings past 30 a minute without an error: the other side's stream hears 30", async () => {
    const { familyA, carerX } = app.personas;
    const carer = new HttpClient(app.url);
    expect((await carer.login(carerX.email, TEST_PASSWORD)).status).toBe(302);
    const res = await carer.request(`/chat/${conversationId}/stream`, { headers: { Accept: "text/event-stream" } });
    expect(res.status).toBe(200);
    const heard = listen(res);
    await new Promise((r) => setTimeout(r, 300));
    for (let i = 0; i < TYPING + 5; i++) {
      expect((await postEntries(familyA.client, `/chat/${conversationId}`, { intent: "typing" })).status).toBe(200);
    }
    // Every ping is posted: the stream hears the first 30, however late, and nothing more after a while.
    const typings = (text: string) => text.match(/^event: typing$/gm)?.length ?? 0;
    await heard.until((text) => typings(text) >= TYPING);
    await heard.during(1500);
    await heard.stop();
    expect(typings(heard.text)).toBe(TYPING);
  });
});

describe("live streams per person", () => {
  it("holds at most MAX_STREAMS_PER_USER open at once: the next is 429, and a closed one frees its place", async () => {
    const { carerX } = app.personas;
    const carer = new HttpClient(app.url);
    expect((await carer.login(carerX.email, TEST_PASSWORD)).status).toBe(302);
    const open = async () => {
      const stop = new AbortController();
      const res = await carer.request(`/chat/${conversationId}/stream`, {
        headers: { Accept: "text/event-stream" },
        signal: stop.signal,
      });
      return { res, stop };
    };
    const held = [];
    for (let i = 0; i < MAX_STREAMS_PER_USER; i++) held.push(await open());
    expect(held.map((h) => h.res.status)).toEqual(Array(MAX_STREAMS_PER_USER).fill(200));
    const refused = await open();
    expect(refused.res.status).toBe(429);
    expect(refused.res.headers.get("retry-after")).toBe("30");
    // Another person is not held to this one's count.
    const { familyA } = app.personas;
    const other = await familyA.client.request(`/chat/${conversationId}/stream`, {
      headers: { Accept: "text/event-stream" },
      signal: AbortSignal.timeout(2000),
    });
    expect(other.status).toBe(200);
    await other.body?.cancel().catch(() => {});
    // Closing one gives its place back.
    held[0]!.stop.abort();
    await expect
      .poll(async () => {
        const again = await open();
        if (again.res.status === 200) held.push(again);
        return again.res.status;
      })
      .toBe(200);
    for (const h of held) h.stop.abort();
  });
});
