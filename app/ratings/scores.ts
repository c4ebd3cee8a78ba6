// The rating rules (PRODUCT §7), pure: who may rate when, what counts toward a carer's three scores
// and good-rating rate, and how a score compares with its peers. The SQL in ratings.server.ts and
// peers.server.ts applies these same rules; scores.test.ts works them through by hand.

import { dateTimeFormat } from "~/i18n/formatters";

export const METRICS = ["asAgreed", "care", "punctuality"] as const;
export type Metric = (typeof METRICS)[number];
export type Stars = Record<Metric, number>;

const DAY_MS = 86_400_000;
/** The family may rate for 15 days after the visit's completion; then the default rating is written. */
export const RATE_WITHIN_DAYS = 15;
/** Scores, the good-rating rate and the measured punctuality look back this far. */
export const SCORE_WINDOW_DAYS = 180;
/** At most this many ratings per family (a parent's circle), carer and calendar month count. */
export const MONTHLY_CAP = 3;
/** A carer's comparison with peers shows, and counts toward the peers' figures, from this many. */
export const MIN_RATINGS_FOR_PEERS = 5;
/** A family's one follow-up review, counted from the visit's completion. */
export const FOLLOW_UP_WITHIN_DAYS = 180;
/** The carer's one reply, counted from the rating. */
export const REPLY_WITHIN_DAYS = 30;
/** Measured punctuality: a check-in this long after the start is still on time. */
export const ON_TIME_GRACE_MS = 10 * 60_000;
/** A visit lasted its agreed duration when it fell short by less than this (taps are minute-grained). */
export const DURATION_TOLERANCE_MS = 60_000;

export const daysMs = (days: number) => days * DAY_MS;

/** Whether the family may still rate: from completion until (not at) completion + 15 days. */
export function ratingOpen(completedAt: Date, now: Date): boolean {
  const t = now.getTime();
  return t >= completedAt.getTime() && t < completedAt.getTime() + daysMs(RATE_WITHIN_DAYS);
}

/** The moment the default rating becomes due: the first instant the family may no longer rate. */
export function defaultDueAt(completedAt: Date): Date {
  return new Date(completedAt.getTime() + daysMs(RATE_WITHIN_DAYS));
}

export function followUpOpen(completedAt: Date, now: Date): boolean {
  return now.getTime() < completedAt.getTime() + daysMs(FOLLOW_UP_WITHIN_DAYS);
}

export function replyOpen(ratedAt: Date, now: Date): boolean {
  return now.getTime() < ratedAt.getTime() + daysMs(REPLY_WITHIN_DAYS);
}

/** A star count the form may send: a whole number from 1 to 5. */
export function isStar(value: number): boolean {
  return Number.isInteger(value) && value >= 1 && value <= 5;
}

/**
 * A good rating: the three metrics average 4 stars or more (at least 12 of 15). There is no separate
 * good/neutral/bad question, so the stars decide; the default rating is good by definition.
 */
export function isGood(stars: Stars | null): boolean {
  if (stars === null) return true;
  return stars.asAgreed + stars.care + stars.punctuality >= 12;
}

/** The first day of `at`'s calendar month in `timeZone`, as YYYY-MM-01: the monthly cap's bucket. */
export function monthOf(at: Date, timeZone: string): string {
  const parts = dateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit" }).formatToParts(at);
  const year = parts.find((p) => p.type === "year")!.value;
  const month = parts.find((p) => p.type === "month")!.value;
  return `${year}-${month}-01`;
}

/** The window's start: a rating counts while ratedAt is after it (a rating exactly 180 days old has left). */
export function windowStart(now: Date): Date {
  return new Date(now.getTime() - daysMs(SCORE_WINDOW_DAYS));
}

export function inWindow(ratedAt: Date, now: Date): boolean {
  return ratedAt.getTime() > windowStart(now).getTime() && ratedAt.getTime() <= now.getTime();
}

/** Whether a new rating counts, given how many of that family's ratings of the carer already count that month. */
export function countsUnderCap(alreadyCountedThisMonth: number): boolean {
  return alreadyCountedThisMonth < MONTHLY_CAP;
}

export interface RatingInput {
  parentId: string;
  /** Null: the default rating. */
  stars: Stars | null;
  ratedAt: Date;
  timeZone: string;
}

export interface ScoreSums {
  asAgreedSum: number;
  careSum: number;
  punctualitySum: number;
  scoredCount: number;
  ratedCount: number;
  goodCount: number;
}

export interface Scores {
  asAgreed: number | null;
  care: number | null;
  punctuality: number | null;
  /** good / all counted ratings in the window, 0–1; null with none. */
  goodRate: number | null;
  scoredCount: number;
  ratedCount: number;
}

/**
 * Which ratings count under the monthly cap, in arrival order: the first three of each family,
 * carer and month (default ratings take a place too, being ratings). The database decides the same
 * at insertion and stores it (ratings.counts), which changes afterwards only to stop counting, when a
 * dispute rules the visit missed or cancelled (a place under the cap it took is not given to another).
 */
export function applyCap(ratings: readonly RatingInput[]): boolean[] {
  const seen = new Map<string, number>();
  const order = ratings.map((r, i) => ({ r, i })).sort((a, b) => a.r.ratedAt.getTime() - b.r.ratedAt.getTime());
  const counts = new Array<boolean>(ratings.length).fill(false);
  for (const { r, i } of order) {
    const key = `${r.parentId}|${monthOf(r.ratedAt, r.timeZone)}`;
    const already = seen.get(key) ?? 0;
    counts[i] = countsUnderCap(already);
    if (counts[i]) seen.set(key, already + 1);
  }
  return counts;
}

/** The sums over one carer's ratings at `now`: capped, then windowed. */
export function sumRatings(ratings: readonly RatingInput[], now: Date): ScoreSums {
  const counts = applyCap(ratings);
  const sums: ScoreSums = {
    asAgreedSum: 0,
    careSum: 0,
    punctualitySum: 0,
    scoredCount: 0,
    ratedCount: 0,
    goodCount: 0,
  };
  ratings.forEach((r, i) => {
    if (!counts[i] || !inWindow(r.ratedAt, now)) return;
    sums.ratedCount += 1;
    if (isGood(r.stars)) sums.goodCount += 1;
    if (r.stars) {
      sums.scoredCount += 1;
      sums.asAgreedSum += r.stars.asAgreed;
      sums.careSum += r.stars.care;
      sums.punctualitySum += r.stars.punctuality;
    }
  });
  return sums;
}

/** Each metric's mean, and the good-rating rate, from the stored sums. */
export function scoresFromSums(s: ScoreSums): Scores {
  const mean = (sum: number) => (s.scoredCount > 0 ? sum / s.scoredCount : null);
  return {
    asAgreed: mean(s.asAgreedSum),
    care: mean(s.careSum),
    punctuality: mean(s.punctualitySum),
    goodRate: s.ratedCount > 0 ? s.goodCount / s.ratedCount : null,
    scoredCount: s.scoredCount,
    ratedCount: s.ratedCount,
  };
}

/** The one number search sorts by (carers.rating_score): the mean of the three scores. */
export function overallScore(s: ScoreSums): number | null {
  if (s.scoredCount === 0) return null;
  return (s.asAgreedSum + s.careSum + s.punctualitySum) / (3 * s.scoredCount);
}

export interface PeerFigures {
  avg: number;
  min: number;
  max: number;
}

export type PeerLevel = "higher" | "lower" | "level";
export interface PeerComparison {
  level: PeerLevel;
  /** 0–1: how far toward the best (higher) or the worst (lower) peer. */
  share: number;
}

/** Scores closer than this are the same score (floating sums of small integers). */
const SAME = 1e-9;

/**
 * Higher: (score − avg) / (max − avg). Lower: (avg − score) / (avg − min). Otherwise level. When
 * every peer has the same score, or the carer is the best and the best is the average, there is
 * nothing to divide by: that is level.
 */
export function comparePeer(score: number, peers: PeerFigures): PeerComparison {
  if (score - peers.avg > SAME && peers.max - peers.avg > SAME) {
    return { level: "higher", share: Math.min(1, (score - peers.avg) / (peers.max - peers.avg)) };
  }
  if (peers.avg - score > SAME && peers.avg - peers.min > SAME) {
    return { level: "lower", share: Math.min(1, (peers.avg - score) / (peers.avg - peers.min)) };
  }
  return { level: "level", share: 0 };
}

/** Whether the comparison shows: enough of the carer's own ratings count. */
export function showsPeerComparison(scoredCount: number): boolean {
  return scoredCount >= MIN_RATINGS_FOR_PEERS;
}

/** Measured punctuality of one visit: checked in no later than 10 minutes after its start. */
export function checkedInOnTime(startsAt: Date, checkedInAt: Date | null): boolean {
  return checkedInAt !== null && checkedInAt.getTime() <= startsAt.getTime() + ON_TIME_GRACE_MS;
}

/** ...and stayed the agreed duration (the booked length), within a minute. */
export function lastedAgreed(
  agreed: { startsAt: Date; endsAt: Date },
  checkedInAt: Date | null,
  checkedOutAt: Date | null,
): boolean {
  if (!checkedInAt || !checkedOutAt) return false;
  const booked = agreed.endsAt.getTime() - agreed.startsAt.getTime();
  return checkedOutAt.getTime() - checkedInAt.getTime() >= booked - DURATION_TOLERANCE_MS;
}

/** A masked name for a review: the first character, then stars (Taobao's 匿名 style). */
export function maskedName(name: string): string {
  const first = Array.from(name.trim())[0] ?? "?";
  return `${first}***`;
}
