import { describe, expect, it } from "vitest";
import { defaultsFromService, minutesBetween, priceForMinutes } from "./offer-defaults";

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
