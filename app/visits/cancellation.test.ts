import { describe, expect, it } from "vitest";
import { cancellationConsequence, familyCancellationFee, freeUntil, isLateCarerCancellation } from "./cancellation";

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
