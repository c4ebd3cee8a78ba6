import { describe, expect, it } from "vitest";
import { placeExceptions } from "./exceptions";

const at = new Date("2026-12-01T02:00:00Z");

describe("a check-in's or check-out's exceptions", () => {
  it("has none at home with a good fix, or before the tap", () => {
    expect(placeExceptions({ at, distanceM: 40, accuracyM: 12, reason: null })).toEqual([]);
    expect(placeExceptions({ at: null, distanceM: null, accuracyM: null, reason: null })).toEqual([]);
  });

  it("is away when the carer gave a reason beside a position (1.7 km, escorting to the clinic)", () => {
    expect(placeExceptions({ at, distanceM: 1700, accuracyM: 20, reason: "escorting_clinic" })).toEqual(["away"]);
  });

  it("has no fix when there was no position, whatever the reason", () => {
    expect(placeExceptions({ at, distanceM: null, accuracyM: null, reason: "Phone died" })).toEqual(["no_fix"]);
  });

  it("has a poor fix over 1 km of accuracy, away too when a reason was needed", () => {
    expect(placeExceptions({ at, distanceM: 100, accuracyM: 5000, reason: null })).toEqual(["poor_fix"]);
    expect(placeExceptions({ at, distanceM: 9000, accuracyM: 1500, reason: "met_outside" })).toEqual([
      "away",
      "poor_fix",
    ]);
  });
});
