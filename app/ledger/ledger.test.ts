import { describe, expect, it } from "vitest";
import {
  addMonths,
  chartMonths,
  contactDateRange,
  goalProgress,
  goalShape,
  isVerified,
  type LedgerVisit,
  monthOf,
  monthRange,
  monthTotals,
  notCountedBecause,
  visitMinutes,
} from "./ledger";

const IN = new Date("2026-11-03T02:02:00Z");
const visit = (over: Partial<LedgerVisit> = {}): LedgerVisit => ({
  status: "completed",
  checkedInAt: IN,
  checkedOutAt: new Date(IN.getTime() + 63 * 60_000),
  checkInDistanceM: 40,
  checkInAccuracyM: 15,
  checkInReason: null,
  gpsFlagged: false,
  ...over,
});

describe("isVerified", () => {
  it("counts a check-in inside the fence (150 m plus the accuracy)", () => {
    expect(isVerified(visit())).toBe(true);
    expect(isVerified(visit({ checkInDistanceM: 165, checkInAccuracyM: 15 }))).toBe(true);
    expect(isVerified(visit({ checkInDistanceM: 166, checkInAccuracyM: 15 }))).toBe(false);
    expect(isVerified(visit({ checkInDistanceM: 200 }), 300)).toBe(true);
  });
  it("counts a check-in outside with a reason, but not a poor fix without one", () => {
    expect(isVerified(visit({ checkInDistanceM: 2400, checkInReason: "Escorting to the clinic" }))).toBe(true);
    expect(isVerified(visit({ checkInDistanceM: 2400, checkInReason: "  " }))).toBe(false);
    expect(isVerified(visit({ checkInAccuracyM: 5000, gpsFlagged: true }))).toBe(false);
    expect(isVerified(visit({ gpsFlagged: true, checkInReason: "GPS was poor, in the flat" }))).toBe(true);
  });
  it("counts only visits that were done and stand", () => {
    expect(isVerified(visit({ status: "confirmed" }))).toBe(true);
    for (const status of ["disputed", "in_progress", "missed", "cancelled", "scheduled"] as const)
      expect(isVerified(visit({ status }))).toBe(false);
    expect(isVerified(visit({ checkedOutAt: null }))).toBe(false);
  });
  it("does not count a visit cut to under half its booked length", () => {
    const booked = (minutes: number) => ({ startsAt: IN, endsAt: new Date(IN.getTime() + minutes * 60_000) });
    // Checked in and out in the same minute of a two-hour booking.
    expect(isVerified(visit({ ...booked(120), checkedOutAt: IN }))).toBe(false);
    // 63 minutes of 120: more than half, counted; of 127, not.
    expect(isVerified(visit(booked(120)))).toBe(true);
    expect(isVerified(visit(booked(126)))).toBe(true);
    expect(isVerified(visit(booked(127)))).toBe(false);
  });
});

describe("monthTotals and goalProgress", () => {
  it("adds verified visits and minutes, others, and the family's own visits and calls", () => {
    const totals = monthTotals(
      [
        visit(),
        visit({ checkedOutAt: new Date(IN.getTime() + 30 * 60_000) }),
        visit({ status: "disputed" }),
        // Checked in and not out yet: under way, not "not counted" (a family watching took it for the
        // carer's fault: a phone walk).
        visit({ status: "in_progress", checkedOutAt: null }),
      ],
      [
        { kind: "visit", minutes: 120 },
        { kind: "call", minutes: 15 },
        { kind: "call", minutes: 5 },
      ],
    );
    expect(totals).toEqual({
      verifiedVisits: 2,
      verifiedMinutes: 93,
      otherVisits: 1,
      notCounted: { disputed: 1 },
      underWayVisits: 1,
      familyVisits: 1,
      familyVisitMinutes: 120,
      calls: 2,
      callMinutes: 20,
    });
    expect(goalProgress(totals, { visits: 4, minutes: 60 })).toEqual({ visits: 50, minutes: 155, met: false });
    expect(goalProgress(totals, { visits: 2, minutes: null })).toEqual({ visits: 100, minutes: null, met: true });
    expect(goalProgress(totals, { visits: null, minutes: 0 })).toEqual({ visits: null, minutes: null, met: null });
  });
  it("rounds minutes between check-in and check-out", () => {
    expect(visitMinutes({ checkedInAt: IN, checkedOutAt: new Date(IN.getTime() + 62.5 * 60_000) })).toBe(63);
    expect(visitMinutes({ checkedInAt: IN, checkedOutAt: null })).toBe(0);
  });
});

describe("months", () => {
  it("are the parent's calendar months", () => {
    // 15:30 UTC on 30 November is 23:30 in Shanghai; an hour later it is December there.
    expect(monthOf("Asia/Shanghai", new Date("2026-11-30T15:30:00Z"))).toBe("2026-11");
    expect(monthOf("Asia/Shanghai", new Date("2026-11-30T16:30:00Z"))).toBe("2026-12");
    expect(monthRange("2026-12", "Asia/Shanghai")).toEqual({
      from: new Date("2026-11-30T16:00:00Z"),
      to: new Date("2026-12-31T16:00:00Z"),
    });
  });
  it("count across years, and the chart ends with the month shown", () => {
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-12", 1)).toBe("2027-01");
    const months = chartMonths("2026-03");
    expect(months).toHaveLength(12);
    expect(months[0]).toBe("2025-04");
    expect(months.at(-1)).toBe("2026-03");
  });
  it("follow daylight saving time", () => {
    const { from, to } = monthRange("2026-03", "Europe/London");
    expect(from).toEqual(new Date("2026-03-01T00:00:00Z"));
    expect(to).toEqual(new Date("2026-03-31T23:00:00Z")); // 1 April 00:00 BST
  });
});

describe("the days a family may log a visit or call on", () => {
  it("run from the first day of the chart's oldest month to today, across a new year", () => {
    expect(contactDateRange("2026-12-05")).toEqual({ min: "2026-01-01", max: "2026-12-05" });
    expect(contactDateRange("2027-01-31")).toEqual({ min: "2026-02-01", max: "2027-01-31" });
    // The chart's months are the same span.
    expect(contactDateRange("2027-01-31").min.slice(0, 7)).toBe(chartMonths("2027-01")[0]);
  });
});

describe("goalShape", () => {
  it("states only the parts of a goal that are set: an empty or 0 part is no goal, not '0 minutes'", () => {
    expect(goalShape({ visits: 4, minutes: 240 })).toBe("both");
    expect(goalShape({ visits: 4, minutes: null })).toBe("visits");
    expect(goalShape({ visits: 4, minutes: 0 })).toBe("visits");
    expect(goalShape({ visits: null, minutes: 240 })).toBe("minutes");
    expect(goalShape({ visits: 0, minutes: null })).toBeNull();
    expect(goalShape({ visits: null, minutes: null })).toBeNull();
  });
});

describe("notCountedBecause", () => {
  it("names the one reason a visit is not counted, in the order the rule checks", () => {
    expect(notCountedBecause(visit())).toBeNull();
    expect(notCountedBecause(visit({ status: "disputed" }))).toBe("disputed");
    expect(notCountedBecause(visit({ status: "cancelled" }))).toBe("unfinished");
    expect(notCountedBecause(visit({ checkedOutAt: null }))).toBe("unfinished");
    // A minute of a booked hour, checked in at the door with a good fix: short, not "away" (a phone walk).
    const booked = { startsAt: IN, endsAt: new Date(IN.getTime() + 60 * 60_000) };
    expect(notCountedBecause(visit({ ...booked, checkedOutAt: new Date(IN.getTime() + 60_000) }))).toBe("short");
    expect(notCountedBecause(visit({ gpsFlagged: true }))).toBe("poor_fix");
    expect(notCountedBecause(visit({ checkInDistanceM: 2400 }))).toBe("away");
    expect(notCountedBecause(visit({ checkInDistanceM: null }))).toBe("away");
    expect(notCountedBecause(visit({ checkInDistanceM: 2400, checkInReason: "Clinic" }))).toBeNull();
  });

  it("counts the visits not counted by reason", () => {
    const t = monthTotals(
      [visit({ checkInDistanceM: 2400 }), visit({ checkInDistanceM: 3000 }), visit({ status: "disputed" }), visit()],
      [],
    );
    expect(t.otherVisits).toBe(3);
    expect(t.notCounted).toEqual({ away: 2, disputed: 1 });
  });
});
