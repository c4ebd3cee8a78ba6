import { describe, expect, it } from "vitest";
import {
  approximatePoint,
  canSeeCarerExact,
  canSeeParentExact,
  carerAccessEnds,
  haversineMeters,
  publicLocation,
  reachOf,
  roundDistanceKm,
} from "./location";

describe("approximatePoint", () => {
  it("is the same on every call and moves the point by at most ~half a cell diagonal", () => {
    const exact = { lat: 30.274084, lng: 120.15507 };
    const a = approximatePoint(exact.lat, exact.lng);
    expect(approximatePoint(exact.lat, exact.lng)).toEqual(a);
    const moved = haversineMeters(exact, a);
    expect(moved).toBeLessThanOrEqual(540);
    expect(a).not.toEqual(exact);
  });

  it("gives one point for every home in the same cell, so nearby homes are indistinguishable", () => {
    const a = approximatePoint(30.2741, 120.1551);
    const b = approximatePoint(30.27415, 120.15515);
    expect(a).toEqual(b);
  });

  it("makes cells about 750 m wide (neighbouring cells' centres are ~750 m apart)", () => {
    const base = approximatePoint(30.25, 120.2);
    const north = approximatePoint(base.lat + 0.00674, base.lng);
    const east = approximatePoint(base.lat, base.lng + 0.0078);
    expect(haversineMeters(base, north)).toBeGreaterThan(700);
    expect(haversineMeters(base, north)).toBeLessThan(800);
    expect(haversineMeters(base, east)).toBeGreaterThan(700);
    expect(haversineMeters(base, east)).toBeLessThan(800);
  });

  it("maps an approximate point to itself (queries may hand back approximate points only)", () => {
    let seed = 11;
    const next = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    for (let i = 0; i < 2000; i++) {
      const p = approximatePoint(next() * 170 - 85, next() * 360 - 180);
      expect(approximatePoint(p.lat, p.lng)).toEqual(p);
    }
  });

  it("stays in range at the edges of the map", () => {
    for (const [lat, lng] of [
      [90, 180],
      [-90, -180],
      [89.999, 179.999],
      [0, 0],
    ] as const) {
      const p = approximatePoint(lat, lng);
      expect(Math.abs(p.lat)).toBeLessThanOrEqual(90);
      expect(Number.isFinite(p.lng)).toBe(true);
    }
  });
});

describe("roundDistanceKm", () => {
  it("rounds to the nearest 0.5 km and never says 0 km", () => {
    expect(roundDistanceKm(0)).toBe(0.5);
    expect(roundDistanceKm(120)).toBe(0.5);
    expect(roundDistanceKm(740)).toBe(0.5);
    expect(roundDistanceKm(760)).toBe(1);
    expect(roundDistanceKm(1_240)).toBe(1);
    expect(roundDistanceKm(1_260)).toBe(1.5);
    expect(roundDistanceKm(19_990)).toBe(20);
    expect(roundDistanceKm(Number.NaN)).toBe(0.5);
  });
});

describe("publicLocation", () => {
  it("measures from the viewer to the approximate point, not to the exact one", () => {
    const exact = { lat: 30.2741, lng: 120.1551 };
    const { approx, distanceKm } = publicLocation(exact, approx0());
    expect(approx).toEqual(approximatePoint(exact.lat, exact.lng));
    expect(distanceKm).toBe(roundDistanceKm(haversineMeters(approx0(), approx)));
    expect(publicLocation(exact).distanceKm).toBeNull();
  });
});

describe("who may see exact locations", () => {
  const family = { id: "f", role: "family" as const };
  const carer = { id: "c", role: "carer" as const };
  const admin = { id: "a", role: "admin" as const };
  it("lets the parent's family members and admins see a parent's exact location, no one else", () => {
    const now = new Date("2027-01-01T00:00:00Z");
    expect(canSeeParentExact(family, { memberRole: "owner" }, now)).toBe(true);
    expect(canSeeParentExact(family, { memberRole: "member" }, now)).toBe(true);
    expect(canSeeParentExact(family, { memberRole: null }, now)).toBe(false);
    expect(canSeeParentExact(carer, { memberRole: null }, now)).toBe(false);
    expect(canSeeParentExact(admin, { memberRole: null }, now)).toBe(true);
    expect(canSeeParentExact(null, { memberRole: null }, now)).toBe(false);
  });

  it("lets the carer of a booked visit see the home until the visit is closed", () => {
    const endsAt = new Date("2027-01-01T12:00:00Z");
    // Never checked out (missed, or a forgotten tap): until 24 hours after the scheduled end.
    const until = carerAccessEnds({ endsAt, cancelledAt: null, checkedOutAt: null });
    expect(until.toISOString()).toBe("2027-01-02T12:00:00.000Z");
    const at = (iso: string) => canSeeParentExact(carer, { memberRole: null, carerAccessUntil: until }, new Date(iso));
    expect(at("2026-12-20T00:00:00Z")).toBe(true); // booked weeks ahead: from the booking on
    expect(at("2027-01-02T11:59:59Z")).toBe(true);
    expect(at("2027-01-02T12:00:00Z")).toBe(false);
    // A family member who is not a member does not gain access through anyone's visit.
    expect(
      canSeeParentExact(family, { memberRole: null, carerAccessUntil: until }, new Date("2027-01-01T00:00:00Z")),
    ).toBe(false);
    // Cancelled, by either side: closed at once.
    const cancelledAt = new Date("2026-12-30T08:00:00Z");
    expect(carerAccessEnds({ endsAt, cancelledAt, checkedOutAt: null })).toEqual(cancelledAt);
    // Checked out, early or late: closed then, but never later than the 24 hours after the end.
    const early = new Date("2027-01-01T10:05:00Z");
    expect(carerAccessEnds({ endsAt, cancelledAt: null, checkedOutAt: early })).toEqual(early);
    const late = new Date("2027-01-03T00:00:00Z");
    expect(carerAccessEnds({ endsAt, cancelledAt: null, checkedOutAt: late })).toEqual(until);
  });
  it("lets only the carer and admins see a carer's exact base", () => {
    expect(canSeeCarerExact(carer, "c")).toBe(true);
    expect(canSeeCarerExact({ id: "d", role: "carer" }, "c")).toBe(false);
    expect(canSeeCarerExact(family, "c")).toBe(false);
    expect(canSeeCarerExact(admin, "c")).toBe(true);
    expect(canSeeCarerExact(null, "c")).toBe(false);
  });
});

function approx0() {
  return { lat: 30.3, lng: 120.1 };
}

describe("reachOf", () => {
  const base = approximatePoint(30.259, 120.138);
  const carer = { approx: base, radiusM: 5000 };
  const north = (km: number) => ({ lat: 30.259 + km / 111.32, lng: 120.138 });

  it("never calls a home outside when the search would list the carer for it", () => {
    // Every home whose exact point lies within the radius of the approximate base: the search's rule.
    for (let m = 0; m <= 5000; m += 50) {
      const home = { lat: base.lat + m / 111_320, lng: base.lng };
      if (haversineMeters(home, base) > carer.radiusM) continue;
      expect(reachOf(home, carer).outside, `${m} m`).toBe(false);
    }
  });

  it("calls a home plainly past the radius outside, with the rounded distance between the approximate points", () => {
    const far = reachOf({ lat: 31.23, lng: 121.47 }, carer);
    expect(far.outside).toBe(true);
    expect(far.distanceKm).toBeGreaterThan(150);
    expect(far.distanceKm * 2).toBe(Math.round(far.distanceKm * 2));
    expect(reachOf(north(7), carer).outside).toBe(true);
    expect(reachOf(north(2), carer)).toEqual({ outside: false, distanceKm: expect.any(Number) });
  });

  it("says the same for every home in one cell (nothing finer than the approximate point)", () => {
    const a = reachOf({ lat: 31.2301, lng: 121.4701 }, carer);
    const b = reachOf({ lat: 31.23015, lng: 121.47015 }, carer);
    expect(approximatePoint(31.2301, 121.4701)).toEqual(approximatePoint(31.23015, 121.47015));
    expect(a).toEqual(b);
  });
});
