import { describe, expect, it } from "vitest";
import { approximatePoint, haversineMeters } from "~/privacy/location";
import { bandOf, searchKey, searchKeysCovering } from "./search-cells";

// A small deterministic generator, so a failure can be replayed.
function prng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("search cells", () => {
  it("files a carer by radius band", () => {
    expect([1000, 5000, 5001, 10_000, 15_500, 20_000].map(bandOf)).toEqual([1, 1, 2, 2, 4, 4]);
  });

  it.each([
    ["Hangzhou", 30.25, 120.15],
    ["the antimeridian", -16.5, 179.98],
    ["the equator and the prime meridian", 0.001, -0.001],
    ["far north", 79.5, 20],
  ])("never misses a carer whose circle covers a home near %s", (_name, lat, lng) => {
    const random = prng(Math.round(lat * 1000 + lng));
    let covering = 0;
    for (let i = 0; i < 400; i++) {
      const home = { lat: lat + (random() - 0.5) * 0.3, lng: lng + (random() - 0.5) * 0.3 };
      const keys = new Set(searchKeysCovering(home, 20_000));
      const rings = [3000, 6000].map((r) => ({ r, keys: new Set(searchKeysCovering(home, r)) }));
      for (let j = 0; j < 50; j++) {
        const base = { lat: home.lat + (random() - 0.5) * 0.45, lng: home.lng + (random() - 0.5) * 0.5 };
        const lngWrapped = ((base.lng + 540) % 360) - 180;
        const radius = 1000 + Math.floor(random() * 20) * 1000;
        // Circles are drawn around the approximate base (what families see).
        const d = haversineMeters(home, approximatePoint(base.lat, lngWrapped));
        if (d > radius) continue;
        covering++;
        const k = searchKey(base.lat, lngWrapped, radius);
        expect(keys.has(k), `home ${JSON.stringify(home)} base ${JSON.stringify(base)} r ${radius}`).toBe(true);
        for (const ring of rings) if (d <= ring.r) expect(ring.keys.has(k)).toBe(true);
      }
    }
    expect(covering).toBeGreaterThan(500);
  });

  it("reads far fewer cells for a small ring, and hands polar searches to the GiST box", () => {
    const home = { lat: 30.25, lng: 120.15 };
    expect(searchKeysCovering(home, 3000)!.length).toBeLessThan(searchKeysCovering(home, 20_000)!.length / 4);
    expect(searchKeysCovering({ lat: 85, lng: 0 }, 20_000)).toBeNull();
  });
});
