import { describe, expect, it } from "vitest";
import { CarerProfileSchema } from "./schemas";

const base = { languages: ["mandarin"], lat: 30.25, lng: 120.15, radiusKm: 5, timeZone: "Asia/Shanghai" };
const issuesOf = (availability: { weekday: number; start?: string; end?: string }[]) => {
  const result = CarerProfileSchema.safeParse({ ...base, availability });
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("a weekly availability window", () => {
  it("asks for the missing end of a window given by one end, not for an order", () => {
    expect(issuesOf([{ weekday: 1, start: "09:00" }])).toEqual(["availability.0.end: errors.required"]);
    expect(issuesOf([{ weekday: 1, end: "12:00" }])).toEqual(["availability.0.start: errors.required"]);
  });

  it("refuses an end not after its start, and takes an empty row or a whole window", () => {
    expect(issuesOf([{ weekday: 1, start: "12:00", end: "09:00" }])).toEqual(["availability.0.end: errors.timeRange"]);
    expect(issuesOf([{ weekday: 2 }, { weekday: 1, start: "09:00", end: "12:00" }])).toEqual([]);
  });
});
