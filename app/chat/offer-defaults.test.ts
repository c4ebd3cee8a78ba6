import { describe, expect, it } from "vitest";
import { defaultsFromRequest, defaultsFromService, minutesBetween, priceForMinutes } from "./offer-defaults";

describe("the price the offer form suggests", () => {
  it("starts from the service's minimum length, at least an hour", () => {
    expect(defaultsFromService("companionship", 13_500, 30)).toEqual({ service: "companionship", price: "135" });
    expect(defaultsFromService("companionship", 13_500, 120)).toEqual({ service: "companionship", price: "270" });
    expect(defaultsFromService(null, null, null)).toEqual({ service: undefined, price: undefined });
  });

  it("comes to the hourly rate times the chosen times, to the fen", () => {
    expect(minutesBetween("10:00", "11:30")).toBe(90);
    expect(priceForMinutes(13_500, 90)).toBe(20_250);
    expect(priceForMinutes(10_000, 50)).toBe(8333);
    // Across midnight, to the next morning's clock.
    expect(minutesBetween("23:30", "00:30")).toBe(60);
  });

  it("has no length for missing, malformed or backwards times", () => {
    for (const [start, end] of [
      ["", "11:00"],
      ["10:00", ""],
      ["11:00", "10:00"],
      ["10:00", "10:00"],
      ["9:00", "10:00"],
      ["10:00", "24:00:00"],
    ])
      expect(minutesBetween(start!, end!)).toBeNull();
  });
});

describe("an offer started from a weekly request", () => {
  // Every Tuesday (2) and Thursday (4) at 09:00 in Shanghai; the clock is injected.
  const weekly = {
    service: "companionship",
    startsAt: null,
    weekdays: [2, 4],
    startMinute: 9 * 60,
    timeZone: "Asia/Shanghai",
    durationMinutes: 180,
    budgetCents: 8000,
  };

  it("starts on the next of its weekdays still to come, in the parent's zone (a new-user walk)", () => {
    // Sunday 2026-12-06 at 20:00 UTC is Monday 04:00 in Shanghai: the next is Tuesday the 8th.
    expect(defaultsFromRequest(weekly, new Date("2026-12-06T20:00:00Z"))).toMatchObject({
      schedule: "weekly",
      date: "2026-12-08",
      start: "09:00",
      end: "12:00",
      weekdays: ["2", "4"],
      weeks: "4",
      price: "80",
    });
    // Tuesday 08:00 there: today still; 08:45, too soon to offer; Tuesday 10:00: Thursday.
    expect(defaultsFromRequest(weekly, new Date("2026-12-08T00:00:00Z")).date).toBe("2026-12-08");
    expect(defaultsFromRequest(weekly, new Date("2026-12-08T00:45:00Z")).date).toBe("2026-12-10");
    expect(defaultsFromRequest(weekly, new Date("2026-12-08T02:00:00Z")).date).toBe("2026-12-10");
    // Thursday after its start: the Tuesday after.
    expect(defaultsFromRequest(weekly, new Date("2026-12-10T05:00:00Z")).date).toBe("2026-12-15");
  });

  it("takes a one-off's own date and time", () => {
    const once = { ...weekly, startsAt: "2026-12-20T02:30:00Z", weekdays: null, startMinute: null };
    expect(defaultsFromRequest(once, new Date("2026-12-06T00:00:00Z"))).toMatchObject({
      schedule: "once",
      date: "2026-12-20",
      start: "10:30",
    });
    // 23:30 for an hour ends at 00:30 the next day (it stopped at 23:59, a shorter visit at the full price).
    const late = { ...once, startsAt: "2026-12-20T15:30:00Z", durationMinutes: 60 };
    expect(defaultsFromRequest(late, new Date("2026-12-06T00:00:00Z"))).toMatchObject({ start: "23:30", end: "00:30" });
  });

  it("ends a one-off the minutes asked after its start as the clocks run, across a change of clocks (an outside probe)", () => {
    const ny = { ...weekly, weekdays: null, startMinute: null, timeZone: "America/New_York", durationMinutes: 120 };
    // 14 March 2027, 01:00 EST (06:00Z): clocks go forward at 02:00, so two hours later reads 04:00.
    expect(
      defaultsFromRequest({ ...ny, startsAt: "2027-03-14T06:00:00Z" }, new Date("2027-03-01T00:00:00Z")),
    ).toMatchObject({
      start: "01:00",
      end: "04:00",
    });
    // 7 November 2027, 00:30 EDT (04:30Z): clocks go back at 02:00, and two hours later reads 01:30 again.
    // An end that reads as an hour (or as none, from 01:30) would be shorter than asked: the clock's 02:30.
    const autumn = new Date("2027-11-01T00:00:00Z");
    expect(defaultsFromRequest({ ...ny, startsAt: "2027-11-07T04:30:00Z" }, autumn)).toMatchObject({
      start: "00:30",
      end: "02:30",
    });
    const repeated = { ...ny, startsAt: "2027-11-07T05:30:00Z", durationMinutes: 60 };
    expect(defaultsFromRequest(repeated, autumn)).toMatchObject({ start: "01:30", end: "02:30" });
  });
});
