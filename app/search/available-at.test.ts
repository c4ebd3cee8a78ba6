import { describe, expect, it } from "vitest";
import { availableAtProblem } from "./available-at";

// Wednesday 2 January 2030, 09:00 in Shanghai.
const now = new Date("2030-01-02T01:00:00Z");

describe("availableAtProblem", () => {
  it("accepts no time, the minute under way and any time to come", () => {
    expect(availableAtProblem(undefined, "Asia/Shanghai", now)).toBeNull();
    expect(availableAtProblem("2030-01-02T09:00", "Asia/Shanghai", now)).toBeNull();
    expect(availableAtProblem("2030-01-02T09:01", "Asia/Shanghai", now)).toBeNull();
    expect(availableAtProblem("2031-06-01T08:00", "Asia/Shanghai", now)).toBeNull();
  });

  it("says an hour gone today is the time to change, and a day gone the date", () => {
    expect(availableAtProblem("2030-01-02T08:00", "Asia/Shanghai", now)).toBe("validation.timePassed");
    expect(availableAtProblem("2030-01-01T23:00", "Asia/Shanghai", now)).toBe("validation.dateRange");
    expect(availableAtProblem("2020-01-01T03:00", "Asia/Shanghai", now)).toBe("validation.dateRange");
  });

  it("reads the time in the parent's zone: 02:00 in London is still to come at 01:00 UTC", () => {
    expect(availableAtProblem("2030-01-02T02:00", "Europe/London", now)).toBeNull();
    expect(availableAtProblem("2030-01-02T00:30", "Europe/London", now)).toBe("validation.timePassed");
  });

  it("says a time the clocks skip is no time, as the request form does (an outside probe)", () => {
    expect(availableAtProblem("2030-03-10T02:30", "America/New_York", now)).toBe("errors.timeGap");
    expect(availableAtProblem("2030-03-10T03:30", "America/New_York", now)).toBeNull();
  });
});
