import { describe, expect, it } from "vitest";
import { checkFence, etaMinutes } from "./geofence";

const home = { lat: 30.2467, lng: 120.1485 };
/** A point `m` metres north of home. */
const north = (m: number) => ({ lat: home.lat + m / 111_195, lng: home.lng });

describe("the geofence", () => {
  it("counts a check-in within 150 m plus the reported accuracy as at home", () => {
    expect(checkFence(home, { ...north(140), accuracyM: 10 }, 150).inside).toBe(true);
    expect(checkFence(home, { ...north(200), accuracyM: 60 }, 150).inside).toBe(true);
    expect(checkFence(home, { ...north(200), accuracyM: 20 }, 150).inside).toBe(false);
  });

  it("reports the distance, and flags a 5 km accuracy as a poor fix while accepting it", () => {
    const r = checkFence(home, { ...north(40), accuracyM: 5000 }, 150);
    expect(Math.round(r.distanceM)).toBe(40);
    expect(r.inside).toBe(true);
    expect(r.poorFix).toBe(true);
  });

  it("widens the fence by the accuracy only up to 1 km: a vague fix far away is not at home", () => {
    const far = checkFence(home, { ...north(38_000), accuracyM: 99_999 }, 150);
    expect(far.inside).toBe(false);
    expect(far.poorFix).toBe(true);
    expect(checkFence(home, { ...north(1100), accuracyM: 5000 }, 150).inside).toBe(true);
    expect(checkFence(home, { ...north(1200), accuracyM: 5000 }, 150).inside).toBe(false);
  });

  it("follows a configured radius", () => {
    expect(checkFence(home, { ...north(250), accuracyM: 0 }, 300).inside).toBe(true);
    expect(checkFence(home, { ...north(250), accuracyM: 0 }, 100).inside).toBe(false);
  });

  it("estimates arrival at city speed, never under a minute", () => {
    expect(etaMinutes(north(3000), home)).toBe(10);
    expect(etaMinutes(north(10), home)).toBe(1);
  });

  it("gives no estimate from farther than a journey across a city (a bogus fix at 0°, 0°)", () => {
    expect(etaMinutes(north(59_000), home)).toBe(197);
    expect(etaMinutes(north(61_000), home)).toBeNull();
    expect(etaMinutes({ lat: 0, lng: 0 }, home)).toBeNull();
  });
});
