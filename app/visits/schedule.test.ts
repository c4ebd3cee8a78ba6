import { describe, expect, it } from "vitest";
import { addDays, lastDate, occurrences, overlaps, weekdayOf } from "./schedule";

const base = { timeZone: "Asia/Shanghai", startMinute: 10 * 60, durationMinutes: 90 };

describe("visit schedules", () => {
  it("places a one-off visit at its wall-clock time in the parent's zone", () => {
    const [only, ...rest] = occurrences({ ...base, schedule: "once", startDate: "2027-03-04" });
    expect(rest).toEqual([]);
    expect(only!.date).toBe("2027-03-04");
    expect(only!.startsAt.toISOString()).toBe("2027-03-04T02:00:00.000Z");
    expect(only!.endsAt.toISOString()).toBe("2027-03-04T03:30:00.000Z");
  });

  it("repeats a weekly pattern on its weekdays for its number of weeks", () => {
    // 2027-03-01 is a Monday; Mondays and Thursdays for 2 weeks.
    const list = occurrences({ ...base, schedule: "weekly", startDate: "2027-03-01", weekdays: [1, 4], weeks: 2 });
    expect(list.map((o) => o.date)).toEqual(["2027-03-01", "2027-03-04", "2027-03-08", "2027-03-11"]);
    expect(lastDate({ ...base, schedule: "weekly", startDate: "2027-03-01", weekdays: [1], weeks: 2 })).toBe(
      "2027-03-14",
    );
  });

  it("starts a weekly pattern on the first matching day on or after its start date", () => {
    // Starts on a Wednesday, visits on Mondays: the first is the next Monday; a week is 7 days from the start.
    const list = occurrences({ ...base, schedule: "weekly", startDate: "2027-03-03", weekdays: [1], weeks: 2 });
    expect(list.map((o) => o.date)).toEqual(["2027-03-08", "2027-03-15"]);
  });

  it("generates only the dates asked for (the series generator works four weeks ahead)", () => {
    const p = { ...base, schedule: "weekly" as const, startDate: "2027-03-01", weekdays: [1], weeks: 10 };
    expect(occurrences(p, { through: "2027-03-28" }).map((o) => o.date)).toEqual([
      "2027-03-01",
      "2027-03-08",
      "2027-03-15",
      "2027-03-22",
    ]);
    expect(occurrences(p, { from: "2027-03-29", through: "2027-04-12" }).map((o) => o.date)).toEqual([
      "2027-03-29",
      "2027-04-05",
      "2027-04-12",
    ]);
  });

  it("keeps the wall-clock time across a daylight-saving change", () => {
    // London moves to BST on 2027-03-28: 10:00 is 10:00 UTC before, 09:00 UTC after.
    const list = occurrences({
      ...base,
      timeZone: "Europe/London",
      schedule: "weekly",
      startDate: "2027-03-21",
      weekdays: [0],
      weeks: 2,
    });
    expect(list.map((o) => o.startsAt.toISOString())).toEqual(["2027-03-21T10:00:00.000Z", "2027-03-28T09:00:00.000Z"]);
  });

  it("ends a visit at its agreed wall-clock hour on a night the clocks change, not after its usual length", () => {
    const ny = { timeZone: "America/New_York", schedule: "once" as const };
    // Clocks go forward at 02:00 on 2027-03-14: 01:30 EST to 03:30 EDT is one hour (it was 01:30–04:30).
    const [spring] = occurrences({ ...ny, startDate: "2027-03-14", startMinute: 90, durationMinutes: 120 });
    expect(spring!.startsAt.toISOString()).toBe("2027-03-14T06:30:00.000Z");
    expect(spring!.endsAt.toISOString()).toBe("2027-03-14T07:30:00.000Z");
    // Clocks go back at 02:00 on 2027-11-07: 01:00 (the first pass, EDT) to 02:00 EST is two hours (it
    // ended at 01:00 of the second pass: "01:00 – 01:00").
    const [autumn] = occurrences({ ...ny, startDate: "2027-11-07", startMinute: 60, durationMinutes: 60 });
    expect(autumn!.startsAt.toISOString()).toBe("2027-11-07T05:00:00.000Z");
    expect(autumn!.endsAt.toISOString()).toBe("2027-11-07T07:00:00.000Z");
    // A weekly visit the next week is its usual length again; one ending at 24:00 ends at midnight.
    const weekly = occurrences({
      ...ny,
      schedule: "weekly",
      startDate: "2027-03-14",
      weekdays: [0],
      weeks: 2,
      startMinute: 90,
      durationMinutes: 120,
    });
    expect(weekly.map((o) => (o.endsAt.getTime() - o.startsAt.getTime()) / 60_000)).toEqual([60, 120]);
    const [late] = occurrences({
      ...base,
      schedule: "once",
      startDate: "2027-03-04",
      startMinute: 23 * 60,
      durationMinutes: 60,
    });
    expect(late!.endsAt.toISOString()).toBe("2027-03-04T16:00:00.000Z");
  });

  it("does calendar arithmetic without zones", () => {
    expect(addDays("2027-02-27", 2)).toBe("2027-03-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(weekdayOf("2027-03-01")).toBe(1);
  });

  it("says when two visits overlap, and that touching ends do not", () => {
    const at = (h: number) => new Date(Date.UTC(2027, 0, 1, h));
    expect(overlaps({ startsAt: at(9), endsAt: at(11) }, { startsAt: at(10), endsAt: at(12) })).toBe(true);
    expect(overlaps({ startsAt: at(9), endsAt: at(10) }, { startsAt: at(10), endsAt: at(11) })).toBe(false);
  });
});
