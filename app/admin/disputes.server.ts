// Disputed visits for admins: the open ones, all the evidence of one on a single page (the chat with
// the masked originals, the EVV record, the visit log and its corrections, the photo, every event,
// the parent's own SMS answer), and the decision, which fires the visit's resolve transition, is
// recorded with the admin's reasons, and is texted to both sides in the same transaction.
import { and, asc, desc, eq, gte } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import {
  conversations,
  disputes,
  messages,
  offers,
  parentChecks,
  parents,
  ratings,
  smsInbound,
  users,
  visitCorrections,
  visitEvents,
  visitLogs,
  visits,
} from "~db/schema";
import type { Database } from "~/db.server";
import { queueSms } from "~/sms/sms.server";
import { fire, lockVisit, visitPeople, type VisitEffects } from "~/visits/transitions.server";
import { VISIT_PHOTO_KEY } from "~/visits/log.server";
import type { TransitionName } from "~/visits/visit-status";
import { offerView } from "~/chat/offers.server";
import { endedBeforeStart, givenReason, shortBy } from "~/visits/timeline";
import { withdrawRatingOfRuledVisit } from "~/ratings/ratings.server";
import { type AdminViewer, recordAudit } from "./audit.server";
import type { DisputeOutcome } from "./vocabulary";

const opener = alias(users, "opener");
const carer = alias(users, "carer");

/** Open disputes, oldest first, with enough to pick one. */
export async function openDisputes(db: Database, _admin: AdminViewer, limit = 100) {
  const rows = await db
    .select({
      id: disputes.id,
      visitId: disputes.visitId,
      reason: disputes.reason,
      createdAt: disputes.createdAt,
      openedByName: opener.name,
      parentName: parents.name,
      carerName: carer.name,
      startsAt: visits.startsAt,
      timeZone: parents.timeZone,
    })
    .from(disputes)
    .innerJoin(visits, eq(visits.id, disputes.visitId))
    .innerJoin(parents, eq(parents.id, visits.parentId))
    .innerJoin(carer, eq(carer.id, visits.carerId))
    .leftJoin(opener, eq(opener.id, disputes.openedBy))
    .where(eq(disputes.status, "open"))
    .orderBy(asc(disputes.createdAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), startsAt: r.startsAt.toISOString() }));
}

/** The most chat messages the evidence page shows (the newest ones, if a conversation is longer). */
const TRANSCRIPT_LIMIT = 500;

/** Everything about one disputed visit, for an admin; null when there is no such dispute. */
export async function disputeEvidence(db: Database, _admin: AdminViewer, disputeId: string, now: Date) {
  const [d] = await db
    .select({ dispute: disputes, openedByName: opener.name })
    .from(disputes)
    .leftJoin(opener, eq(opener.id, disputes.openedBy))
    .where(eq(disputes.id, disputeId))
    .limit(1);
  if (!d) return null;
  const [v] = await db
    .select({ visit: visits, parentName: parents.name, timeZone: parents.timeZone, carerName: carer.name })
    .from(visits)
    .innerJoin(parents, eq(parents.id, visits.parentId))
    .innerJoin(carer, eq(carer.id, visits.carerId))
    .where(eq(visits.id, d.dispute.visitId));
  if (!v) return null;
  const visit = v.visit;
  const family = alias(users, "family");
  const [offer] = await db
    .select({ conversationId: offers.conversationId, familyName: family.name })
    .from(offers)
    .innerJoin(conversations, eq(conversations.id, offers.conversationId))
    .leftJoin(family, eq(family.id, conversations.familyUserId))
    .where(eq(offers.id, visit.offerId));
  const sender = alias(users, "sender");
  const actor = alias(users, "actor");
  const [chat, chatOffers, events, log, corrections, check, rating] = await Promise.all([
    offer
      ? db
          .select({
            seq: messages.seq,
            kind: messages.kind,
            senderId: messages.senderId,
            senderName: sender.name,
            body: messages.body,
            maskedBody: messages.maskedBody,
            event: messages.event,
            eventData: messages.eventData,
            offerId: messages.offerId,
            hiddenAt: messages.hiddenAt,
            createdAt: messages.createdAt,
          })
          .from(messages)
          .leftJoin(sender, eq(sender.id, messages.senderId))
          .where(eq(messages.conversationId, offer.conversationId))
          .orderBy(desc(messages.seq))
          .limit(TRANSCRIPT_LIMIT)
      : Promise.resolve([]),
    // Every offer of the chat in one statement: an offer message shows the terms it put forward.
    offer ? db.select().from(offers).where(eq(offers.conversationId, offer.conversationId)) : Promise.resolve([]),
    db
      .select({
        id: visitEvents.id,
        actorName: actor.name,
        fromStatus: visitEvents.fromStatus,
        toStatus: visitEvents.toStatus,
        reason: visitEvents.reason,
        data: visitEvents.data,
        at: visitEvents.at,
      })
      .from(visitEvents)
      .leftJoin(actor, eq(actor.id, visitEvents.actorId))
      .where(eq(visitEvents.visitId, visit.id))
      .orderBy(asc(visitEvents.id)),
    db.select().from(visitLogs).where(eq(visitLogs.visitId, visit.id)),
    db
      .select({
        field: visitCorrections.field,
        oldValue: visitCorrections.oldValue,
        newValue: visitCorrections.newValue,
        reason: visitCorrections.reason,
        at: visitCorrections.at,
      })
      .from(visitCorrections)
      .where(eq(visitCorrections.visitId, visit.id))
      .orderBy(asc(visitCorrections.id)),
    db.select().from(parentChecks).where(eq(parentChecks.visitId, visit.id)),
    // The family's rating of the visit, if any: the stars a ruling would withdraw.
    db
      .select({
        asAgreed: ratings.asAgreed,
        care: ratings.care,
        punctuality: ratings.punctuality,
        isDefault: ratings.isDefault,
        counts: ratings.counts,
        comment: ratings.comment,
      })
      .from(ratings)
      .where(eq(ratings.visitId, visit.id)),
  ]);
  // The parent's reply as it came in: the first text from that number after the question.
  const asked = check[0];
  const [reply] =
    asked?.answeredAt != null
      ? await db
          .select({ body: smsInbound.body, receivedAt: smsInbound.receivedAt })
          .from(smsInbound)
          .where(and(eq(smsInbound.fromPhone, asked.phone), gte(smsInbound.receivedAt, asked.sentAt)))
          .orderBy(asc(smsInbound.receivedAt))
          .limit(1)
      : [];
  const iso = (t: Date | null) => t?.toISOString() ?? null;
  const l = log[0];
  const offersById = new Map(chatOffers.map((o) => [o.id, offerView(o, { mine: false, maskTasks: false }, now)]));
  return {
    dispute: {
      id: d.dispute.id,
      reason: d.dispute.reason,
      openedByName: d.openedByName,
      byParent: d.dispute.openedBy === null,
      status: d.dispute.status,
      outcome: d.dispute.outcome,
      outcomeNote: d.dispute.outcomeNote,
      createdAt: d.dispute.createdAt.toISOString(),
      resolvedAt: iso(d.dispute.resolvedAt),
    },
    visit: {
      id: visit.id,
      status: visit.status,
      service: visit.service,
      startsAt: visit.startsAt.toISOString(),
      endsAt: visit.endsAt.toISOString(),
      priceCents: visit.priceCents,
      tasks: visit.terms.tasks,
      durationMinutes: visit.terms.durationMinutes,
      parentName: v.parentName,
      carerName: v.carerName,
      timeZone: v.timeZone,
    },
    /** Electronic Visit Verification: server times and how far from home (never the coordinates). */
    evv: {
      onTheWayAt: iso(visit.onTheWayAt),
      checkedInAt: iso(visit.checkedInAt),
      checkInDistanceM: visit.checkInDistanceM,
      checkInAccuracyM: visit.checkInAccuracyM,
      checkInReason: visit.checkInReason,
      checkedOutAt: iso(visit.checkedOutAt),
      checkOutDistanceM: visit.checkOutDistanceM,
      checkOutAccuracyM: visit.checkOutAccuracyM,
      checkOutReason: visit.checkOutReason,
      gpsFlagged: visit.gpsFlagged,
      /** The exceptions the family's visit page lists (an outside probe: the admin saw only raw times). */
      shortByMinutes: shortBy(visit),
      endedBeforeStart: endedBeforeStart(visit),
    },
    rating: rating[0] ?? null,
    log: l
      ? {
          tasksDone: l.tasksDone,
          notes: l.notes,
          mood: l.mood,
          appetite: l.appetite,
          mobility: l.mobility,
          concerns: l.concerns,
          hasPhoto: l.photoKey !== null,
          updatedAt: l.updatedAt.toISOString(),
        }
      : null,
    corrections: corrections.map((c) => ({ ...c, at: c.at.toISOString() })),
    events: events.map(({ data, ...e }) => ({
      ...e,
      // fire() writes the transition's name where no reason was given: not a reason to show.
      reason: givenReason({ ...e, data }),
      at: e.at.toISOString(),
    })),
    transcript: chat.reverse().map((m) => ({
      seq: m.seq,
      kind: m.kind,
      side: m.senderId === null ? "platform" : m.senderId === visit.carerId ? "carer" : "family",
      senderName: m.senderName ?? "Kinvisit",
      body: m.body,
      maskedBody: m.maskedBody,
      event: m.event,
      // Who did what an event line tells ("… accepted the offer"), by name.
      eventBy:
        typeof m.eventData?.byName === "string" && m.eventData.byName
          ? m.eventData.byName
          : m.eventData?.by === "carer"
            ? v.carerName
            : m.eventData?.by === "family"
              ? (offer?.familyName ?? null)
              : m.eventData?.by === "admin"
                ? "Kinvisit"
                : null,
      // When the visit a cancellation line names starts, on the parent's clock.
      eventWhen:
        typeof m.eventData?.startsAt === "string" && typeof m.eventData.timeZone === "string"
          ? { startsAt: m.eventData.startsAt, timeZone: m.eventData.timeZone }
          : null,
      // As sent: the admin reads tasks unmasked, like the messages.
      offer: m.kind === "offer" ? (offersById.get(m.offerId ?? "") ?? null) : null,
      hidden: m.hiddenAt !== null,
      at: m.createdAt.toISOString(),
    })),
    parentAnswer: asked
      ? {
          sentAt: asked.sentAt.toISOString(),
          answer: asked.answer,
          answeredAt: iso(asked.answeredAt),
          reply: reply ? { body: reply.body, at: reply.receivedAt.toISOString() } : null,
        }
      : null,
  };
}

export type DisputeEvidence = NonNullable<Awaited<ReturnType<typeof disputeEvidence>>>;

/** The storage key of the disputed visit's log photo, for the admin's photo route. */
export async function disputePhotoKey(db: Database, _admin: AdminViewer, disputeId: string): Promise<string | null> {
  const [row] = await db
    .select({ key: visitLogs.photoKey })
    .from(disputes)
    .innerJoin(visitLogs, eq(visitLogs.visitId, disputes.visitId))
    .where(eq(disputes.id, disputeId));
  // Only a key the visit log wrote (visits/<visit>/<photo>.jpg) is ever read from storage.
  return row?.key && VISIT_PHOTO_KEY.test(row.key) ? row.key : null;
}

/** Whether the dispute is decided already (false for one still open, or none). */
export async function disputeDecided(db: Database, _admin: AdminViewer, disputeId: string): Promise<boolean> {
  const [row] = await db.select({ status: disputes.status }).from(disputes).where(eq(disputes.id, disputeId));
  return row !== undefined && row.status !== "open";
}

const RESOLVE: Record<DisputeOutcome, TransitionName> = {
  done: "resolve_as_done",
  missed: "resolve_as_missed",
  cancelled: "resolve_as_cancelled",
};

export type ResolveDisputeResult = { ok: true } | { ok: false; error: "already_resolved" | "not_disputed" };

/** Decides a dispute: null when there is no such dispute. */
export async function resolveDispute(
  db: Database,
  effects: VisitEffects,
  admin: AdminViewer,
  input: { disputeId: string; outcome: DisputeOutcome; note: string },
  now: Date,
): Promise<ResolveDisputeResult | null> {
  return db.transaction(async (tx) => {
    const [dispute] = await tx.select().from(disputes).where(eq(disputes.id, input.disputeId)).for("update");
    if (!dispute) return null;
    if (dispute.status !== "open") return { ok: false, error: "already_resolved" };
    const visit = await lockVisit(tx, dispute.visitId);
    if (!visit) return null;
    const set =
      input.outcome === "done"
        ? { confirmedAt: now }
        : input.outcome === "cancelled"
          ? { cancelledAt: now, cancelledBy: admin.id, cancelReason: input.note }
          : {};
    const fired = await fire(
      tx,
      effects,
      visit,
      RESOLVE[input.outcome],
      { kind: "admin", userId: admin.id },
      { reason: input.note, data: { disputeId: dispute.id, outcome: input.outcome }, set },
      now,
    );
    if (!fired.ok) return { ok: false, error: "not_disputed" };
    // Ruled not to have happened as rated: a rating given before the dispute stops counting.
    if (input.outcome !== "done") await withdrawRatingOfRuledVisit(tx, visit.id, now);
    await tx
      .update(disputes)
      .set({
        status: "resolved",
        outcome: input.outcome,
        outcomeNote: input.note,
        resolvedBy: admin.id,
        resolvedAt: now,
      })
      .where(eq(disputes.id, dispute.id));
    // Both sides are told: the carer and every family member of the parent.
    const people = await visitPeople(tx, visit);
    for (const userId of [visit.carerId, ...people.familyIds]) {
      await queueSms(
        tx,
        effects.jobs,
        effects.env,
        {
          event: `dispute_resolved:${dispute.id}`,
          kind: "dispute_resolved",
          userId,
          params: { visitId: visit.id, parentName: people.parentName, outcome: input.outcome },
        },
        now,
      );
    }
    await recordAudit(
      tx,
      admin,
      {
        action: "dispute.resolve",
        subjectType: "dispute",
        subjectId: dispute.id,
        reason: input.note,
        data: { visitId: visit.id, outcome: input.outcome },
      },
      now,
    );
    return { ok: true };
  });
}
