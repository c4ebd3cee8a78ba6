// What pages read of a carer's ratings: the stored scores with their peer comparison, the measured
// punctuality from check-ins, a page of reviews, and the carer's own monthly trend. A fixed number of
// queries per page, whatever the number of reviews (bench:ratings counts them).
import { knownDetailsOfParents } from "~/chat/known-details.server";
import { type KnownDetails, maskStoredText, NO_KNOWN_DETAILS } from "~/chat/masking";
import { and, desc, eq, gt, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { carerScores, ratingPeerGroups, ratings, users, visits, type ServiceKind } from "~db/schema";
import { queryRows, type Database } from "~/db.server";
import type { Viewer } from "~/privacy/location";
import { cityNames } from "./cities";
import {
  comparePeer,
  DURATION_TOLERANCE_MS,
  maskedName,
  METRICS,
  type Metric,
  ON_TIME_GRACE_MS,
  type PeerComparison,
  replyOpen,
  scoresFromSums,
  showsPeerComparison,
  windowStart,
} from "./scores";

export const REVIEWS_PER_PAGE = 10;

export interface MetricView {
  metric: Metric;
  score: number | null;
  /** Null until the carer has enough ratings, or while no peer figures exist for the group. */
  peer: (PeerComparison & { avg: number }) | null;
}

/**
 * The carer's three scores against peers offering `service` in their city, and the good-rating
 * rate: one query on the scores row and its peer group.
 */
export async function scoreSummary(db: Database, carerId: string, service: ServiceKind | null) {
  const [row] = await db
    .select({ scores: carerScores, peers: ratingPeerGroups })
    .from(carerScores)
    .leftJoin(
      ratingPeerGroups,
      and(
        eq(ratingPeerGroups.city, carerScores.peerCity),
        service ? eq(ratingPeerGroups.service, service) : sql`false`,
      ),
    )
    .where(eq(carerScores.carerId, carerId));
  const s = row?.scores;
  const scores = scoresFromSums(
    s ?? { asAgreedSum: 0, careSum: 0, punctualitySum: 0, scoredCount: 0, ratedCount: 0, goodCount: 0 },
  );
  const peers = row?.peers ?? null;
  const figures = (m: Metric) =>
    peers
      ? {
          asAgreed: { avg: peers.asAgreedAvg, min: peers.asAgreedMin, max: peers.asAgreedMax },
          care: { avg: peers.careAvg, min: peers.careMin, max: peers.careMax },
          punctuality: { avg: peers.punctualityAvg, min: peers.punctualityMin, max: peers.punctualityMax },
        }[m]
      : null;
  const shows = showsPeerComparison(scores.scoredCount);
  const metrics: MetricView[] = METRICS.map((metric) => {
    const score = scores[metric];
    const f = figures(metric);
    return {
      metric,
      score,
      peer: shows && f && score !== null ? { ...comparePeer(score, f), avg: f.avg } : null,
    };
  });
  return {
    metrics,
    goodRate: scores.goodRate,
    scoredCount: scores.scoredCount,
    ratedCount: scores.ratedCount,
    reviewCount: s?.reviewCount ?? 0,
    peerCity: cityNames(s?.peerCity ?? null),
    peerService: peers ? service : null,
    peerCarers: peers?.carers ?? 0,
  };
}

/** Over 180 days, from the EVV record: check-ins on time, visits that lasted, late cancellations. */
export async function measuredPunctuality(db: Database, carerId: string, now: Date) {
  const from = windowStart(now);
  // visits_carer_starts_idx: the carer's visits starting in the window (and the next day, whose late
  // cancellations were made inside it). A visit counts for "checked in on time" once it is checked
  // in, however early (checking in opens two hours before the start), or once it is missed: a visit
  // done before its start time used to count as finished but not as due, so a profile read "0% of
  // 1" stayed and "no visits yet" checked in. On time: checked in by 10 minutes after the start, and
  // not over before it (a visit checked in and out two hours early read as punctual), nor ruled missed.
  const [row] = await queryRows<{
    due: number;
    on_time: number;
    finished: number;
    full_length: number;
    late_cancellations: number;
  }>(
    db,
    sql`select
      count(*) filter (where checked_in_at is not null or status = 'missed')::int as due,
      count(*) filter (where checked_in_at <= starts_at + ${ON_TIME_GRACE_MS} * interval '1 millisecond'
        and status <> 'missed' and (checked_out_at is null or checked_out_at > starts_at))::int as on_time,
      count(*) filter (where checked_out_at is not null)::int as finished,
      count(*) filter (where checked_out_at - checked_in_at
        >= (ends_at - starts_at) - ${DURATION_TOLERANCE_MS} * interval '1 millisecond')::int as full_length,
      count(*) filter (where late_cancellation and cancelled_at > ${from.toISOString()}::timestamptz)::int
        as late_cancellations
    from visits
    where carer_id = ${carerId}
      and starts_at > ${from.toISOString()}::timestamptz
      and starts_at <= ${new Date(now.getTime() + 86_400_000).toISOString()}::timestamptz`,
  );
  const r = row ?? { due: 0, on_time: 0, finished: 0, full_length: 0, late_cancellations: 0 };
  return {
    due: r.due,
    onTimeShare: r.due > 0 ? r.on_time / r.due : null,
    finished: r.finished,
    fullLengthShare: r.finished > 0 ? r.full_length / r.finished : null,
    lateCancellations: r.late_cancellations,
  };
}

/**
 * A review's text as the viewer reads it: a hidden one is null for everyone but admins, who still read
 * it (marked hidden) to judge it. Reviews are public: contact details in them (an address, a door
 * code, a phone) are masked for everyone but their writer and admins, on the general patterns and on
 * the rated visit's parent's own details (`known`), as a job's notes are: "No. 218 Qingchun, buzzer
 * 2296" has no pattern a stranger's text would, and a review is read by every family and carer (an
 * outside probe read a parent's street number and door code in a carer's reply).
 */
function shown(text: string | null, hiddenAt: Date | null, viewer: Viewer, writer: string | null, known: KnownDetails) {
  if (text === null || text === "") return null;
  const hidden = hiddenAt !== null;
  if (hidden && viewer.role !== "admin") return { text: null, hidden };
  const whole = viewer.role === "admin" || viewer.id === writer;
  return { text: whole ? text : maskStoredText(text, known).text, hidden };
}

/** One page of the carer's reviews (explicit ratings), newest first, with follow-ups and replies. */
export async function reviewsPage(db: Database, viewer: Viewer, carerId: string, page: number, now: Date) {
  const rater = alias(users, "rater");
  const rows = await db
    .select({
      id: ratings.id,
      service: ratings.service,
      asAgreed: ratings.asAgreed,
      care: ratings.care,
      punctuality: ratings.punctuality,
      comment: ratings.comment,
      commentHiddenAt: ratings.commentHiddenAt,
      followUp: ratings.followUp,
      followUpAt: ratings.followUpAt,
      followUpHiddenAt: ratings.followUpHiddenAt,
      reply: ratings.reply,
      replyAt: ratings.replyAt,
      replyHiddenAt: ratings.replyHiddenAt,
      ratedAt: ratings.ratedAt,
      raterName: rater.name,
      ratedBy: ratings.ratedBy,
      parentId: ratings.parentId,
      visitStatus: visits.status,
    })
    .from(ratings)
    .leftJoin(rater, eq(rater.id, ratings.ratedBy))
    .innerJoin(visits, eq(visits.id, ratings.visitId))
    // ratings_carer_reviews_idx, in this order; defaults have no words and are not listed.
    .where(and(eq(ratings.carerId, carerId), eq(ratings.isDefault, false)))
    .orderBy(desc(ratings.ratedAt), desc(ratings.id))
    .limit(REVIEWS_PER_PAGE)
    .offset((page - 1) * REVIEWS_PER_PAGE);
  const ownCarer = viewer.role === "carer" && viewer.id === carerId;
  const known = await knownDetailsOfParents(
    db,
    rows.map((r) => r.parentId),
  );
  return rows.map((r) => {
    const details = known.get(r.parentId) ?? NO_KNOWN_DETAILS;
    return {
      id: r.id,
      service: r.service,
      stars: { asAgreed: r.asAgreed!, care: r.care!, punctuality: r.punctuality! },
      by: maskedName(r.raterName ?? "?"),
      ratedAt: r.ratedAt.toISOString(),
      comment: shown(r.comment, r.commentHiddenAt, viewer, r.ratedBy, details),
      followUp: shown(r.followUp, r.followUpHiddenAt, viewer, r.ratedBy, details),
      followUpAt: r.followUpAt?.toISOString() ?? null,
      reply: shown(r.reply, r.replyHiddenAt, viewer, carerId, details),
      replyAt: r.replyAt?.toISOString() ?? null,
      canReply: ownCarer && r.replyAt === null && replyOpen(r.ratedAt, now),
      canHide: viewer.role === "admin",
      // Rated, then disputed and ruled missed or cancelled: the stars no longer count (ratings.server.ts).
      ruledNotDone: r.visitStatus === "missed" || r.visitStatus === "cancelled",
    };
  });
}

/**
 * The carer's own trend: per calendar month (UTC) of the last 12, the mean of the three metrics over
 * explicit ratings that count, and how many. One query on ratings_carer_rated_idx.
 */
export async function monthlyTrend(db: Database, carerId: string, now: Date) {
  const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1));
  const rows = await db
    .select({
      month: sql<string>`to_char(date_trunc('month', ${ratings.ratedAt} at time zone 'UTC'), 'YYYY-MM')`,
      mean: sql<number>`avg((${ratings.asAgreed} + ${ratings.care} + ${ratings.punctuality}) / 3.0)::float8`,
      count: sql<number>`count(*)::int`,
    })
    .from(ratings)
    .where(
      and(
        eq(ratings.carerId, carerId),
        gt(ratings.ratedAt, since),
        eq(ratings.isDefault, false),
        eq(ratings.counts, true),
      ),
    )
    .groupBy(sql`1`)
    .orderBy(sql`1`);
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return Array.from({ length: 12 }, (_, i) => {
    const d = new Date(Date.UTC(since.getUTCFullYear(), since.getUTCMonth() + i, 1));
    const key = d.toISOString().slice(0, 7);
    const r = byMonth.get(key);
    return { month: key, mean: r ? Number(r.mean) : null, count: r?.count ?? 0 };
  });
}
