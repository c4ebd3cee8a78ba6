import { describe, expect, it } from "vitest";
import { formatClock, localDateTimeToUtc, parseClock, zonedTimeToUtc } from "./time-zone";

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

describe("clock", () => {
  it("parses and formats HH:MM", () => {
    expect(parseClock("08:15")).toBe(495);
    expect(parseClock("24:00")).toBe(1440);
    expect(parseClock("24:01")).toBeNull();
    expect(parseClock("8:15")).toBeNull();
    expect(formatClock(495)).toBe("08:15");
  });
});
