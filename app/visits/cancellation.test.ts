import { describe, expect, it } from "vitest";
import { en } from "~/i18n/locales/en";
import { zhCN } from "~/i18n/locales/zh-CN";
import {
  cancellationConsequence,
  familyCancellationFee,
  freeUntil,
  isLateCarerCancellation,
  POLICY_TERMS,
} from "./cancellation";

const START = new Date("2026-12-10T02:00:00Z");
const hoursBefore = (h: number) => new Date(START.getTime() - h * 3_600_000);
const visit = (cancellation: "flexible" | "moderate" | "strict") => ({
  cancellation,
  priceCents: 12_001,
  startsAt: START,
});

describe("familyCancellationFee", () => {
  it("flexible: free until 2 hours before, then the full price", () => {
    expect(familyCancellationFee(visit("flexible"), hoursBefore(2))).toBe(0);
    expect(familyCancellationFee(visit("flexible"), hoursBefore(1.99))).toBe(12_001);
  });
  it("moderate: free until 24 hours before, then half (rounded to a cent)", () => {
    expect(familyCancellationFee(visit("moderate"), hoursBefore(24))).toBe(0);
    expect(familyCancellationFee(visit("moderate"), hoursBefore(23.9))).toBe(6001);
    expect(familyCancellationFee(visit("moderate"), hoursBefore(0.5))).toBe(6001);
  });
  it("strict: free until 72 hours before, then the full price", () => {
    expect(familyCancellationFee(visit("strict"), hoursBefore(72))).toBe(0);
    expect(familyCancellationFee(visit("strict"), hoursBefore(71))).toBe(12_001);
  });
  it("says when cancelling stops being free", () => {
    expect(freeUntil(visit("moderate"))).toEqual(hoursBefore(24));
  });
});

describe("a carer's late cancellation", () => {
  it("is one made less than 24 hours before the start", () => {
    expect(isLateCarerCancellation({ startsAt: START }, hoursBefore(24))).toBe(false);
    expect(isLateCarerCancellation({ startsAt: START }, hoursBefore(23.99))).toBe(true);
  });
  it("is recorded for carers, and a fee for families, never both", () => {
    expect(cancellationConsequence("carer", visit("strict"), hoursBefore(1))).toEqual({
      cancellationFeeCents: null,
      lateCancellation: true,
    });
    expect(cancellationConsequence("family", visit("strict"), hoursBefore(1))).toEqual({
      cancellationFeeCents: 12_001,
      lateCancellation: false,
    });
    expect(cancellationConsequence("family", visit("strict"), hoursBefore(100))).toEqual({
      cancellationFeeCents: 0,
      lateCancellation: false,
    });
  });
});

describe("the policies' names on the offer form", () => {
  // The Chinese flexible line once said free *within* the last 2 hours: the opposite of the rule.
  it("say, in both languages, how many hours before it is free and what is charged after", () => {
    for (const [policy, terms] of Object.entries(POLICY_TERMS) as [
      keyof typeof POLICY_TERMS,
      { freeUntilMs: number; share: number },
    ][]) {
      const hours = String(terms.freeUntilMs / 3_600_000);
      const english = en.offer.cancellations[policy];
      const chinese = zhCN.offer.cancellations[policy];
      expect(english).toContain(`free until ${hours} hours before`);
      expect(english).toContain(terms.share === 1 ? "the full price" : "half the price");
      expect(chinese).toContain(`开始前 ${hours} 小时以上取消免费`);
      expect(chinese).toContain(terms.share === 1 ? "全款" : "一半");
    }
  });
});
