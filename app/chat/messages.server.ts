// Messages: numbered under the conversation's row lock (so they commit in order), masked for the
// receiver until a visit is booked, announced to the streams, and texted to an offline receiver at
// most once an hour per conversation.
import { and, asc, desc, eq, gt, lt, sql } from "drizzle-orm";
import { carers, messages, users, type Conversation, type Message } from "~db/schema";
import { preparedQuery, queryRows, type Database } from "~/db.server";
import type { Env } from "~/env.server";
import type { Jobs } from "~/jobs/jobs.server";
import type { Hub } from "~/realtime/hub.server";
import { queueSms } from "~/sms/sms.server";
import {
  type ClosedReason,
  type ConversationAccess,
  conversationClosed,
  topicOf,
  userTopic,
} from "./conversations.server";
import { knownDetailsOfParent } from "./known-details.server";
import { type SentText, SPLIT_MESSAGES, SPLIT_WINDOW_MS, textsBefore, textsJustBeforeIn } from "./split-texts.server";
import { canSeeParentExact } from "~/privacy/location";
import { carerAccessUntil } from "~/visits/visits.server";
import { type KnownDetails, maskContactDetails, maskContactDetailsAfter, NO_KNOWN_DETAILS } from "./masking";
import { withinChatPace } from "./pace.server";

/** What sending a message sets off besides the row: the stream notice and, maybe, a text. */
export interface ChatEffects {
  jobs: Jobs;
  env: Env;
  hub: Hub;
}

/** Offline = no page or open chat stream for this long: the receiver gets a text instead. */
export const OFFLINE_AFTER_MS = 5 * 60_000;
/** At most one "new message" text per conversation and receiver in this time. */
export const TEXT_EVERY_MS = 60 * 60_000;
/** How many messages a page shows (older ones behind "earlier messages"). */
export const PAGE_SIZE = 50;

interface NewMessage {
  /** Null when the platform writes it (the carer's FAQ, an offer's outcome). */
  senderId: string | null;
  kind: Message["kind"];
  body?: string;
  offerId?: string;
  event?: string;
  eventData?: Record<string, string | number>;
}

/**
 * Appends a message inside the caller's transaction: takes the next number under the
 * conversation's lock, counts it unread for the other side (and nothing unread for the sender, whose
 * receipt moves to it), and announces it at commit.
 */
export async function appendMessage(
  tx: Database,
  hub: Pick<Hub, "notify">,
  conversation: Pick<Conversation, "id" | "familyUserId" | "carerId" | "parentId">,
  message: NewMessage,
  now: Date,
): Promise<{ seq: number; masked: boolean; booked: boolean }> {
  const fromFamily = message.senderId === conversation.familyUserId;
  const fromCarer = message.senderId === conversation.carerId;
  const [row] = await queryRows<{ seq: number; booked_at: Date | null; first_reply: boolean }>(
    tx,
    sql`update conversations set
          last_seq = last_seq + 1,
          last_message_at = ${now.toISOString()}::timestamptz,
          -- The sender has read the conversation up to their own message (their receipt moves to
          -- it below), so nothing in it is unread for them any more.
          family_unread = ${fromFamily ? sql`0` : sql`family_unread + 1`},
          carer_unread = ${fromCarer ? sql`0` : sql`carer_unread + 1`},
          family_read_seq = case when ${fromFamily} then last_seq + 1 else family_read_seq end,
          carer_read_seq = case when ${fromCarer} then last_seq + 1 else carer_read_seq end,
          first_family_message_at = case when ${fromFamily} and first_family_message_at is null
            then ${now.toISOString()}::timestamptz else first_family_message_at end,
          first_carer_reply_at = case when ${fromCarer} and first_carer_reply_at is null
            and first_family_message_at is not null then ${now.toISOString()}::timestamptz else first_carer_reply_at end
        where id = ${conversation.id}
        returning last_seq as seq, booked_at,
          (${fromCarer} and first_carer_reply_at = ${now.toISOString()}::timestamptz) as first_reply`,
  );
  const { seq, booked_at: bookedAt, first_reply: firstReply } = row!;
  const body = message.body ?? "";
  // Masked at sending, for good: a message sent before the booking stays masked after it. A text is
  // read after the sender's last few (a number typed across messages is still a number).
  // The parent's own address, codes and phone are masked however they are written (an outside probe),
  // in what the family writes only: the carer cannot give away what they were never told, and a
  // carer's text masked on them told the carer (their "hidden from the other side" note, or the FAQ's
  // mask) whether a guessed door code or house number was the parent's: an outside probe found a
  // door code in 19 messages. The general patterns (numbers, messenger ids, links) hold for both.
  const masks = !bookedAt && body !== "";
  const known = masks && fromFamily ? await knownDetailsOfParent(tx, conversation.parentId) : NO_KNOWN_DETAILS;
  const masking = !masks
    ? { text: body, masked: false }
    : message.kind === "text" && message.senderId
      ? maskContactDetailsAfter(await textsJustBefore(tx, conversation.id, message.senderId, seq, now), body, known)
      : maskedBody(message.kind, body, known);
  await tx.insert(messages).values({
    conversationId: conversation.id,
    seq,
    senderId: message.senderId,
    kind: message.kind,
    body,
    maskedBody: masking.masked ? masking.text : null,
    offerId: message.offerId ?? null,
    event: message.event ?? null,
    eventData: message.eventData ?? null,
    createdAt: now,
  });
  if (firstReply) await refreshReplyTime(tx, conversation.carerId, now);
  await hub.notify(tx, { topic: topicOf(conversation.id), seq });
  for (const userId of [conversation.familyUserId, conversation.carerId]) {
    if (userId !== message.senderId) await hub.notify(tx, { topic: userTopic(userId), seq, kind: "unread" });
  }
  return { seq, masked: masking.masked, booked: Boolean(bookedAt) };
}

/** The sender's texts just before message `seq` (the last few minutes' last two), oldest first. */
async function textsJustBefore(tx: Database, conversationId: string, senderId: string, seq: number, now: Date) {
  const rows = await tx
    .select({ body: messages.body })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        lt(messages.seq, seq),
        eq(messages.senderId, senderId),
        eq(messages.kind, "text"),
        gt(messages.createdAt, new Date(now.getTime() - SPLIT_WINDOW_MS)),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(SPLIT_MESSAGES);
  return rows.map((r) => r.body).reverse();
}

/** What the receiver of a message sees: a text masked; the carer's FAQ masked answer by answer. */
function maskedBody(kind: string, body: string, known: KnownDetails): { text: string; masked: boolean } {
  if (kind === "text") return maskContactDetails(body, known);
  if (kind !== "faq") return { text: body, masked: false };
  let masked = false;
  const items = (JSON.parse(body) as { question: string; answer: string }[]).map(({ question, answer }) => {
    const q = maskContactDetails(question, known);
    const a = maskContactDetails(answer, known);
    masked ||= q.masked || a.masked;
    return { question: q.text, answer: a.text };
  });
  return { text: JSON.stringify(items), masked };
}

export type SendResult = { ok: true; seq: number } | { ok: false; error: ClosedReason | "too_fast" };

/** A text message from the viewer. */
export async function sendText(
  db: Database,
  effects: ChatEffects,
  access: ConversationAccess,
  body: string,
  now = new Date(),
): Promise<SendResult> {
  const closed = await conversationClosed(db, access);
  if (closed) return { ok: false, error: closed };
  if (!(await withinChatPace(db, effects.env, access.viewer.id, "message"))) return { ok: false, error: "too_fast" };
  const seq = await db.transaction(async (tx) => {
    const sent = await appendMessage(
      tx,
      effects.hub,
      access.conversation,
      {
        senderId: access.viewer.id,
        kind: "text",
        body,
      },
      now,
    );
    await textIfOffline(tx, effects, access, sent.seq, now);
    return sent.seq;
  });
  return { ok: true, seq };
}

/**
 * A receiver who has been away for 5 minutes gets one "new message" text per conversation per hour.
 * Claimed on the conversation row in the sending transaction, so two messages cannot both text.
 */
async function textIfOffline(tx: Database, effects: ChatEffects, access: ConversationAccess, seq: number, now: Date) {
  const receiverSide = access.side === "family" ? "carer" : "family";
  const textedCol = receiverSide === "family" ? sql.raw("family_texted_at") : sql.raw("carer_texted_at");
  const receiverCol = receiverSide === "family" ? sql.raw("family_user_id") : sql.raw("carer_id");
  const offlineSince = new Date(now.getTime() - OFFLINE_AFTER_MS).toISOString();
  const hourAgo = new Date(now.getTime() - TEXT_EVERY_MS).toISOString();
  const [claimed] = await queryRows<{ receiver: string }>(
    tx,
    sql`update conversations c set ${textedCol} = ${now.toISOString()}::timestamptz
        from users u
        where c.id = ${access.conversation.id} and u.id = c.${receiverCol}
          and (u.last_active_at is null or u.last_active_at < ${offlineSince}::timestamptz)
          and (c.${textedCol} is null or c.${textedCol} < ${hourAgo}::timestamptz)
        returning u.id as receiver`,
  );
  if (!claimed) return;
  const [sender] = await tx.select({ name: users.name }).from(users).where(eq(users.id, access.viewer.id));
  await queueSms(
    tx,
    effects.jobs,
    effects.env,
    {
      event: `chat:${access.conversation.id}:${seq}`,
      kind: "chat_message",
      userId: claimed.receiver,
      params: { chatId: access.conversation.id, senderName: sender?.name ?? "" },
    },
    now,
  );
}

/**
 * The carer's FAQ, sent as their first message when a family opens a new conversation, so the
 * common questions are answered before anyone types.
 */
export async function sendCarerFaq(tx: Database, hub: Hub, conversation: Conversation, now: Date): Promise<void> {
  const [carer] = await tx.select({ faq: carers.faq }).from(carers).where(eq(carers.userId, conversation.carerId));
  const faq = (carer?.faq ?? []).filter((f) => f.question.trim() && f.answer.trim());
  // One message, or as many as the pairs need: a message holds 4,000 characters (messages_body_length),
  // and five full pairs are over 6,000 (the family's conversation failed to open: a review).
  const messages: (typeof faq)[] = [];
  for (const pair of faq) {
    const last = messages.at(-1);
    if (last && JSON.stringify([...last, pair]).length <= MESSAGE_BODY_MAX) last.push(pair);
    else messages.push([pair]);
  }
  for (const pairs of messages) {
    await appendMessage(
      tx,
      hub,
      conversation,
      { senderId: conversation.carerId, kind: "faq", body: JSON.stringify(pairs) },
      now,
    );
  }
}

/** The longest a stored message body may be (db/schema/chat.ts, messages_body_length). */
const MESSAGE_BODY_MAX = 4000;

export interface MessageRow {
  id: string;
  seq: number;
  senderId: string | null;
  kind: Message["kind"];
  body: string;
  maskedBody: string | null;
  offerId: string | null;
  event: string | null;
  eventData: Record<string, string | number> | null;
  hiddenAt: Date | null;
  createdAt: Date;
  /** The family's own text, read by the family, which the carer now reads masked (asReadBy). */
  hiddenFromCarerNow?: boolean;
}

const columns = {
  id: messages.id,
  seq: messages.seq,
  senderId: messages.senderId,
  kind: messages.kind,
  body: messages.body,
  maskedBody: messages.maskedBody,
  offerId: messages.offerId,
  event: messages.event,
  eventData: messages.eventData,
  hiddenAt: messages.hiddenAt,
  createdAt: messages.createdAt,
};

/** Messages after `after`, oldest first, at most `limit` (a stream's replay, or the next page). */
/** The most messages one read of messagesAfter returns. */
export const MESSAGES_PAGE = 200;

export async function messagesAfter(db: Database, conversationId: string, after: number, limit = MESSAGES_PAGE) {
  return db
    .select(columns)
    .from(messages)
    .where(and(eq(messages.conversationId, conversationId), gt(messages.seq, after)))
    .orderBy(asc(messages.seq))
    .limit(limit);
}

/** The newest `PAGE_SIZE` messages before `before` (the page; older ones on demand), oldest first. */
export async function recentMessages(db: Database, conversationId: string, before?: number) {
  const rows = await preparedQuery(
    db,
    "chat_recent_messages",
    (db) =>
      db
        .select(columns)
        .from(messages)
        .where(
          and(
            eq(messages.conversationId, sql.placeholder("conversationId")),
            sql`${messages.seq} < ${sql.placeholder("before")}`,
          ),
        )
        .orderBy(sql`${messages.seq} desc`)
        .limit(PAGE_SIZE)
        .prepare("chat_recent_messages"),
    // No `before`: below any seq (an int).
  ).execute({ conversationId, before: before ?? 2_147_483_647 });
  return rows.reverse();
}

/**
 * Whether the conversation's carer may see the parent's home now: from a booking until the visit is
 * closed (canSeeParentExact), through any visit of theirs to that parent.
 */
export async function carerSeesHome(db: Database, conversation: Conversation, now: Date): Promise<boolean> {
  const until = await carerAccessUntil(db, conversation.carerId, conversation.parentId);
  return canSeeParentExact(
    { id: conversation.carerId, role: "carer" },
    { memberRole: null, carerAccessUntil: until },
    now,
  );
}

/**
 * The rows as their reader gets them (oldest first). A text is masked for good when it is sent before a
 * booking; one sent while the carer could see the home is not, and it stayed readable to them once
 * the visit was cancelled or checked out, the door code and phone with it (an outside probe). A carer
 * outside their access (`seesHome` false) reads the family's texts that were not masked then masked
 * now, as if sent before a booking: after the sender's texts just before it in the rows, on the
 * parent's own details. The sender reads them as written, told which the carer now reads masked
 * (`hiddenFromCarerNow`: a family wondered why the carer asked again for a code they had sent).
 * `carerSeesHome`: whether the conversation's carer may see the home now (carerSeesHome).
 */
export async function asReadBy(
  db: Database,
  access: ConversationAccess,
  rows: MessageRow[],
  carerSeesHome: boolean,
): Promise<MessageRow[]> {
  const { carerId } = access.conversation;
  const unmasked = (r: MessageRow) =>
    r.senderId !== null && r.senderId !== carerId && r.kind === "text" && r.maskedBody === null && r.body !== "";
  if (carerSeesHome || !rows.some(unmasked)) return rows;
  const [known, earlier] = await Promise.all([
    knownDetailsOfParent(db, access.conversation.parentId),
    // The texts just before the rows: a stream's read holds only what came after its last event, and a
    // number split across two messages reached the carer live (a review).
    textsBefore(db, [access.conversation.id], rows[0]!.seq),
  ]);
  const context: SentText[] = [...earlier, ...rows];
  return rows.map((row, i) => {
    if (!unmasked(row)) return row;
    const masking = maskContactDetailsAfter(textsJustBeforeIn(context, earlier.length + i), row.body, known);
    if (!masking.masked) return row;
    return access.side === "carer" ? { ...row, maskedBody: masking.text } : { ...row, hiddenFromCarerNow: true };
  });
}

/** One message as the viewer sees it: receivers get the masked text; hidden text is not sent at all. */
export function viewMessage(row: MessageRow, viewerId: string) {
  const own = row.senderId === viewerId;
  return {
    id: row.id,
    seq: row.seq,
    own,
    kind: row.kind,
    text: row.hiddenAt ? null : own ? row.body : (row.maskedBody ?? row.body),
    masked: !own && row.maskedBody !== null,
    // The sender is told too that part of what they wrote was hidden from the other side (a new-user
    // walk: a family assumed the carer knew the street).
    maskedForOther: own && row.maskedBody !== null && !row.hiddenAt,
    // Sent while the carer could see the home, and read masked by them since their access ended.
    hiddenFromOtherNow: own && row.hiddenFromCarerNow === true && !row.hiddenAt,
    offerId: row.offerId,
    event: row.event,
    eventData: eventDataFor(row.eventData, viewerId),
    at: row.createdAt.toISOString(),
  };
}

/**
 * A platform line's data as its reader gets it: who did it, when that was a person, as `byYou` and
 * their name (a cancellation by another family member read "You cancelled" to the one who booked:
 * a review), never the id.
 */
function eventDataFor(data: MessageRow["eventData"], viewerId: string): MessageRow["eventData"] {
  if (!data || typeof data.byUserId !== "string") return data;
  const { byUserId, ...rest } = data;
  return { ...rest, byYou: byUserId === viewerId ? 1 : 0 };
}

export type ViewedMessage = ReturnType<typeof viewMessage>;

/** Every carer whose reply time may have changed as the 30-day window moved (the daily job). */
export async function refreshAllReplyTimes(db: Database, now: Date): Promise<void> {
  const since = new Date(now.getTime() - 31 * 86_400_000).toISOString();
  const rows = await queryRows<{ carer_id: string }>(
    db,
    sql`select distinct carer_id from conversations where first_family_message_at > ${since}::timestamptz
        union select user_id from carers where reply_minutes_median is not null`,
  );
  for (const row of rows) await refreshReplyTime(db, row.carer_id, now);
}

/** A carer's median minutes to first reply over conversations begun in the last 30 days. */
export async function refreshReplyTime(db: Database, carerId: string, now: Date): Promise<void> {
  const since = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  await db.execute(sql`
    update carers set reply_minutes_median = (
      select round(percentile_cont(0.5) within group (
               order by extract(epoch from (first_carer_reply_at - first_family_message_at)) / 60))::int
      from conversations
      where carer_id = ${carerId} and first_family_message_at > ${since}::timestamptz
        and first_carer_reply_at is not null)
    where user_id = ${carerId}`);
}
