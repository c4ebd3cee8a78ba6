import { describe, expect, it } from "vitest";
import { parseFormWithZod } from "~/validation/form-coercion";
import { visitRequestSchemaAt } from "./schemas";

// Wednesday 2 January 2030, 09:00 in Shanghai.
const now = new Date("2030-01-02T01:00:00Z");
const schema = visitRequestSchemaAt("Asia/Shanghai", () => now);

const errorsOf = (over: Record<string, string>) => {
  const data = new FormData();
  const fields = {
    service: "companionship",
    schedule: "once",
    date: "2030-01-09",
    time: "09:30",
    durationMinutes: "60",
    ...over,
  };
  for (const [k, v] of Object.entries(fields)) data.append(k, v);
  const submission = parseFormWithZod(data, { schema });
  return submission.status === "success" ? {} : submission.error;
};

describe("a visit request's form, checked with the start's rules", () => {
  it("shows a past date, or an hour gone today, beside the form's other problems", () => {
    expect(errorsOf({ date: "2030-01-01", durationMinutes: "5" })).toEqual({
      date: ["validation.dateRange"],
      durationMinutes: ["errors.minutesRange"],
    });
    expect(errorsOf({ date: "2030-01-02", time: "08:00", durationMinutes: "5" })).toEqual({
      time: ["validation.timePassed"],
      durationMinutes: ["errors.minutesRange"],
    });
    expect(errorsOf({ date: "2031-06-01" })).toEqual({ date: ["validation.dateRange"] });
  });

  it("waits until the date and time are right, and leaves a weekly request to its days", () => {
    expect(errorsOf({ date: "2030-02-30", durationMinutes: "5" })).toEqual({
      date: ["errors.date"],
      durationMinutes: ["errors.minutesRange"],
    });
    expect(errorsOf({ date: "", time: "08:00" })).toEqual({ date: ["errors.date"] });
    expect(errorsOf({ schedule: "weekly", date: "2030-01-01", weekdays: "1" })).toEqual({});
    expect(errorsOf({})).toEqual({});
  });
});
