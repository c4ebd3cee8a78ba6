// Conversations: opening one (from a carer's service or a nearby job), who may read it, the inbox,
// unread counts and read receipts. Every read is scoped by the viewer being one of the two people.
import { and, desc, eq, isNull, or, type SQL, sql } from "drizzle-orm";
import {
  carers,
  carerServices,
  conversations,
  userBlocks,
  users,
  visitRequests,
  type Conversation,
  type ServiceKind,
} from "~db/schema";
import { preparedQuery, preparedRows, queryRows, type Database } from "~/db.server";
import type { MemberParent } from "~/parents/parents.server";
import { reachOf, type Viewer } from "~/privacy/location";
import type { Hub } from "~/realtime/hub.server";
import { getJobForCarer } from "~/visit-requests/visit-requests.server";
import { carerSeesHomeSql } from "~/visits/visits.server";
import { knownDetailsOfParents } from "./known-details.server";
import { maskContactDetailsAfter } from "./masking";
import { type SentText, textsBefore, textsJustBeforeIn } from "./split-texts.server";

export type Side = "family" | "carer";

/** A conversation and the viewer's side of it: the proof every function below takes. */
export interface ConversationAccess {
  conversation: Conversation;
  viewer: Viewer;
  side: Side;
  /** The other person. */
  otherId: string;
  /**
   * The family member is no longer one of the parent's family (removed, or left): the carer still
   * reads the conversation, and nothing more can be said, offered or accepted in it. (The family
   * member themself gets a 404: their say over the parent went with their membership.)
   */
  familyLeft: boolean;
}

export const topicOf = (conversationId: string) => `conversation:${conversationId}`;
export const userTopic = (userId: string) => `user:${userId}`;

/**
 * The conversation, when the viewer is one of its two people; null for anyone else (a 404), and for a
 * family member who is no longer one of the parent's family.
 */
export async function getConversationForViewer(
  db: Database,
  viewer: Viewer,
  conversationId: string,
): Promise<ConversationAccess | null> {
  const viewerId = sql.placeholder("viewerId");
  const [row] = await preparedQuery(db, "conversation_for_viewer", (db) =>
    db
      .select({ conversation: conversations, familyIsMember: familyIsMemberSql() })
      .from(conversations)
      .where(
        and(
          eq(conversations.id, sql.placeholder("conversationId")),
          or(eq(conversations.familyUserId, viewerId), eq(conversations.carerId, viewerId)),
        ),
      )
      .limit(1)
      .prepare("conversation_for_viewer"),
  ).execute({ conversationId, viewerId: viewer.id });
  if (!row) return null;
  const c = row.conversation;
  const side: Side = c.familyUserId === viewer.id ? "family" : "carer";
  if (side === "family" && !row.familyIsMember) return null;
  return {
    conversation: c,
    viewer,
    side,
    otherId: side === "family" ? c.carerId : c.familyUserId,
    familyLeft: !row.familyIsMember,
  };
}

/**
 * Whether a conversation's family member is (still) one of its parent's family. Written out in full:
 * drizzle leaves column names unqualified in a one-table select, and inside this subquery an unqualified
 * parent_id would be parent_members' own.
 */
function familyIsMemberSql() {
  return sql<boolean>`exists (select 1 from parent_members pm
    where pm.parent_id = "conversations"."parent_id" and pm.user_id = "conversations"."family_user_id")`;
}

export type ClosedReason = "blocked" | "family_left";

/**
 * Why nothing more can be said, offered or accepted in a conversation, or null when it is open:
 * the family member has left the parent's family, or either of the two blocked the other or is
 * suspended. Every message, offer and acceptance asks this.
 */
export async function conversationClosed(db: Database, access: ConversationAccess): Promise<ClosedReason | null> {
  if (access.familyLeft) return "family_left";
  return (await isBlockedBetween(db, access.viewer.id, access.otherId)) ? "blocked" : null;
}

/**
 * Whether either of the two has blocked the other, or either account is suspended (an admin's block
 * on everyone: app/admin/suspension.server.ts) or leaving (its deletion asked for, or done: ADR 021;
 * a probe opened a new conversation with a leaving carer and sent an offer the day the account's
 * open offers were withdrawn), as SQL over two user ids (values or columns). Every
 * message, offer and acceptance asks this (isBlockedBetween), and so does the family dashboard when
 * it lists the offers still to answer.
 */
export function closedBetweenSql(a: SQL | string, b: SQL | string): SQL {
  return sql`(exists (select 1 from user_blocks ub
              where (ub.blocker_id = ${a} and ub.blocked_id = ${b}) or (ub.blocker_id = ${b} and ub.blocked_id = ${a}))
          or exists (select 1 from users su where su.id in (${a}, ${b})
            and (su.suspended_at is not null or su.deletion_requested_at is not null or su.erased_at is not null)))`;
}

export async function isBlockedBetween(db: Database, a: string, b: string): Promise<boolean> {
  const [row] = await queryRows<{ closed: boolean }>(db, sql`select ${closedBetweenSql(a, b)} as closed`);
  return Boolean(row?.closed);
}

/**
 * One conversation per (family member, carer, parent): opening it again leads to the same one, whose
 * context card becomes what it was opened from this time. `created` says it is new.
 */
async function upsertConversation(
  db: Database,
  key: { familyUserId: string; carerId: string; parentId: string },
  context: { kind: "service"; service: ServiceKind } | { kind: "request"; requestId: string },
) {
  const values = {
    contextKind: context.kind,
    contextService: context.kind === "service" ? context.service : null,
    contextRequestId: context.kind === "request" ? context.requestId : null,
  };
  const [row] = await db
    .insert(conversations)
    .values({ ...key, ...values })
    .onConflictDoUpdate({
      target: [conversations.familyUserId, conversations.carerId, conversations.parentId],
      set: values,
    })
    // xmax = 0 only on a freshly inserted row.
    .returning({ id: conversations.id, created: sql<boolean>`(xmax = 0)` });
  return row!;
}

export type OpenResult = { ok: true; id: string; created: boolean } | { ok: false; error: OpenError };
export type OpenError = "carer_not_found" | "service_not_offered" | "request_closed" | "request_not_found" | "blocked";

/**
 * A family member opens a conversation with a carer about one of their parents, from a service.
 * A new conversation starts with the carer's FAQ (`sendFaq`, messages.server.ts), in the same
 * transaction, so the common questions are answered before anyone types.
 */
export async function openFromService(
  db: Database,
  parent: MemberParent,
  carerId: string,
  service: ServiceKind,
  sendFaq: (tx: Database, conversation: Conversation) => Promise<void>,
): Promise<OpenResult> {
  const [carer] = await db
    .select({ id: carers.userId, offers: carerServices.service })
    .from(carers)
    .innerJoin(users, eq(users.id, carers.userId))
    .leftJoin(carerServices, and(eq(carerServices.carerId, carers.userId), eq(carerServices.service, service)))
    .where(
      and(
        eq(carers.userId, carerId),
        eq(users.role, "carer"),
        isNull(users.suspendedAt),
        isNull(users.deletionRequestedAt),
        isNull(users.erasedAt),
      ),
    )
    .limit(1);
  if (!carer) return { ok: false, error: "carer_not_found" };
  // The conversation's card shows the service and its price: one the carer does not offer (a
  // hand-made post, a profile changed since the page was loaded) has neither.
  if (!carer.offers) return { ok: false, error: "service_not_offered" };
  if (await isBlockedBetween(db, parent.viewer.id, carerId)) return { ok: false, error: "blocked" };
  return db.transaction(async (tx) => {
    const row = await upsertConversation(
      tx,
      { familyUserId: parent.viewer.id, carerId, parentId: parent.id },
      { kind: "service", service },
    );
    if (row.created) {
      const [conversation] = await tx.select().from(conversations).where(eq(conversations.id, row.id));
      await sendFaq(tx, conversation!);
    }
    return { ok: true as const, id: row.id, created: row.created };
  });
}

/**
 * A carer opens a conversation about an open request within their reach, with the family who posted
 * it. A one-off whose start has passed at `now` is closed, as it has left the carer's list.
 */
export async function openFromRequest(
  db: Database,
  carerId: string,
  requestId: string,
  now: Date,
): Promise<OpenResult> {
  const job = await getJobForCarer(db, carerId, requestId, now);
  if (!job) {
    const [exists] = await db
      .select({ status: visitRequests.status, startsAt: visitRequests.startsAt })
      .from(visitRequests)
      .where(eq(visitRequests.id, requestId))
      .limit(1);
    const closed = exists && (exists.status !== "open" || (exists.startsAt !== null && exists.startsAt <= now));
    return { ok: false, error: closed ? "request_closed" : "request_not_found" };
  }
  const [request] = await db
    .select({ parentId: visitRequests.parentId, createdBy: visitRequests.createdBy })
    .from(visitRequests)
    .where(eq(visitRequests.id, requestId))
    .limit(1);
  if (await isBlockedBetween(db, carerId, request!.createdBy)) return { ok: false, error: "blocked" };
  const row = await upsertConversation(
    db,
    { familyUserId: request!.createdBy, carerId, parentId: request!.parentId },
    { kind: "request", requestId },
  );
  return { ok: true, id: row.id, created: row.created };
}

/** The viewer's conversations, newest first: the other person, the parent, the last message, unread. */
export async function listInbox(db: Database, viewer: Viewer, now: Date, limit = 50) {
  // A family member's conversations about parents they still share (the others answer 404).
  // A carer's list holds the conversations someone wrote in: one a family opened from the profile and
  // left (only the carer's FAQ, sent for them) was an empty thread in the carer's inbox (a phone walk).
  const mine =
    viewer.role === "carer"
      ? sql`c.carer_id = ${viewer.id}
            and exists (select 1 from messages w where w.conversation_id = c.id and w.kind <> 'faq')`
      : sql`c.family_user_id = ${viewer.id}
            and exists (select 1 from parent_members pm where pm.parent_id = c.parent_id and pm.user_id = c.family_user_id)`;
  const other = viewer.role === "carer" ? sql`c.family_user_id` : sql`c.carer_id`;
  const unread = viewer.role === "carer" ? sql`c.carer_unread` : sql`c.family_unread`;
  // The family's last text as the thread shows it to a carer outside their access to the home
  // (asReadBy, messages.server.ts).
  const seesHome = viewer.role === "carer" ? carerSeesHomeSql(sql`c.carer_id`, sql`c.parent_id`, now) : sql`true`;
  const rows = await queryRows<{
    id: string;
    other_name: string;
    other_id: string;
    parent_name: string;
    unread: number;
    last_message_at: Date | string | null;
    last_seq: number;
    last_body: string | null;
    last_masked: string | null;
    last_kind: string | null;
    last_sender: string | null;
    last_hidden: boolean | null;
    context_kind: "service" | "request";
    context_service: ServiceKind | null;
    parent_id: string;
    sees_home: boolean;
  }>(
    db,
    sql`select c.id, u.name as other_name, u.id as other_id, p.name as parent_name, ${unread} as unread,
               c.last_message_at, c.last_seq, m.body as last_body, m.masked_body as last_masked, m.kind as last_kind,
               m.sender_id as last_sender, m.hidden_at is not null as last_hidden, c.context_kind, c.context_service,
               c.parent_id, ${seesHome} as sees_home
        from conversations c
        join users u on u.id = ${other}
        join parents p on p.id = c.parent_id
        left join messages m on m.conversation_id = c.id and m.seq = c.last_seq
        where ${mine}
        order by c.last_message_at desc nulls last, c.created_at desc
        limit ${limit}`,
  );
  const unmasked = (r: (typeof rows)[number]) =>
    !r.sees_home &&
    !r.last_hidden &&
    r.last_kind === "text" &&
    r.last_masked === null &&
    r.last_body &&
    r.last_sender !== null &&
    r.last_sender !== viewer.id;
  const toMask = rows.filter(unmasked);
  const [known, earlier] = await Promise.all([
    knownDetailsOfParents(
      db,
      toMask.map((r) => r.parent_id),
    ),
    // The texts before each last one: a number split across two messages is masked in the second,
    // as in the thread (a review).
    textsBefore(
      db,
      toMask.map((r) => r.id),
      null,
    ),
  ]);
  for (const r of toMask) {
    const context: SentText[] = [
      ...earlier.filter((e) => e.conversationId === r.id),
      { senderId: r.last_sender, kind: "text", body: r.last_body!, createdAt: new Date(r.last_message_at!) },
    ];
    const masking = maskContactDetailsAfter(
      textsJustBeforeIn(context, context.length - 1),
      r.last_body!,
      known.get(r.parent_id),
    );
    if (masking.masked) r.last_masked = masking.text;
  }
  return rows.map((r) => ({
    id: r.id,
    otherName: r.other_name,
    parentName: r.parent_name,
    unread: r.unread,
    lastMessageAt: r.last_message_at ? new Date(r.last_message_at).toISOString() : null,
    lastSeq: r.last_seq,
    // The receiver sees the masked text; their own messages as they typed them; a message an admin
    // hid, nobody (as in the thread: app/chat/messages.server.ts, viewMessage).
    lastText: r.last_hidden ? null : r.last_sender === viewer.id ? r.last_body : (r.last_masked ?? r.last_body),
    lastKind: r.last_hidden ? "hidden" : r.last_kind,
    context: { kind: r.context_kind, service: r.context_service },
  }));
}

/**
 * The viewer has seen messages up to `seq`: moves their read receipt (never backwards) and recounts
 * their unread; the other side hears it live.
 */
export async function markRead(db: Database, hub: Hub, access: ConversationAccess, seq: number): Promise<number> {
  const c = access.conversation;
  const readCol = access.side === "family" ? sql.raw("family_read_seq") : sql.raw("carer_read_seq");
  const unreadCol = access.side === "family" ? sql.raw("family_unread") : sql.raw("carer_unread");
  const [row] = await queryRows<{ read: number }>(
    db,
    sql`update conversations c
        set ${readCol} = greatest(${readCol}, least(${seq}::int, c.last_seq)),
            ${unreadCol} = (select count(*)::int from messages m
                            where m.conversation_id = c.id
                              and m.seq > greatest(${readCol}, least(${seq}::int, c.last_seq))
                              and m.sender_id is distinct from ${access.viewer.id}::uuid)
        where c.id = ${c.id}
        returning ${readCol} as read`,
  );
  const read = row?.read ?? 0;
  await hub.notify(db, { topic: topicOf(c.id), seq: 0, kind: "read", data: { side: access.side, seq: read } });
  return read;
}

/** Blocks or unblocks the other person of a conversation. */
export async function setBlocked(db: Database, access: ConversationAccess, blocked: boolean): Promise<void> {
  if (blocked) {
    await db
      .insert(userBlocks)
      .values({ blockerId: access.viewer.id, blockedId: access.otherId })
      .onConflictDoNothing();
  } else {
    await db
      .delete(userBlocks)
      .where(and(eq(userBlocks.blockerId, access.viewer.id), eq(userBlocks.blockedId, access.otherId)));
  }
}

/**
 * Who blocked whom between the two, for the page ("you blocked them", "they blocked you"), whether
 * either account is suspended (closed as a block is: an outside probe found the page still drawing
 * the composer, the offer form and a profile link that was a 404), and whether the family member has left.
 */
export async function blockState(db: Database, access: ConversationAccess) {
  const [me, other] = [access.viewer.id, access.otherId];
  // Prepared by its text (the same on every call): the page reads it on every load.
  const [row] = await preparedRows<{ i_blocked: boolean; blocked_me: boolean; suspended: boolean }>(
    db,
    sql`select exists (select 1 from user_blocks where blocker_id = ${me} and blocked_id = ${other}) as i_blocked,
               exists (select 1 from user_blocks where blocker_id = ${other} and blocked_id = ${me}) as blocked_me,
               exists (select 1 from users where id in (${me}, ${other}) and suspended_at is not null) as suspended`,
  );
  return {
    iBlocked: Boolean(row?.i_blocked),
    blockedMe: Boolean(row?.blocked_me),
    suspended: Boolean(row?.suspended),
    familyLeft: access.familyLeft,
  };
}

/**
 * The header of a conversation page: both names, the parent, and the context card; for the family,
 * what tells them who the carer is (verified, rating, visits done, the way to their profile), as the
 * search list shows it: a carer who wrote first about a request was never seen in the list.
 */
export async function conversationHeader(db: Database, access: ConversationAccess) {
  const c = access.conversation;
  // Prepared by its text (the same on every call): the page reads it on every load.
  const [row] = await preparedRows<{
    family_name: string;
    carer_name: string;
    parent_name: string;
    parent_time_zone: string;
    carer_photo: string | null;
    carer_faq: { question: string; answer: string }[];
    carer_phrases: string[];
    request_status: string | null;
    request_service: ServiceKind | null;
    request_starts_at: Date | string | null;
    request_weekdays: number[] | null;
    request_start_minute: number | null;
    request_duration: number | null;
    request_budget: number | null;
    price_cents: number | null;
    min_minutes: number | null;
    carer_rates: Partial<Record<ServiceKind, number>>;
    carer_verified_at: Date | string | null;
    carer_rating_score: number | null;
    carer_visits_completed: number | null;
    parent_lat: number;
    parent_lng: number;
    carer_approx_lat: number | null;
    carer_approx_lng: number | null;
    carer_radius_m: number | null;
  }>(
    db,
    sql`select f.name as family_name, cu.name as carer_name, p.name as parent_name, p.time_zone as parent_time_zone,
               ca.photo_key as carer_photo, coalesce(ca.faq, '[]'::jsonb) as carer_faq,
               coalesce(ca.quick_phrases, '{}'::text[]) as carer_phrases,
               r.status as request_status, r.service as request_service, r.starts_at as request_starts_at,
               r.weekdays as request_weekdays, r.start_minute as request_start_minute,
               r.duration_minutes as request_duration, r.budget_cents as request_budget,
               s.price_cents, s.min_minutes, ca.verified_at as carer_verified_at,
               ca.rating_score as carer_rating_score, ca.visits_completed as carer_visits_completed,
               p.lat as parent_lat, p.lng as parent_lng, ca.approx_lat as carer_approx_lat,
               ca.approx_lng as carer_approx_lng, ca.radius_m as carer_radius_m,
               (select coalesce(jsonb_object_agg(cs.service, cs.price_cents), '{}'::jsonb)
                  from carer_services cs where cs.carer_id = c.carer_id) as carer_rates
        from conversations c
        join users f on f.id = c.family_user_id
        join users cu on cu.id = c.carer_id
        join parents p on p.id = c.parent_id
        left join carers ca on ca.user_id = c.carer_id
        left join visit_requests r on r.id = c.context_request_id
        left join carer_services s on s.carer_id = c.carer_id and s.service = c.context_service
        where c.id = ${c.id}`,
  );
  const r = row!;
  // Whether the carer's area plainly misses the parent's home: both sides are told (a conversation can
  // start from a profile whatever the distance). Only the verdict and a rounded distance leave here.
  const reach =
    r.carer_approx_lat !== null && r.carer_approx_lng !== null && r.carer_radius_m !== null
      ? reachOf(
          { lat: r.parent_lat, lng: r.parent_lng },
          { approx: { lat: r.carer_approx_lat, lng: r.carer_approx_lng }, radiusM: r.carer_radius_m },
        )
      : null;
  return {
    outsideArea: reach?.outside ? { distanceKm: reach.distanceKm, radiusKm: r.carer_radius_m! / 1000 } : null,
    familyName: r.family_name,
    carerName: r.carer_name,
    otherName: access.side === "family" ? r.carer_name : r.family_name,
    parentName: r.parent_name,
    timeZone: r.parent_time_zone,
    carerPhoto: r.carer_photo,
    quickPhrases: access.side === "carer" ? r.carer_phrases : [],
    carer:
      access.side === "family"
        ? {
            id: c.carerId,
            verifiedAt: r.carer_verified_at ? new Date(r.carer_verified_at).toISOString() : null,
            ratingScore: r.carer_rating_score,
            visitsCompleted: r.carer_visits_completed ?? 0,
          }
        : null,
    /** The carer's hourly rate per service offered: an offer's price hint follows the service chosen. */
    rates: r.carer_rates,
    context:
      c.contextKind === "request" && r.request_service
        ? {
            kind: "request" as const,
            requestId: c.contextRequestId,
            status: r.request_status,
            service: r.request_service,
            schedule: {
              startsAt: r.request_starts_at ? new Date(r.request_starts_at).toISOString() : null,
              weekdays: r.request_weekdays,
              startMinute: r.request_start_minute,
              timeZone: r.parent_time_zone,
            },
            durationMinutes: r.request_duration,
            budgetCents: r.request_budget,
          }
        : {
            kind: "service" as const,
            service: c.contextService,
            priceCents: r.price_cents,
            minMinutes: r.min_minutes,
          },
  };
}

/** For the family's parent page: per open request, the carers who answered it in chat. */
export async function answersByRequest(db: Database, parent: MemberParent) {
  const rows = await preparedQuery(db, "parent_request_answers", (db) =>
    db
      .select({
        requestId: conversations.contextRequestId,
        conversationId: conversations.id,
        familyUserId: conversations.familyUserId,
        carerName: users.name,
      })
      .from(conversations)
      .innerJoin(users, eq(users.id, conversations.carerId))
      .innerJoin(visitRequests, eq(visitRequests.id, conversations.contextRequestId))
      .where(and(eq(conversations.parentId, sql.placeholder("parentId")), eq(visitRequests.status, "open")))
      .orderBy(desc(conversations.lastMessageAt))
      .prepare("parent_request_answers"),
  ).execute({ parentId: parent.id });
  // A sibling sees who answered; only the family member who posted can open those conversations.
  const byRequest = new Map<string, { conversationId: string | null; carerName: string }[]>();
  for (const r of rows) {
    if (!r.requestId) continue;
    const list = byRequest.get(r.requestId) ?? [];
    const mine = r.familyUserId === parent.viewer.id;
    list.push({ conversationId: mine ? r.conversationId : null, carerName: r.carerName });
    byRequest.set(r.requestId, list);
  }
  return Object.fromEntries(byRequest);
}
