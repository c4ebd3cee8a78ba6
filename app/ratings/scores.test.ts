import { describe, expect, it } from "vitest";
import {
  applyCap,
  checkedInOnTime,
  comparePeer,
  defaultDueAt,
  followUpOpen,
  inWindow,
  isGood,
  lastedAgreed,
  maskedName,
  monthOf,
  overallScore,
  ratingOpen,
  replyOpen,
  type RatingInput,
  scoresFromSums,
  showsPeerComparison,
  sumRatings,
} from "./scores";

const DAY = 86_400_000;
const SH = "Asia/Shanghai";
const at = (iso: string) => new Date(iso);
const stars = (a: number, c: number, p: number) => ({ asAgreed: a, care: c, punctuality: p });
const rating = (parentId: string, ratedAt: string, s: ReturnType<typeof stars> | null): RatingInput => ({
  parentId,
  stars: s,
  ratedAt: at(ratedAt),
  timeZone: SH,
});

describe("when a family may rate", () => {
  const done = at("2026-11-01T10:00:00Z");
  it("is open from completion until just before day 15, then the default is due", () => {
    expect(ratingOpen(done, done)).toBe(true);
    expect(ratingOpen(done, new Date(done.getTime() + 15 * DAY - 1))).toBe(true);
    expect(ratingOpen(done, new Date(done.getTime() + 15 * DAY))).toBe(false);
    expect(ratingOpen(done, new Date(done.getTime() - 1))).toBe(false);
    expect(defaultDueAt(done)).toEqual(at("2026-11-16T10:00:00Z"));
  });
  it("allows a follow-up for 180 days and a reply for 30 days", () => {
    expect(followUpOpen(done, new Date(done.getTime() + 180 * DAY - 1))).toBe(true);
    expect(followUpOpen(done, new Date(done.getTime() + 180 * DAY))).toBe(false);
    expect(replyOpen(done, new Date(done.getTime() + 30 * DAY - 1))).toBe(true);
    expect(replyOpen(done, new Date(done.getTime() + 30 * DAY))).toBe(false);
  });
});

describe("good ratings", () => {
  it("is good from an average of 4 stars (12 of 15), and the default is good", () => {
    expect(isGood(stars(4, 4, 4))).toBe(true);
    expect(isGood(stars(5, 5, 2))).toBe(true); // 12
    expect(isGood(stars(5, 4, 2))).toBe(false); // 11
    expect(isGood(null)).toBe(true);
  });
});

describe("the monthly cap", () => {
  it("counts the first three ratings per family, carer and calendar month, in the parent's zone", () => {
    const list = [
      rating("p1", "2026-10-03T02:00:00Z", stars(5, 5, 5)),
      rating("p1", "2026-10-10T02:00:00Z", stars(4, 4, 4)),
      rating("p1", "2026-10-20T02:00:00Z", stars(3, 3, 3)),
      rating("p1", "2026-10-25T02:00:00Z", stars(1, 1, 1)), // 4th in October: does not count
      rating("p2", "2026-10-25T02:00:00Z", stars(2, 2, 2)), // another family: counts
      // 31 Oct 17:00 UTC is 1 Nov 01:00 in Shanghai: November's first.
      rating("p1", "2026-10-31T17:00:00Z", stars(5, 4, 3)),
    ];
    expect(applyCap(list)).toEqual([true, true, true, false, true, true]);
    // Hand-worked: counted As agreed 5+4+3+2+5 = 19 over 5 → 3.8; Care 5+4+3+2+4 = 18 → 3.6;
    // Punctuality 5+4+3+2+3 = 17 → 3.4. Good: (5,5,5), (4,4,4), (5,4,3) = 3 of 5.
    const sums = sumRatings(list, at("2026-11-02T00:00:00Z"));
    expect(sums).toEqual({
      asAgreedSum: 19,
      careSum: 18,
      punctualitySum: 17,
      scoredCount: 5,
      ratedCount: 5,
      goodCount: 3,
    });
    const s = scoresFromSums(sums);
    expect(s.asAgreed).toBeCloseTo(3.8, 10);
    expect(s.care).toBeCloseTo(3.6, 10);
    expect(s.punctuality).toBeCloseTo(3.4, 10);
    expect(s.goodRate).toBeCloseTo(0.6, 10);
    expect(overallScore(sums)).toBeCloseTo(54 / 15, 10);
  });
  it("orders by arrival, not by list order", () => {
    const list = [
      rating("p1", "2026-10-28T02:00:00Z", stars(1, 1, 1)),
      rating("p1", "2026-10-03T02:00:00Z", stars(5, 5, 5)),
      rating("p1", "2026-10-04T02:00:00Z", stars(5, 5, 5)),
      rating("p1", "2026-10-05T02:00:00Z", stars(5, 5, 5)),
    ];
    expect(applyCap(list)).toEqual([false, true, true, true]);
  });
  it("buckets by the parent's calendar month", () => {
    expect(monthOf(at("2026-10-31T16:00:00Z"), SH)).toBe("2026-11-01");
    expect(monthOf(at("2026-10-31T15:59:59Z"), SH)).toBe("2026-10-01");
  });
});

describe("the 180-day window", () => {
  const now = at("2026-12-01T00:00:00Z");
  const edge = new Date(now.getTime() - 180 * DAY);
  it("keeps a rating one millisecond younger than 180 days and drops one exactly 180 days old", () => {
    expect(inWindow(new Date(edge.getTime() + 1), now)).toBe(true);
    expect(inWindow(edge, now)).toBe(false);
    expect(inWindow(now, now)).toBe(true);
    expect(inWindow(new Date(now.getTime() + 1), now)).toBe(false);
  });
  it("sums only what is inside", () => {
    const list: RatingInput[] = [
      { parentId: "p1", stars: stars(1, 1, 1), ratedAt: edge, timeZone: SH },
      { parentId: "p2", stars: stars(5, 3, 4), ratedAt: new Date(edge.getTime() + 1), timeZone: SH },
    ];
    expect(sumRatings(list, now)).toMatchObject({ asAgreedSum: 5, careSum: 3, punctualitySum: 4, scoredCount: 1 });
  });
});

describe("default ratings", () => {
  it("count toward the good-rating rate and not toward the three scores", () => {
    const list = [
      rating("p1", "2026-11-01T02:00:00Z", stars(2, 2, 2)),
      rating("p2", "2026-11-02T02:00:00Z", null),
      rating("p3", "2026-11-03T02:00:00Z", null),
    ];
    const sums = sumRatings(list, at("2026-11-10T00:00:00Z"));
    expect(sums).toEqual({
      asAgreedSum: 2,
      careSum: 2,
      punctualitySum: 2,
      scoredCount: 1,
      ratedCount: 3,
      goodCount: 2,
    });
    const s = scoresFromSums(sums);
    expect(s.asAgreed).toBe(2);
    expect(s.goodRate).toBeCloseTo(2 / 3, 10);
  });
  it("leave the scores empty when they are all there is", () => {
    const sums = sumRatings([rating("p1", "2026-11-01T02:00:00Z", null)], at("2026-11-10T00:00:00Z"));
    expect(scoresFromSums(sums)).toMatchObject({ asAgreed: null, care: null, punctuality: null, goodRate: 1 });
    expect(overallScore(sums)).toBeNull();
  });
});

describe("against peers", () => {
  it("is higher by (score − avg) / (max − avg)", () => {
    // avg 4.2, max 4.8: 4.5 is (0.3 / 0.6) = 50% higher.
    expect(comparePeer(4.5, { avg: 4.2, min: 3.0, max: 4.8 })).toEqual({
      level: "higher",
      share: expect.closeTo(0.5, 10),
    });
  });
  it("is lower by (avg − score) / (avg − min)", () => {
    // avg 4.2, min 3.0: 3.9 is (0.3 / 1.2) = 25% lower.
    expect(comparePeer(3.9, { avg: 4.2, min: 3.0, max: 4.8 })).toEqual({
      level: "lower",
      share: expect.closeTo(0.25, 10),
    });
  });
  it("is level when every score is the same", () => {
    expect(comparePeer(4.6, { avg: 4.6, min: 4.6, max: 4.6 })).toEqual({ level: "level", share: 0 });
  });
  it("is level at the average when the maximum is the average, and lower below it", () => {
    expect(comparePeer(4.0, { avg: 4.0, min: 3.0, max: 4.0 })).toEqual({ level: "level", share: 0 });
    expect(comparePeer(3.5, { avg: 4.0, min: 3.0, max: 4.0 })).toEqual({ level: "lower", share: 0.5 });
  });
  it("is the best peer at 100% and the worst at 100% lower", () => {
    expect(comparePeer(4.8, { avg: 4.2, min: 3.0, max: 4.8 }).share).toBeCloseTo(1, 10);
    expect(comparePeer(3.0, { avg: 4.2, min: 3.0, max: 4.8 })).toEqual({ level: "lower", share: 1 });
  });
  it("shows from five counted ratings", () => {
    expect(showsPeerComparison(4)).toBe(false);
    expect(showsPeerComparison(5)).toBe(true);
  });
});

describe("measured punctuality", () => {
  const start = at("2026-11-01T02:00:00Z");
  const end = at("2026-11-01T03:00:00Z");
  it("is on time up to 10 minutes after the start", () => {
    expect(checkedInOnTime(start, at("2026-11-01T01:55:00Z"))).toBe(true);
    expect(checkedInOnTime(start, at("2026-11-01T02:10:00Z"))).toBe(true);
    expect(checkedInOnTime(start, at("2026-11-01T02:10:01Z"))).toBe(false);
    expect(checkedInOnTime(start, null)).toBe(false);
  });
  it("lasted the agreed hour when it fell short by less than a minute", () => {
    expect(lastedAgreed({ startsAt: start, endsAt: end }, start, at("2026-11-01T02:59:00Z"))).toBe(true);
    expect(lastedAgreed({ startsAt: start, endsAt: end }, start, at("2026-11-01T02:58:59Z"))).toBe(false);
    expect(lastedAgreed({ startsAt: start, endsAt: end }, start, null)).toBe(false);
  });
});

describe("review names", () => {
  it("shows the first character only", () => {
    expect(maskedName("Li Wei 李伟")).toBe("L***");
    expect(maskedName("陈静")).toBe("陈***");
  });
});
