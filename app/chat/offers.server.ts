// Structured offers: either side proposes terms; the other accepts, declines or counters (a counter
// supersedes the open offer); the sender can withdraw. Accepting books the visits atomically: of two
// accepts at the same moment exactly one finds the offer open.
import { and, eq, inArray, ne, or, sql } from "drizzle-orm";
import { conversations, offers, parentMembers, parents, users, visitRequests, visits, type Offer } from "~db/schema";
import { type Database, preparedQuery, queryRows } from "~/db.server";
import { queueSms } from "~/sms/sms.server";
import { bookOffer, patternOf } from "~/visits/booking.server";
import { occurrences, overlaps } from "~/visits/schedule";
import { type ConversationAccess, conversationClosed } from "./conversations.server";
import type { ChatEvent } from "./limits";
import { knownDetailsOfParent } from "./known-details.server";
import { type KnownDetails, maskStoredText } from "./masking";
import { appendMessage, type ChatEffects } from "./messages.server";
import { checkOffer, type OfferProblem, offerState } from "./offer-rules";
import type { OfferFields } from "./schemas";
import { withinChatPace } from "./pace.server";
import { familyCancellationFee, isLateCarerCancellation } from "~/visits/cancellation";

/**
 * A visit that an offer's visits would overlap: the carer's own (`kind` "carer"), or the parent's with
 * another carer ("parent", with that carer's and the parent's names: the family is told who).
 */
export interface Clash {
  visitId: string;
  startsAt: string;
  endsAt: string;
  kind: "carer" | "parent";
  carerName?: string;
  parentName?: string;
}

export type OfferError =
  | "blocked"
  | "family_left"
  | "offer_not_found"
  | "own_offer"
  | "not_yours"
  | "offer_expired"
  | "offer_closed"
  /** The family accepts a carer's offer for a time the carer has been booked at since. */
  | "carer_busy"
  /** The carer accepts a family's offer for a time the parent has been booked at since (another carer). */
  | "parent_busy"
  /** More offers in a minute than a person sends (pace.server.ts). */
  | "too_fast";

const ACTIVE_VISIT = ["scheduled", "on_the_way", "in_progress"] as const;

/**
 * The active visits of the carer (`kind` "carer") or of the parent, whoever the carer ("parent"), that
 * any of these visits would overlap; `bookedAfter`: only those booked since. Checking the carer's alone,
 * two carers' offers for one request could both be accepted, and the parent was booked twice for the
 * same hours without a word (an outside probe).
 */
async function clashesWith(
  db: Database,
  of: { carerId: string } | { parentId: string },
  planned: { startsAt: Date; endsAt: Date }[],
  bookedAfter?: Date,
): Promise<Clash[]> {
  if (planned.length === 0) return [];
  const from = planned[0]!.startsAt;
  const to = planned.at(-1)!.endsAt;
  const kind = "carerId" in of ? "carer" : "parent";
  const booked = await db
    .select({
      id: visits.id,
      startsAt: visits.startsAt,
      endsAt: visits.endsAt,
      carerName: users.name,
      parentName: parents.name,
    })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.carerId))
    .innerJoin(parents, eq(parents.id, visits.parentId))
    .where(
      and(
        "carerId" in of ? eq(visits.carerId, of.carerId) : eq(visits.parentId, of.parentId),
        inArray(visits.status, [...ACTIVE_VISIT]),
        sql`${visits.startsAt} < ${to.toISOString()}::timestamptz`,
        sql`${visits.endsAt} > ${from.toISOString()}::timestamptz`,
        bookedAfter ? sql`${visits.createdAt} > ${bookedAfter.toISOString()}::timestamptz` : undefined,
      ),
    );
  return booked
    .filter((b) => planned.some((p) => overlaps(p, b)))
    .map((b) => ({
      visitId: b.id,
      startsAt: b.startsAt.toISOString(),
      endsAt: b.endsAt.toISOString(),
      kind,
      // The family is told whom the parent's visit is with.
      ...(kind === "parent" && { carerName: b.carerName, parentName: b.parentName }),
    }));
}

/** The parent's time zone, in which an offer's times are read. */
export async function parentZone(db: Database, parentId: string): Promise<string> {
  const [row] = await db.select({ timeZone: parents.timeZone }).from(parents).where(eq(parents.id, parentId));
  return row!.timeZone;
}

/**
 * Whether an offer may be for this service: one the carer lists, or the one the conversation is
 * about (its service, or its request's), even if the carer no longer lists it. The form offers only
 * these; a post for another (a tampered form) is refused beside the service.
 */
async function serviceOnOffer(
  db: Database,
  c: Pick<ConversationAccess["conversation"], "carerId" | "contextService" | "contextRequestId">,
  service: string,
): Promise<boolean> {
  if (service === c.contextService) return true;
  const [row] = await queryRows<{ ok: boolean }>(
    db,
    sql`select exists (select 1 from carer_services where carer_id = ${c.carerId} and service::text = ${service})
          or exists (select 1 from visit_requests where id = ${c.contextRequestId} and service::text = ${service}) as ok`,
  );
  return row?.ok === true;
}

export type SendOfferResult =
  | { ok: true; offerId: string /** The offer's card in the thread (#m<seq>). */; seq: number }
  | { ok: false; error: "offer_changed" }
  | { ok: false; problem: OfferProblem }
  | { ok: false; error: OfferError }
  | { ok: false; clashes: Clash[] };

/**
 * Sends an offer, or a counter to the open one: either way it becomes the conversation's one open
 * offer, and the one it replaces is superseded. A carer with a visit at an overlapping time, or a
 * family whose parent has one with another carer, is warned first (`clashes`) and goes ahead only
 * with `overlapConfirmed`. With `replaces` (the open offer
 * the form was drawn under, or "none"), it is refused as `offer_changed` when the open offer is
 * another by now: sent, withdrawn, declined or accepted meanwhile.
 */
export async function sendOffer(
  db: Database,
  effects: ChatEffects,
  access: ConversationAccess,
  fields: OfferFields & { replaces?: string },
  now = new Date(),
): Promise<SendOfferResult> {
  const closed = await conversationClosed(db, access);
  if (closed) return { ok: false, error: closed };
  const c = access.conversation;
  const checked = checkOffer(fields, await parentZone(db, c.parentId), now);
  if (!checked.ok) return { ok: false, problem: checked.problem };
  if (!(await serviceOnOffer(db, c, fields.service))) {
    return { ok: false, problem: { field: "service", error: "offer.errors.notOffered" } };
  }
  const { pattern, first, expiresAt, priceCents, tasks } = checked.offer;
  if (!(await withinChatPace(db, effects.env, access.viewer.id, "offer"))) return { ok: false, error: "too_fast" };
  if (!fields.overlapConfirmed) {
    // Each side is warned of its own: the carer of their visits, the family of the parent's.
    const planned = occurrences(pattern).filter((o) => o.startsAt >= first.startsAt);
    const clashes =
      access.side === "carer"
        ? await clashesWith(db, { carerId: c.carerId }, planned)
        : await clashesWith(db, { parentId: c.parentId }, planned);
    if (clashes.length > 0) return { ok: false, clashes };
  }
  const sent = await db.transaction(async (tx) => {
    // The check above read the membership before: an offer could be left open in a closed conversation.
    // Taken before the conversation's lock, in the order the removal takes them.
    if (!(await holdMembership(tx, c))) return null;
    // The conversation's lock orders offers: the open one read here is the one superseded.
    await tx.execute(sql`select id from conversations where id = ${c.id} for update`);
    const [open] = await tx
      .select({ id: offers.id, expiresAt: offers.expiresAt })
      .from(offers)
      .where(and(eq(offers.conversationId, c.id), eq(offers.status, "open")));
    // An offer past its expiry is not open to the page (its state is worked out from expiresAt): a form
    // drawn under it says "none", and the offer is superseded all the same.
    const current = open && open.expiresAt > now ? open.id : "none";
    if (fields.replaces !== undefined && current !== fields.replaces) return "changed" as const;
    const [replaced] = open
      ? await tx
          .update(offers)
          .set({ status: "superseded", respondedBy: access.viewer.id, respondedAt: now })
          .where(and(eq(offers.id, open.id), eq(offers.status, "open")))
          .returning({ id: offers.id })
      : [];
    const [created] = await tx
      .insert(offers)
      .values({
        conversationId: c.id,
        sentBy: access.viewer.id,
        parentId: c.parentId,
        carerId: c.carerId,
        service: fields.service,
        schedule: pattern.schedule,
        timeZone: pattern.timeZone,
        startDate: pattern.startDate,
        startMinute: pattern.startMinute,
        weekdays: pattern.weekdays ? [...pattern.weekdays] : null,
        weeks: pattern.weeks ?? null,
        firstStartsAt: first.startsAt,
        durationMinutes: pattern.durationMinutes,
        tasks,
        priceCents,
        cancellation: fields.cancellation,
        expiresAt,
        supersedesId: replaced?.id ?? null,
        overlapConfirmed: fields.overlapConfirmed === "on",
        createdAt: now,
      })
      .returning({ id: offers.id });
    const message = await appendMessage(
      tx,
      effects.hub,
      c,
      { senderId: access.viewer.id, kind: "offer", offerId: created!.id },
      now,
    );
    return { offerId: created!.id, seq: message.seq };
  });
  if (!sent) return { ok: false, error: "family_left" };
  if (sent === "changed") return { ok: false, error: "offer_changed" };
  return { ok: true, ...sent };
}

/**
 * Whether the conversation's family member is still one of the parent's family, and keeps them so until
 * the transaction commits: a removal at the same moment waits for it (and then withdraws what it
 * made), or went first and is seen here (app/parents/parents.server.ts, removeMember).
 */
async function holdMembership(tx: Database, c: { parentId: string; familyUserId: string }): Promise<boolean> {
  const [member] = await queryRows<{ one: number }>(
    tx,
    sql`select 1 as one from parent_members
    where parent_id = ${c.parentId} and user_id = ${c.familyUserId} for key share`,
  );
  return Boolean(member);
}

async function offerInConversation(db: Database, access: ConversationAccess, offerId: string) {
  const [offer] = await db
    .select()
    .from(offers)
    .where(and(eq(offers.id, offerId), eq(offers.conversationId, access.conversation.id)))
    .limit(1);
  return offer ?? null;
}

/** The visits an accepted offer booked, as its acceptance answered. */
async function visitsOfAcceptedOffer(db: Database, offerId: string): Promise<{ ok: true; visitIds: string[] }> {
  const rows = await db
    .select({ id: visits.id })
    .from(visits)
    .where(eq(visits.offerId, offerId))
    .orderBy(visits.startsAt);
  return { ok: true, visitIds: rows.map((r) => r.id) };
}

/** Why an offer cannot be answered any more, in the words the person needs. */
function closedReason(offer: Offer, now: Date): OfferError {
  return offerState(offer, now) === "expired" ? "offer_expired" : "offer_closed";
}

/** Decline (the receiver) or withdraw (the sender) an open offer. */
export async function closeOffer(
  db: Database,
  effects: ChatEffects,
  access: ConversationAccess,
  offerId: string,
  how: "declined" | "withdrawn",
  now = new Date(),
): Promise<{ ok: true } | { ok: false; error: OfferError }> {
  const offer = await offerInConversation(db, access, offerId);
  if (!offer) return { ok: false, error: "offer_not_found" };
  const mine = offer.sentBy === access.viewer.id;
  if (how === "withdrawn" && !mine) return { ok: false, error: "not_yours" };
  if (how === "declined" && mine) return { ok: false, error: "own_offer" };
  return db.transaction(async (tx) => {
    const [done] = await tx
      .update(offers)
      .set({ status: how, respondedBy: access.viewer.id, respondedAt: now })
      .where(
        and(
          eq(offers.id, offerId),
          eq(offers.status, "open"),
          sql`${offers.expiresAt} > ${now.toISOString()}::timestamptz`,
        ),
      )
      .returning({ id: offers.id });
    if (!done) {
      const [after] = await tx.select().from(offers).where(eq(offers.id, offerId));
      // A double tap or a retried post: closed this way by this very person already, the repeat is
      // answered as the first was, and changes nothing (it was a 409 under the composer).
      if (after?.status === how && after.respondedBy === access.viewer.id) return { ok: true as const };
      return { ok: false as const, error: closedReason(after ?? offer, now) };
    }
    await appendMessage(
      tx,
      effects.hub,
      access.conversation,
      {
        senderId: null,
        kind: "event",
        offerId,
        event: `offer_${how}` satisfies ChatEvent,
        eventData: { by: access.side },
      },
      now,
    );
    return { ok: true as const };
  });
}

export type AcceptResult =
  | { ok: true; visitIds: string[] }
  | { ok: false; error: OfferError }
  | { ok: false; clashes: Clash[] };

/**
 * Accepts the other side's open offer: books its visits, closes the request it came from (it leaves
 * nearby jobs), and texts the carer and every family member of the parent, all in one transaction.
 */
export async function acceptOffer(
  db: Database,
  effects: ChatEffects,
  access: ConversationAccess,
  offerId: string,
  { overlapConfirmed = false } = {},
  now = new Date(),
): Promise<AcceptResult> {
  const offer = await offerInConversation(db, access, offerId);
  if (!offer) return { ok: false, error: "offer_not_found" };
  if (offer.sentBy === access.viewer.id) return { ok: false, error: "own_offer" };
  const closed = await conversationClosed(db, access);
  if (closed) return { ok: false, error: closed };
  // A second tap, or a retry after a lost answer, of the same person's acceptance: it was booked
  // once, and the repeat goes where the first went (it got "no longer open", and the page showed
  // the offer still waiting).
  if (offer.status === "accepted" && offer.respondedBy === access.viewer.id) return visitsOfAcceptedOffer(db, offerId);
  if (offerState(offer, now) !== "open") return { ok: false, error: closedReason(offer, now) };
  const c = access.conversation;
  return db.transaction(async (tx): Promise<AcceptResult> => {
    // One booking at a time per parent: two of its family (or two tabs) accepting two carers' offers
    // for the same hours each checked before either booked. First, as removeMember takes it (the
    // parent, then the membership): the other way round, the two deadlocked (ADR 024).
    await tx.execute(sql`select id from parents where id = ${offer.parentId} for no key update`);
    // The family member books for the parent as one of its family.
    if (!(await holdMembership(tx, c))) return { ok: false as const, error: "family_left" as const };
    // One booking at a time per carer: the clash check and the booking are one step. Two accepts at
    // the same moment (two families, the carer's own two) each checked before either booked, and
    // both booked the same hours. NO KEY UPDATE: the visits' foreign keys (KEY SHARE) still pass.
    await tx.execute(sql`select user_id from carers where user_id = ${offer.carerId} for no key update`);
    // This person's twin request booked it while this one waited on the carer's row: done, as the first.
    const [latest] = await tx
      .select({ status: offers.status, respondedBy: offers.respondedBy })
      .from(offers)
      .where(eq(offers.id, offerId));
    if (latest?.status === "accepted" && latest.respondedBy === access.viewer.id)
      return visitsOfAcceptedOffer(tx, offerId);
    const planned = occurrences(patternOf(offer)).filter((o) => o.startsAt > now);
    // The overlaps the offer's sender chose to go ahead with are those there when it was sent, and only
    // if they were warned (overlapConfirmed); without a warning, every overlap came after it.
    const since = offer.overlapConfirmed ? offer.createdAt : undefined;
    if (access.side === "family") {
      // The carer's own offer: the visits it overlaps when sent, the carer was warned of and chose
      // (overlapConfirmed). One booked since, the carer never saw: the family cannot book those hours.
      if ((await clashesWith(tx, { carerId: offer.carerId }, planned, since)).length > 0)
        return { ok: false, error: "carer_busy" };
      // The parent's visits with another carer at those hours: the family is warned and may go ahead.
      if (!overlapConfirmed) {
        const clashes = await clashesWith(tx, { parentId: offer.parentId }, planned);
        if (clashes.length > 0) return { ok: false, clashes };
      }
    } else {
      // The family's offer: the parent's visits it overlapped when sent, the family was warned of; one
      // booked since, with another carer, they never saw: the carer cannot book those hours.
      if ((await clashesWith(tx, { parentId: offer.parentId }, planned, since)).length > 0)
        return { ok: false, error: "parent_busy" };
      // The carer is warned of any overlap of their own and may go ahead.
      if (!overlapConfirmed) {
        const clashes = await clashesWith(tx, { carerId: offer.carerId }, planned);
        if (clashes.length > 0) return { ok: false, clashes };
      }
    }
    // Still open, not expired, not one's own: withdrawn or replaced meanwhile, it is closed.
    const [won] = await tx
      .update(offers)
      .set({ status: "accepted", respondedBy: access.viewer.id, respondedAt: now })
      .where(
        and(
          eq(offers.id, offerId),
          eq(offers.status, "open"),
          ne(offers.sentBy, access.viewer.id),
          sql`${offers.expiresAt} > ${now.toISOString()}::timestamptz`,
        ),
      )
      .returning();
    if (!won) return { ok: false as const, error: "offer_closed" as const };
    const { visitIds } = await bookOffer(tx, won, { bookedBy: c.familyUserId, acceptedBy: access.viewer.id }, now);
    await tx
      .update(conversations)
      .set({ bookedAt: sql`coalesce(${conversations.bookedAt}, ${now.toISOString()}::timestamptz)` })
      .where(eq(conversations.id, c.id));
    // The request the conversation began from closes. So does the family's own request for this very
    // visit booked through another conversation (a carer's profile, say): a one-off for the same parent,
    // service and start. Left open, other carers kept offering a slot already taken (found on a
    // new-user walk). A weekly request is left to the family. One statement for both.
    const first = planned[0];
    const sameSlot =
      won.schedule === "once" && first
        ? and(
            eq(visitRequests.parentId, won.parentId),
            eq(visitRequests.service, won.service),
            eq(visitRequests.startsAt, first.startsAt),
          )
        : undefined;
    const toClose = or(c.contextRequestId ? eq(visitRequests.id, c.contextRequestId) : undefined, sameSlot);
    if (toClose) {
      await tx
        .update(visitRequests)
        .set({ status: "closed" })
        .where(and(eq(visitRequests.status, "open"), toClose));
    }
    await appendMessage(
      tx,
      effects.hub,
      c,
      {
        senderId: null,
        kind: "event",
        offerId,
        event: "offer_accepted" satisfies ChatEvent,
        eventData: { by: access.side, visits: visitIds.length, firstVisitId: visitIds[0] ?? "" },
      },
      now,
    );
    if (visitIds[0]) await textBooked(tx, effects, won, visitIds[0], now);
    return { ok: true as const, visitIds };
  });
}

/** "Visit booked" to the carer and to every family member of the parent, once per offer and person. */
async function textBooked(tx: Database, effects: ChatEffects, offer: Offer, firstVisitId: string, now: Date) {
  const [names] = await tx
    .select({ carerName: users.name, parentName: parents.name })
    .from(users)
    .innerJoin(parents, eq(parents.id, offer.parentId))
    .where(eq(users.id, offer.carerId));
  const family = await tx
    .select({ userId: parentMembers.userId })
    .from(parentMembers)
    .where(eq(parentMembers.parentId, offer.parentId));
  for (const userId of [offer.carerId, ...family.map((f) => f.userId)]) {
    await queueSms(
      tx,
      effects.jobs,
      effects.env,
      {
        event: `visit_booked:${offer.id}`,
        kind: "visit_confirmed",
        userId,
        params: {
          visitId: firstVisitId,
          carerName: names?.carerName ?? "",
          parentName: names?.parentName ?? "",
          startsAt: offer.firstStartsAt.toISOString(),
          timeZone: offer.timeZone,
          ...(offer.schedule === "weekly" && offer.weeks ? { weeks: offer.weeks } : {}),
        },
      },
      now,
    );
  }
}

/** The offers shown in a conversation, by id, as the viewer may act on them. */
export async function offersOf(
  db: Database,
  access: ConversationAccess,
  now: Date,
  /** Whether the reader may see the parent's home now: the family always, the carer as carerSeesHome says (messages.server.ts). */
  seesHome: boolean,
) {
  const rows = await preparedQuery(db, "conversation_offers", (db) =>
    db
      .select()
      .from(offers)
      .where(eq(offers.conversationId, sql.placeholder("conversationId")))
      .prepare("conversation_offers"),
  ).execute({ conversationId: access.conversation.id });
  const { bookedAt } = access.conversation;
  // Tasks are free text like a message, and a way around its mask ("gate pin 2296#"): sent before a
  // booking, they are masked for the receiver the same way, and so are all of them to a carer whose
  // access to the home has ended (as the messages are, asReadBy). The booked visit keeps them as agreed.
  const masked = (o: (typeof rows)[number]) =>
    o.sentBy !== access.viewer.id && (bookedAt === null || o.createdAt < bookedAt || !seesHome);
  // The parent's own address, codes and phone too, however they are written (an outside probe), in what
  // the family wrote: the carer reads it (a carer's own guesses are masked as any address is, messages.server.ts).
  const known =
    access.side === "carer" && rows.some(masked)
      ? await knownDetailsOfParent(db, access.conversation.parentId)
      : undefined;
  // A family's counter starts from the carer's offer, its tasks copied: a line the reader sent
  // themselves reads as they wrote it, or the mask on the family's copy told the carer which of their
  // guesses at the door code or street was right (a review).
  const ownLines = new Set(rows.filter((o) => o.sentBy === access.viewer.id).flatMap((o) => o.tasks));
  return Object.fromEntries(
    rows.map((o) => [
      o.id,
      offerView(
        o,
        {
          mine: o.sentBy === access.viewer.id,
          maskTasks: masked(o) ? (known ?? true) : false,
          side: access.side,
          asWritten: ownLines,
        },
        now,
      ),
    ]),
  );
}

/**
 * One offer as a page shows it: its terms and its state now; tasks masked when the reader may not see
 * them; and, while it is open, what cancelling its first visit would already cost the reader's side
 * were it booked now (`side`: a party to the conversation).
 */
export function offerView(
  o: Offer,
  {
    mine,
    maskTasks,
    side,
    asWritten,
  }: {
    mine: boolean;
    /** Masked for this reader: true, or with what is known of the parent (masking.ts, knownDetailsOf). */
    maskTasks: boolean | KnownDetails;
    side?: "family" | "carer";
    /** Task lines the reader wrote themselves (in an offer of their own): never masked for them. */
    asWritten?: ReadonlySet<string>;
  },
  now: Date,
) {
  const state = offerState(o, now);
  return {
    id: o.id,
    mine,
    state,
    alreadyCosts: state === "open" && side ? cancellingAtOnce(o, side, now) : null,
    service: o.service,
    schedule: o.schedule,
    timeZone: o.timeZone,
    startDate: o.startDate,
    startMinute: o.startMinute,
    weekdays: o.weekdays,
    weeks: o.weeks,
    firstStartsAt: o.firstStartsAt.toISOString(),
    durationMinutes: o.durationMinutes,
    tasks: maskTasks
      ? o.tasks.map((task) =>
          asWritten?.has(task) ? task : maskStoredText(task, maskTasks === true ? undefined : maskTasks).text,
        )
      : o.tasks,
    priceCents: o.priceCents,
    cancellation: o.cancellation,
    expiresAt: o.expiresAt.toISOString(),
  };
}

export type OfferView = ReturnType<typeof offerView>;

/**
 * What cancelling the first visit would cost at once, booked now: a fee for a family inside the
 * policy's paid window, the late flag for a carer inside 24 hours; null when it would still be free,
 * so the card says nothing (found on a walk: a visit booked 20 hours ahead was already half-price to cancel).
 */
function cancellingAtOnce(o: Offer, side: "family" | "carer", now: Date): { feeCents: number | null } | null {
  if (side === "family") {
    const feeCents = familyCancellationFee({ ...o, startsAt: o.firstStartsAt }, now);
    return feeCents > 0 ? { feeCents } : null;
  }
  return isLateCarerCancellation({ startsAt: o.firstStartsAt }, now) ? { feeCents: null } : null;
}
