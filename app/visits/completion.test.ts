import { describe, expect, it } from "vitest";
import type { VisitStatus } from "~db/schema";
import { DISPUTE_WITHIN_DAYS, disputeDeadline, mayDispute } from "./completion";

const ENDS = new Date("2026-03-01T04:00:00Z");
const OUT = new Date("2026-03-01T03:50:00Z");
const DAY = 86_400_000;
const visit = (status: VisitStatus, checkedOutAt: Date | null = OUT) => ({ status, checkedOutAt, endsAt: ENDS });

describe("mayDispute", () => {
  it("lets the family dispute a visit done, confirmed or missed until 15 days after it ended", () => {
    const last = new Date(OUT.getTime() + DISPUTE_WITHIN_DAYS * DAY - 1);
    for (const status of ["completed", "confirmed"] as const) {
      expect(mayDispute(visit(status), "family", last)).toBe(true);
      expect(mayDispute(visit(status), "family", new Date(last.getTime() + 1))).toBe(false);
    }
    // A missed visit had no check-out: its window runs from the scheduled end.
    expect(disputeDeadline(visit("missed", null))).toEqual(new Date(ENDS.getTime() + 15 * DAY));
    expect(mayDispute(visit("missed", null), "family", new Date(ENDS.getTime() + 15 * DAY - 1))).toBe(true);
    expect(mayDispute(visit("missed", null), "family", new Date(ENDS.getTime() + 15 * DAY))).toBe(false);
  });

  it("lets the carer dispute only a visit marked missed", () => {
    const soon = new Date(ENDS.getTime() + DAY);
    expect(mayDispute(visit("missed", null), "carer", soon)).toBe(true);
    for (const status of ["completed", "confirmed", "scheduled", "disputed", "cancelled"] as const)
      expect(mayDispute(visit(status), "carer", soon)).toBe(false);
  });

  it("never reopens a visit that is not over, already disputed or cancelled", () => {
    const soon = new Date(ENDS.getTime() + DAY);
    for (const status of ["scheduled", "on_the_way", "in_progress", "disputed", "cancelled"] as const)
      expect(mayDispute(visit(status), "family", soon)).toBe(false);
  });
});
