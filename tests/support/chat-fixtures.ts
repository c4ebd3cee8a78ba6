// A booked visit made the way people make one: the family opens a conversation with the carer, the
// carer sends an offer, the family accepts it, all over HTTP against the running app.
import { and, eq } from "drizzle-orm";
import { offers } from "~db/schema";
import { dateIn } from "~/geo/time-zone";
import { postEntries } from "./geo-fixtures";
import type { HttpClient } from "./http-client";
import { sessionClient } from "./personas";
import type { TestApp } from "./test-server";

/** A date some days ahead in Shanghai, whatever today is. */
export const daysAhead = (n: number, zone = "Asia/Shanghai") => dateIn(zone, new Date(Date.now() + n * 86_400_000));

/** The family member opens (or reopens) their conversation with the carer about a parent, over HTTP. */
export async function openConversation(family: HttpClient, carerId: string, parentId: string): Promise<string> {
  const opened = await postEntries(family, "/chat/new", {
    from: "service",
    carerId,
    parentId,
    service: "companionship",
  });
  if (opened.status !== 302) throw new Error(`opening the conversation answered ${opened.status}`);
  return opened.headers.get("location")!.replace("/chat/", "");
}

/** The carer's offer form for one visit of companionship on `date`, as the chat page posts it. */
export function offerEntries({ date = daysAhead(3), start = "10:00", end = "11:30", tasks = "Tea and a chat" } = {}) {
  return {
    intent: "offer",
    service: "companionship",
    schedule: "once",
    date,
    start,
    end,
    tasks,
    price: "100",
    cancellation: "moderate",
    expiresInHours: "24",
  };
}

export async function bookThroughChat(
  app: Pick<TestApp, "url" | "db">,
  familyUserId: string,
  carerId: string,
  parentId: string,
  { date = daysAhead(3), start = "10:00", end = "11:30", tasks = "Tea and a chat" } = {},
) {
  const family = await sessionClient(app.url, app.db, familyUserId);
  const carer = await sessionClient(app.url, app.db, carerId);
  const conversationId = await openConversation(family, carerId, parentId);
  const sent = await postEntries(carer, `/chat/${conversationId}`, offerEntries({ date, start, end, tasks }));
  if (sent.status !== 302) throw new Error(`sending the offer answered ${sent.status}: ${await sent.text()}`);
  const [offer] = await app.db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.conversationId, conversationId), eq(offers.status, "open")));
  // Tests book one parent at the same hours with several carers: the family's warning is answered.
  const accepted = await postEntries(family, `/chat/${conversationId}`, {
    intent: "accept",
    offerId: offer!.id,
    overlapConfirmed: "on",
  });
  const visitId = /\/visits\/([0-9a-f-]+)/.exec(accepted.headers.get("location") ?? "")?.[1];
  if (!visitId) throw new Error(`accepting answered ${accepted.status}`);
  return { conversationId, visitId, offerId: offer!.id };
}
