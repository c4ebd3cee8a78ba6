import { describe, expect, it } from "vitest";
import { wallClockExists } from "~/visits/start-rule";
import {
  formatClock,
  formatEndClock,
  localDateTimeToUtc,
  parseClock,
  parseEndClock,
  zonedTimeToUtc,
} from "./time-zone";

describe("zonedTimeToUtc", () => {
  it("reads a wall-clock time in the parent's zone", () => {
    expect(zonedTimeToUtc("2026-05-03", "09:30", "Asia/Shanghai")?.toISOString()).toBe("2026-05-03T01:30:00.000Z");
    expect(zonedTimeToUtc("2026-07-01", "09:30", "Europe/London")?.toISOString()).toBe("2026-07-01T08:30:00.000Z");
    expect(zonedTimeToUtc("2026-01-15", "09:30", "America/New_York")?.toISOString()).toBe("2026-01-15T14:30:00.000Z");
    expect(localDateTimeToUtc("2026-05-03T09:30", "Asia/Shanghai")?.toISOString()).toBe("2026-05-03T01:30:00.000Z");
  });
  it("refuses malformed input", () => {
    expect(zonedTimeToUtc("2026-13-03", "09:30", "Asia/Shanghai")).toBeNull();
    expect(zonedTimeToUtc("tomorrow", "09:30", "Asia/Shanghai")).toBeNull();
    expect(localDateTimeToUtc("nope", "UTC")).toBeNull();
  });
});

describe("a change of clocks", () => {
  // New York, 14 March 2027: 02:00 EST becomes 03:00 EDT. 7 November 2027: 02:00 EDT becomes 01:00 EST.
  it("reads a skipped time as that much later, never earlier, and says it does not exist", () => {
    expect(zonedTimeToUtc("2027-03-14", "02:30", "America/New_York")!.toISOString()).toBe("2027-03-14T07:30:00.000Z");
    expect(wallClockExists("2027-03-14", "02:30", "America/New_York")).toBe(false);
    expect(wallClockExists("2027-03-14", "03:30", "America/New_York")).toBe(true);
    expect(wallClockExists("2027-03-14", "01:59", "America/New_York")).toBe(true);
  });

  it("keeps the times around a change, and a repeated hour, as they were", () => {
    expect(zonedTimeToUtc("2027-03-14", "01:30", "America/New_York")!.toISOString()).toBe("2027-03-14T06:30:00.000Z");
    expect(zonedTimeToUtc("2027-03-14", "03:30", "America/New_York")!.toISOString()).toBe("2027-03-14T07:30:00.000Z");
    expect(wallClockExists("2027-11-07", "01:30", "America/New_York")).toBe(true);
    expect(zonedTimeToUtc("2027-06-01", "10:00", "Asia/Shanghai")!.toISOString()).toBe("2027-06-01T02:00:00.000Z");
    expect(wallClockExists("2027-02-30", "10:00", "Asia/Shanghai")).toBe(false);
  });

  it("reads a time the clocks show twice as its first pass, west and east of UTC alike (an outside probe)", () => {
    const at = (date: string, time: string, zone: string) => zonedTimeToUtc(date, time, zone)!.toISOString();
    // New York, 7 November 2027: 01:30 EDT (05:30Z), then 01:30 EST (06:30Z).
    expect(at("2027-11-07", "01:30", "America/New_York")).toBe("2027-11-07T05:30:00.000Z");
    expect(at("2027-11-07", "02:30", "America/New_York")).toBe("2027-11-07T07:30:00.000Z");
    // London, 31 October 2027: 01:30 BST (00:30Z), then 01:30 GMT (01:30Z).
    expect(at("2027-10-31", "01:30", "Europe/London")).toBe("2027-10-31T00:30:00.000Z");
    expect(at("2027-10-31", "00:30", "Europe/London")).toBe("2027-10-30T23:30:00.000Z");
    expect(at("2027-10-31", "02:30", "Europe/London")).toBe("2027-10-31T02:30:00.000Z");
    // Berlin (02:30 CEST first), Sydney (02:30 AEDT first, 4 April 2027), Los Angeles (01:30 PDT first).
    expect(at("2027-10-31", "02:30", "Europe/Berlin")).toBe("2027-10-31T00:30:00.000Z");
    expect(at("2027-04-04", "02:30", "Australia/Sydney")).toBe("2027-04-03T15:30:00.000Z");
    expect(at("2027-11-07", "01:30", "America/Los_Angeles")).toBe("2027-11-07T08:30:00.000Z");
    // So a visit of 01:30–02:30 on such a night lasts two hours in every zone, as the clocks run.
    const minutes = (zone: string, date: string) =>
      (Date.parse(at(date, "02:30", zone)) - Date.parse(at(date, "01:30", zone))) / 60_000;
    expect(minutes("America/New_York", "2027-11-07")).toBe(120);
    expect(minutes("Europe/London", "2027-10-31")).toBe(120);
    // A skipped time still reads as that much later, east of UTC too (London, 28 March 2027).
    expect(at("2027-03-28", "01:30", "Europe/London")).toBe("2027-03-28T01:30:00.000Z");
  });
});

describe("clock", () => {
  it("parses and formats HH:MM", () => {
    expect(parseClock("08:15")).toBe(495);
    expect(parseClock("24:00")).toBe(1440);
    expect(parseClock("24:01")).toBeNull();
    expect(parseClock("8:15")).toBeNull();
    expect(formatClock(495)).toBe("08:15");
  });

  it("reads a window's end at midnight as the day's end, and shows it as a time field can", () => {
    expect(parseEndClock("00:00")).toBe(1440);
    expect(parseEndClock("24:00")).toBe(1440);
    expect(parseEndClock("23:59")).toBe(1439);
    expect(parseEndClock("9:00")).toBeNull();
    expect(formatEndClock(1440)).toBe("00:00");
    expect(formatEndClock(1230)).toBe("20:30");
  });
});
