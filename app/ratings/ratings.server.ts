// Giving ratings and keeping a carer's scores: the family's rating of a completed visit, the default
// good rating at day 15, the window sliding past old ratings, follow-ups, replies and an admin's
// hiding of text. The rules are scores.ts's; every change of a carer's sums happens under the lock of
// their carer_scores row, so arrivals and the daily job never lose each other's work.
import { notDoneReason, type NotDone } from "~/visits/visit-status";
import { and, eq, gt, inArray, isNotNull, isNull, lte, sql } from "drizzle-orm";
import { carers, carerScores, parents, ratings, users, visits, type Visit } from "~db/schema";
import { recordAudit } from "~/admin/audit.server";
import { type Database, preparedQuery } from "~/db.server";
import type { Viewer } from "~/privacy/location";
import { lockPartyVisit, type VisitParty } from "~/visits/party.server";
import {
  countsUnderCap,
  daysMs,
  defaultDueAt,
  followUpOpen,
  isGood,
  monthOf,
  overallScore,
  ratingOpen,
  replyOpen,
  SCORE_WINDOW_DAYS,
  type Stars,
  windowStart,
} from "./scores";

/** Visits a family may rate: done, and not under dispute. */
export const RATEABLE_STATUSES = ["completed", "confirmed"] as const satisfies readonly Visit["status"][];
const isRateable = (v: Visit) => (RATEABLE_STATUSES as readonly string[]).includes(v.status) && v.checkedOutAt !== null;

export type RateError = "not_completed" | "closed" | "already_rated" | "own_visit";
export type RateResult =
  | { ok: true; ratingId: string }
  | { ok: false; error: "not_completed"; why: NotDone }
  | { ok: false; error: Exclude<RateError, "not_completed"> };

/** The carer's scores row, created empty if need be, and locked for the rest of the transaction. */
async function lockScores(tx: Database, carerId: string, now: Date) {
  await tx
    .insert(carerScores)
    .values({ carerId, windowFrom: windowStart(now), updatedAt: now })
    .onConflictDoNothing();
  const [row] = await tx.select().from(carerScores).where(eq(carerScores.carerId, carerId)).for("update");
  return row!;
}

/** Writes the overall score search sorts by, from the sums just stored. */
async function writeSearchScore(tx: Database, carerId: string, sums: Parameters<typeof overallScore>[0]) {
  await tx
    .update(carers)
    .set({ ratingScore: overallScore(sums) })
    .where(eq(carers.userId, carerId));
}

interface NewRating {
  visit: Visit;
  timeZone: string;
  ratedBy: string | null;
  stars: Stars | null;
  comment: string;
  ratedAt: Date;
}

/**
 * Inserts one rating (the visit's only one: a unique key) and adds it to the carer's sums when it
 * counts under the monthly cap. Null when the visit already has a rating.
 */
async function insertRating(tx: Database, r: NewRating, now: Date): Promise<string | null> {
  const scores = await lockScores(tx, r.visit.carerId, now);
  const month = monthOf(r.ratedAt, r.timeZone);
  const [{ counted }] = (await tx
    .select({ counted: sql<number>`count(*)::int` })
    .from(ratings)
    .where(
      and(
        eq(ratings.carerId, r.visit.carerId),
        eq(ratings.parentId, r.visit.parentId),
        eq(ratings.month, month),
        eq(ratings.counts, true),
      ),
    )) as [{ counted: number }];
  const counts = countsUnderCap(counted);
  const good = isGood(r.stars);
  const [inserted] = await tx
    .insert(ratings)
    .values({
      visitId: r.visit.id,
      carerId: r.visit.carerId,
      parentId: r.visit.parentId,
      ratedBy: r.ratedBy,
      service: r.visit.service,
      asAgreed: r.stars?.asAgreed ?? null,
      care: r.stars?.care ?? null,
      punctuality: r.stars?.punctuality ?? null,
      isDefault: r.stars === null,
      good,
      counts,
      month,
      comment: r.comment,
      completedAt: r.visit.checkedOutAt!,
      ratedAt: r.ratedAt,
    })
    .onConflictDoNothing({ target: ratings.visitId })
    .returning({ id: ratings.id });
  if (!inserted) return null;
  // A rating older than the window the sums reflect (a default written very late) is not added.
  const adds = counts && r.ratedAt.getTime() > scores.windowFrom.getTime();
  const sums = {
    asAgreedSum: scores.asAgreedSum + (adds && r.stars ? r.stars.asAgreed : 0),
    careSum: scores.careSum + (adds && r.stars ? r.stars.care : 0),
    punctualitySum: scores.punctualitySum + (adds && r.stars ? r.stars.punctuality : 0),
    scoredCount: scores.scoredCount + (adds && r.stars ? 1 : 0),
    ratedCount: scores.ratedCount + (adds ? 1 : 0),
    goodCount: scores.goodCount + (adds && good ? 1 : 0),
  };
  await tx
    .update(carerScores)
    .set({ ...sums, reviewCount: scores.reviewCount + (r.stars ? 1 : 0), updatedAt: now })
    .where(eq(carerScores.carerId, r.visit.carerId));
  if (adds && r.stars) await writeSearchScore(tx, r.visit.carerId, sums);
  return inserted.id;
}

/** The family rates a completed visit: once, within 15 days of its completion. */
export async function rateVisit(
  db: Database,
  party: VisitParty,
  input: { stars: Stars; comment: string },
  now: Date,
): Promise<RateResult> {
  if (party.side !== "family") return { ok: false, error: "own_visit" };
  return db.transaction(async (tx) => {
    const visit = await lockPartyVisit(tx, party);
    if (visit.carerId === party.viewer.id) return { ok: false, error: "own_visit" };
    if (!isRateable(visit))
      return { ok: false, error: "not_completed", why: notDoneReason(visit.status, visit.checkedOutAt !== null) };
    const [existing] = await tx.select({ id: ratings.id }).from(ratings).where(eq(ratings.visitId, visit.id));
    if (existing) return { ok: false, error: "already_rated" };
    if (!ratingOpen(visit.checkedOutAt!, now)) return { ok: false, error: "closed" };
    const [parent] = await tx
      .select({ timeZone: parents.timeZone })
      .from(parents)
      .where(eq(parents.id, visit.parentId));
    const id = await insertRating(
      tx,
      {
        visit,
        timeZone: parent!.timeZone,
        ratedBy: party.viewer.id,
        stars: input.stars,
        comment: input.comment.trim(),
        ratedAt: now,
      },
      now,
    );
    return id ? { ok: true, ratingId: id } : { ok: false, error: "already_rated" };
  });
}

/**
 * The hourly job: a default good rating for each finished visit 15 days past its completion without
 * one. Each in its own transaction; the visit's unique key makes a second run, or a family rating at
 * the same moment, a no-op. Reads visits_finished_checked_out_idx, back to the window's start only:
 * a rating older than that would count for nothing.
 */
export async function writeDefaultRatings(db: Database, now: Date, { limit = 5_000 } = {}): Promise<number> {
  const due = await db
    .select({ id: visits.id })
    .from(visits)
    .leftJoin(ratings, eq(ratings.visitId, visits.id))
    .where(
      and(
        inArray(visits.status, [...RATEABLE_STATUSES]),
        lte(visits.checkedOutAt, new Date(now.getTime() - daysMs(15))),
        gt(visits.checkedOutAt, windowStart(now)),
        isNull(ratings.id),
      ),
    )
    .limit(limit);
  let written = 0;
  for (const { id } of due) {
    const done = await db.transaction(async (tx) => {
      const [visit] = await tx.select().from(visits).where(eq(visits.id, id)).for("update");
      if (!visit || !isRateable(visit) || ratingOpen(visit.checkedOutAt!, now)) return false;
      const [parent] = await tx
        .select({ timeZone: parents.timeZone })
        .from(parents)
        .where(eq(parents.id, visit.parentId));
      const ratingId = await insertRating(
        tx,
        {
          visit,
          timeZone: parent!.timeZone,
          ratedBy: null,
          stars: null,
          comment: "",
          // Dated when it fell due, so a late job run does not shift it in the window or the month.
          ratedAt: defaultDueAt(visit.checkedOutAt!),
        },
        now,
      );
      return ratingId !== null;
    });
    if (done) written += 1;
  }
  return written;
}

/**
 * A dispute ruled the visit missed or cancelled: it did not take place as rated, so its rating (given
 * before the dispute) stops counting toward the carer's scores, which are taken again. The review stays
 * on the profile, saying so. Inside the ruling's transaction; nothing when the visit has no counted rating.
 */
export async function withdrawRatingOfRuledVisit(tx: Database, visitId: string, now: Date): Promise<void> {
  const [withdrawn] = await tx
    .update(ratings)
    .set({ counts: false })
    .where(and(eq(ratings.visitId, visitId), eq(ratings.counts, true)))
    .returning({ carerId: ratings.carerId });
  if (withdrawn) await recomputeScoresOf(tx, [withdrawn.carerId], now);
}

/** Recomputes one carer's sums from the counted ratings inside the window, under the row's lock. */
export async function recomputeCarerScores(db: Database, carerId: string, now: Date): Promise<void> {
  await recomputeScoresOf(db, [carerId], now);
}

/**
 * Recomputes these carers' sums from their counted ratings inside the window, in one transaction with
 * a fixed number of statements however many carers (the daily job's leavers, the demo seed's hundred):
 * the scores rows are made if need be and locked in carer order (an arriving rating locks one row, so
 * the two cannot deadlock), the sums read in one grouped query, then written with the search score.
 */
export async function recomputeScoresOf(db: Database, carerIds: readonly string[], now: Date): Promise<void> {
  const ids = [...new Set(carerIds)].sort();
  if (ids.length === 0) return;
  const from = windowStart(now);
  await db.transaction(async (tx) => {
    await tx
      .insert(carerScores)
      .values(ids.map((carerId) => ({ carerId, windowFrom: from, updatedAt: now })))
      .onConflictDoNothing();
    await tx
      .select({ carerId: carerScores.carerId })
      .from(carerScores)
      .where(inArray(carerScores.carerId, ids))
      .orderBy(carerScores.carerId)
      .for("update");
    const rows = await tx
      .select({
        carerId: ratings.carerId,
        asAgreedSum: sql<number>`coalesce(sum(${ratings.asAgreed}), 0)::int`,
        careSum: sql<number>`coalesce(sum(${ratings.care}), 0)::int`,
        punctualitySum: sql<number>`coalesce(sum(${ratings.punctuality}), 0)::int`,
        scoredCount: sql<number>`count(*) filter (where not ${ratings.isDefault})::int`,
        ratedCount: sql<number>`count(*)::int`,
        goodCount: sql<number>`count(*) filter (where ${ratings.good})::int`,
      })
      .from(ratings)
      .where(and(inArray(ratings.carerId, ids), eq(ratings.counts, true), gt(ratings.ratedAt, from)))
      .groupBy(ratings.carerId);
    const found = new Map(rows.map((r) => [r.carerId, r]));
    // A carer without a counted rating in the window has all-zero sums.
    const sums = ids.map((carerId) => {
      const r = found.get(carerId);
      const s = {
        asAgreedSum: r?.asAgreedSum ?? 0,
        careSum: r?.careSum ?? 0,
        punctualitySum: r?.punctualitySum ?? 0,
        scoredCount: r?.scoredCount ?? 0,
        ratedCount: r?.ratedCount ?? 0,
        goodCount: r?.goodCount ?? 0,
      };
      return { carer_id: carerId, ...s, score: overallScore(s) };
    });
    // Both rows of each carer in one statement: the sums, and the score search sorts by.
    await tx.execute(sql`with s as (
        select * from json_to_recordset(${JSON.stringify(sums)}::json) as s(carer_id uuid, "asAgreedSum" int,
          "careSum" int, "punctualitySum" int, "scoredCount" int, "ratedCount" int, "goodCount" int, score float8)
      ), written as (
        update ${carerScores} cs set
          as_agreed_sum = s."asAgreedSum", care_sum = s."careSum", punctuality_sum = s."punctualitySum",
          scored_count = s."scoredCount", rated_count = s."ratedCount", good_count = s."goodCount",
          window_from = ${from.toISOString()}::timestamptz, updated_at = ${now.toISOString()}::timestamptz
        from s where cs.carer_id = s.carer_id)
      update ${carers} c set rating_score = s.score from s where c.user_id = s.carer_id`);
  });
}

/**
 * The daily job: carers with a counted rating that left the window since their sums were last
 * taken get them recomputed. Reads ratings_counted_rated_idx over the last month of leavers (a job
 * down longer than that would leave stale sums until the carer's next recompute).
 */
export async function slideScoreWindow(db: Database, now: Date): Promise<number> {
  const cutoff = windowStart(now);
  const leaving = await db
    .selectDistinct({ carerId: ratings.carerId })
    .from(ratings)
    .innerJoin(carerScores, eq(carerScores.carerId, ratings.carerId))
    .where(
      and(
        eq(ratings.counts, true),
        lte(ratings.ratedAt, cutoff),
        gt(ratings.ratedAt, new Date(cutoff.getTime() - daysMs(30))),
        gt(ratings.ratedAt, carerScores.windowFrom),
      ),
    );
  await recomputeScoresOf(
    db,
    leaving.map((l) => l.carerId),
    now,
  );
  return leaving.length;
}

export type FollowUpResult =
  | { ok: true }
  | { ok: false; error: "not_rated" | "already_followed_up" | "closed" | "not_yours" };

/**
 * Who may add the follow-up: whoever rated (another of the family wrote under a sibling's review: an
 * outside probe), or anyone of the family when nobody did (the default rating at day 15).
 */
const followsUp = (rating: { ratedBy: string | null; isDefault: boolean }, viewerId: string) =>
  rating.isDefault || rating.ratedBy === null || rating.ratedBy === viewerId;

/** The family's one follow-up review, within 180 days of the visit's completion. */
export async function addFollowUp(db: Database, party: VisitParty, text: string, now: Date): Promise<FollowUpResult> {
  if (party.side !== "family") return { ok: false, error: "not_rated" };
  const [rating] = await db.select().from(ratings).where(eq(ratings.visitId, party.visitId));
  if (!rating) return { ok: false, error: "not_rated" };
  // The same words from the same person again (a double click, a retry) are the one follow-up.
  const same = (r: { followUp: string | null; followUpBy: string | null }) =>
    r.followUp === text.trim() && r.followUpBy === party.viewer.id;
  if (!followsUp(rating, party.viewer.id)) return { ok: false, error: "not_yours" };
  if (rating.followUpAt) return same(rating) ? { ok: true } : { ok: false, error: "already_followed_up" };
  if (!followUpOpen(rating.completedAt, now)) return { ok: false, error: "closed" };
  const [done] = await db
    .update(ratings)
    .set({ followUp: text.trim(), followUpBy: party.viewer.id, followUpAt: now })
    .where(and(eq(ratings.id, rating.id), isNull(ratings.followUpAt)))
    .returning({ id: ratings.id });
  if (done) return { ok: true };
  const [current] = await db.select().from(ratings).where(eq(ratings.id, rating.id));
  return current && same(current) ? { ok: true } : { ok: false, error: "already_followed_up" };
}

export type ReplyResult = { ok: true } | { ok: false; error: "already_replied" | "closed" | "nothing_to_reply" };

/** The carer's one reply to a rating of theirs, within 30 days of it. Null: not theirs (or no such rating). */
export async function replyToRating(
  db: Database,
  viewer: Viewer,
  ratingId: string,
  text: string,
  now: Date,
): Promise<ReplyResult | null> {
  if (viewer.role !== "carer") return null;
  const [rating] = await db
    .select()
    .from(ratings)
    .where(and(eq(ratings.id, ratingId), eq(ratings.carerId, viewer.id)));
  if (!rating) return null;
  if (rating.isDefault) return { ok: false, error: "nothing_to_reply" };
  // The same reply again (a double click, a retry) is the one reply.
  const same = (r: { reply: string | null }) => r.reply === text.trim();
  if (rating.replyAt) return same(rating) ? { ok: true } : { ok: false, error: "already_replied" };
  if (!replyOpen(rating.ratedAt, now)) return { ok: false, error: "closed" };
  const [done] = await db
    .update(ratings)
    .set({ reply: text.trim(), replyAt: now })
    .where(and(eq(ratings.id, rating.id), isNull(ratings.replyAt)))
    .returning({ id: ratings.id });
  if (done) return { ok: true };
  const [current] = await db.select().from(ratings).where(eq(ratings.id, rating.id));
  return current && same(current) ? { ok: true } : { ok: false, error: "already_replied" };
}

export const HIDEABLE_PARTS = ["comment", "follow_up", "reply"] as const;
export type HideablePart = (typeof HIDEABLE_PARTS)[number];

/**
 * An admin hides one abusive text of a review (the comment, the follow-up or the reply). Scores are
 * untouched: this writes only the hiding columns, and the table's trigger refuses any change of stars.
 * The hide and its audit row (who, when, which text, why) are written together.
 * Null: not an admin, or no such rating.
 */
export async function hideRatingText(
  db: Database,
  viewer: Viewer,
  ratingId: string,
  part: HideablePart,
  reason: string,
  now: Date,
): Promise<HideResult | null> {
  if (viewer.role !== "admin") return null;
  // Each part: its text and the column that hides it.
  const { text, hides } = (
    {
      comment: { text: ratings.comment, hides: "commentHiddenAt" },
      follow_up: { text: ratings.followUp, hides: "followUpHiddenAt" },
      reply: { text: ratings.reply, hides: "replyHiddenAt" },
    } as const
  )[part];
  const hiddenAt = ratings[hides];
  return db.transaction(async (tx) => {
    // Only text that is there and shown: hiding a reply not yet written hid the carer's later one, and
    // hiding again wrote a second audit row (an outside probe).
    const [done] = await tx
      .update(ratings)
      .set({ [hides]: now, moderatedBy: viewer.id })
      .where(and(eq(ratings.id, ratingId), isNotNull(text), isNull(hiddenAt)))
      .returning({ carerId: ratings.carerId });
    if (!done) {
      const [rating] = await tx
        .select({ carerId: ratings.carerId, text, hiddenAt })
        .from(ratings)
        .where(eq(ratings.id, ratingId));
      if (!rating) return null;
      return { ok: false, error: rating.text === null ? "nothing_to_hide" : "already_hidden" };
    }
    await recordAudit(
      tx,
      viewer,
      { action: "review.hide", subjectType: "rating", subjectId: ratingId, reason, data: { part } },
      now,
    );
    return { ok: true, carerId: done.carerId };
  });
}

export type HideResult = { ok: true; carerId: string } | { ok: false; error: "nothing_to_hide" | "already_hidden" };

/** What the rate page shows its family: the visit, whether it can be rated, and the rating if any. */
export async function ratingPageView(db: Database, party: VisitParty, now: Date) {
  const [row] = await db
    .select({
      visit: {
        id: visits.id,
        status: visits.status,
        service: visits.service,
        startsAt: visits.startsAt,
        checkedOutAt: visits.checkedOutAt,
        carerId: visits.carerId,
      },
      carerName: users.name,
      parentName: parents.name,
      timeZone: parents.timeZone,
    })
    .from(visits)
    .innerJoin(users, eq(users.id, visits.carerId))
    .innerJoin(parents, eq(parents.id, visits.parentId))
    .where(eq(visits.id, party.visitId));
  if (!row) return null;
  const [rating] = await db
    .select({
      isDefault: ratings.isDefault,
      asAgreed: ratings.asAgreed,
      care: ratings.care,
      punctuality: ratings.punctuality,
      comment: ratings.comment,
      followUp: ratings.followUp,
      followUpAt: ratings.followUpAt,
      reply: ratings.reply,
      ratedAt: ratings.ratedAt,
      completedAt: ratings.completedAt,
      ratedBy: ratings.ratedBy,
      raterName: users.name,
    })
    .from(ratings)
    .leftJoin(users, eq(users.id, ratings.ratedBy))
    .where(eq(ratings.visitId, party.visitId));
  const done = (RATEABLE_STATUSES as readonly string[]).includes(row.visit.status) && row.visit.checkedOutAt !== null;
  const state: "rated" | "open" | "closed" | "not_completed" = rating
    ? "rated"
    : !done
      ? "not_completed"
      : ratingOpen(row.visit.checkedOutAt!, now)
        ? "open"
        : "closed";
  return {
    visit: {
      id: row.visit.id,
      service: row.visit.service,
      startsAt: row.visit.startsAt.toISOString(),
      checkedOutAt: row.visit.checkedOutAt?.toISOString() ?? null,
      rateUntil: row.visit.checkedOutAt ? new Date(row.visit.checkedOutAt.getTime() + daysMs(15)).toISOString() : null,
    },
    carer: { id: row.visit.carerId, name: row.carerName },
    parent: { name: row.parentName, timeZone: row.timeZone },
    state,
    /** Why a visit not rateable is not: cancelled, missed, under dispute, or still to be done. */
    notDone: notDoneReason(row.visit.status, row.visit.checkedOutAt !== null),
    rating: rating
      ? {
          isDefault: rating.isDefault,
          stars:
            rating.asAgreed !== null
              ? { asAgreed: rating.asAgreed, care: rating.care!, punctuality: rating.punctuality! }
              : null,
          comment: rating.comment,
          followUp: rating.followUp,
          reply: rating.reply,
          ratedAt: rating.ratedAt.toISOString(),
          /** Rated by another of the family: named, and the follow-up is theirs. Null: the reader's, or nobody's. */
          by: rating.ratedBy !== null && rating.ratedBy !== party.viewer.id ? (rating.raterName ?? "") : null,
        }
      : null,
    canFollowUp:
      rating !== undefined &&
      followsUp(rating, party.viewer.id) &&
      rating.followUpAt === null &&
      followUpOpen(rating.completedAt, now),
  };
}

export type RatingPrompt =
  | { state: "open"; until: string }
  /** Who rated: the reader, another of the parent's family (named), or nobody (the default rating at day 15). */
  | { state: "rated"; by: "you" | "family" | "default"; name: string | null };

/** The visit page's prompt for its family: rate (until when), or already rated (by whom); null otherwise. */
export async function ratingPrompt(
  db: Database,
  visit: Pick<Visit, "id" | "status" | "checkedOutAt">,
  viewerId: string,
  now: Date,
): Promise<RatingPrompt | null> {
  if (!(RATEABLE_STATUSES as readonly string[]).includes(visit.status) || !visit.checkedOutAt) return null;
  const [rating] = await preparedQuery(db, "visit_rating", (db) =>
    db
      .select({ ratedBy: ratings.ratedBy, isDefault: ratings.isDefault, name: users.name })
      .from(ratings)
      .leftJoin(users, eq(users.id, ratings.ratedBy))
      .where(eq(ratings.visitId, sql.placeholder("visitId")))
      .prepare("visit_rating"),
  ).execute({ visitId: visit.id });
  // A sibling's rating read "You rated this visit." (found by an outside probe), and so did the default.
  if (rating) {
    const by = rating.isDefault ? "default" : rating.ratedBy === viewerId ? "you" : "family";
    return { state: "rated", by, name: by === "family" ? rating.name : null };
  }
  if (!ratingOpen(visit.checkedOutAt, now)) return null;
  return { state: "open", until: new Date(visit.checkedOutAt.getTime() + daysMs(15)).toISOString() };
}

export { SCORE_WINDOW_DAYS };
