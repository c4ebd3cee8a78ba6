// What the family dashboard shows across every parent the viewer shares: the visits coming up or
// under way, soonest first, the carers' offers waiting for an answer, and the visits done that still
// wait for them (to confirm before they confirm themselves, to rate before the rating window closes).
// Each read joins the viewer's membership, so it is scoped to their own parents whoever calls it.
import { and, asc, desc, eq, gt, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import { conversations, offers, parentMembers, parents, ratings, users, visits } from "~db/schema";
import { preparedQuery, type Database } from "~/db.server";
import { closedBetweenSql } from "~/chat/conversations.server";
import { offerTermColumns } from "~/chat/offer-columns.server";
import { daysMs, defaultDueAt, RATE_WITHIN_DAYS } from "~/ratings/scores";
import { RATEABLE_STATUSES } from "~/ratings/ratings.server";
import { AUTO_CONFIRM_AFTER_MS, autoConfirmDue } from "./completion";
import { ACTIVE_STATES } from "./visit-status";
import { visitListColumns } from "./visits.server";

/** How many of each list the dashboard shows; each parent's page lists all of theirs. */
export const DIGEST_LIMIT = 5;

const digestColumns = {
  parentId: parents.id,
  parentName: parents.name,
  timeZone: parents.timeZone,
  carerName: users.name,
};

export async function familyVisitDigest(db: Database, userId: string, now: Date) {
  const rows = await preparedQuery(db, "family_digest", (db) => {
    const side = (where: SQL | undefined, order: SQL) =>
      db
        .select({
          ...visitListColumns,
          ...digestColumns,
          checkedOutAt: visits.checkedOutAt,
          rated: sql<boolean>`${ratings.id} is not null`,
        })
        .from(visits)
        .innerJoin(
          parentMembers,
          and(eq(parentMembers.parentId, visits.parentId), eq(parentMembers.userId, sql.placeholder("userId"))),
        )
        .innerJoin(parents, eq(parents.id, visits.parentId))
        .innerJoin(users, eq(users.id, visits.carerId))
        .leftJoin(ratings, eq(ratings.visitId, visits.id))
        .where(where)
        .orderBy(order)
        .limit(DIGEST_LIMIT);
    return (
      // By state, as on the parent's page: a visit not yet marked missed is still the family's concern.
      side(inArray(visits.status, [...ACTIVE_STATES]), asc(visits.startsAt))
        // Done (checked out), not disputed, inside the rating window, and not yet rated or not yet
        // confirmed: rating a visit is not confirming it (a new-user walk: the card went at the rating,
        // and the visit confirmed itself unasked).
        .unionAll(
          side(
            and(
              inArray(visits.status, [...RATEABLE_STATUSES]),
              gt(visits.checkedOutAt, sql.placeholder("rateFrom")),
              or(isNull(ratings.id), eq(visits.status, "completed")),
            ),
            desc(visits.checkedOutAt),
          ),
        )
        .prepare("family_digest")
    );
    // ISO text: a placeholder gets no encoder.
  }).execute({ userId, rateFrom: new Date(now.getTime() - daysMs(RATE_WITHIN_DAYS)).toISOString() });
  // A union keeps no order of its own.
  const coming = rows
    .filter((r) => ACTIVE_STATES.includes(r.status))
    .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())
    .map(({ checkedOutAt: _, rated: __, ...v }) => v);
  const answers = rows
    .filter((r) => !ACTIVE_STATES.includes(r.status))
    .map(({ checkedOutAt, rated, ...v }) => ({
      ...v,
      /**
       * Set while the family may still confirm: the moment the visit confirms itself. Past it, the
       * hourly scan confirms the visit; until it has, the family is not asked for what is late.
       */
      confirmBy:
        v.status === "completed" && !autoConfirmDue({ status: v.status, checkedOutAt }, now)
          ? new Date(checkedOutAt!.getTime() + AUTO_CONFIRM_AFTER_MS)
          : null,
      /** Null once rated: only the confirmation still waits. */
      rateBy: rated ? null : defaultDueAt(checkedOutAt!),
    }))
    // Rated, and past confirming itself: nothing waits for the family any more.
    .filter((a) => a.confirmBy !== null || a.rateBy !== null);
  // The nearest deadline first: a confirmation due tomorrow before a rating due next week.
  const due = (a: (typeof answers)[number]) => (a.confirmBy ?? a.rateBy)!.getTime();
  return { coming, waiting: answers.sort((a, b) => due(a) - due(b)) };
}

/**
 * The carers' offers in the viewer's own conversations that wait for their answer, the one expiring
 * first first: open, not expired, sent by the carer (a counter-offer of the family's waits for the
 * carer), and still answerable (the viewer is still of the parent's family, and neither blocked the
 * other nor is suspended: conversationClosed's rules, the same SQL). With the offer's message in the
 * chat, which the dashboard links to.
 */
export async function familyOffersWaiting(db: Database, userId: string, now: Date) {
  return preparedQuery(
    db,
    "family_offers_waiting",
    (db) =>
      db
        .select({
          ...offerTermColumns,
          expiresAt: offers.expiresAt,
          parentName: parents.name,
          carerName: users.name,
          messageSeq: sql<number | null>`(select m.seq from messages m
            where m.conversation_id = ${offers.conversationId} and m.offer_id = ${offers.id} and m.kind = 'offer'
            limit 1)`,
        })
        .from(conversations)
        .innerJoin(
          parentMembers,
          and(eq(parentMembers.parentId, conversations.parentId), eq(parentMembers.userId, conversations.familyUserId)),
        )
        .innerJoin(
          offers,
          and(
            eq(offers.conversationId, conversations.id),
            eq(offers.status, "open"),
            eq(offers.sentBy, conversations.carerId),
          ),
        )
        .innerJoin(parents, eq(parents.id, conversations.parentId))
        .innerJoin(users, eq(users.id, conversations.carerId))
        .where(
          and(
            eq(conversations.familyUserId, sql.placeholder("userId")),
            gt(offers.expiresAt, sql.placeholder("now")),
            sql`not ${closedBetweenSql(sql`${conversations.familyUserId}`, sql`${conversations.carerId}`)}`,
          ),
        )
        .orderBy(asc(offers.expiresAt))
        .limit(DIGEST_LIMIT)
        .prepare("family_offers_waiting"),
    // ISO text: a placeholder gets no encoder.
  ).execute({ userId, now: now.toISOString() });
}
