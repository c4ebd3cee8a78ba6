import { describe, expect, it } from "vitest";
import { project, STATIC_MAP_HEIGHT, STATIC_MAP_WIDTH, staticMapLayout, tilesCovering, zoomFor } from "./static-map";

const TILES = "https://tile.example/{z}/{x}/{y}.png";

describe("static map layout", () => {
  it("covers the whole picture with tiles, the point in its middle", () => {
    const point = { lat: 30.259312, lng: 120.138467 };
    const { tiles, areaPx } = staticMapLayout(point, TILES);
    expect(areaPx).toBe(0);
    // Every pixel of the 320×160 box lies in exactly one tile.
    for (const [x, y] of [
      [0, 0],
      [STATIC_MAP_WIDTH - 1, STATIC_MAP_HEIGHT - 1],
      [160, 80],
    ] as const) {
      const covering = tiles.filter((t) => t.left <= x && x < t.left + 256 && t.top <= y && y < t.top + 256);
      expect(covering, `pixel ${x},${y}`).toHaveLength(1);
    }
    // The middle of the box is the point: its tile and offset agree with the projection.
    const p = project(point.lat, point.lng, 15);
    const middle = tiles.find((t) => t.left <= 160 && 160 < t.left + 256 && t.top <= 80 && 80 < t.top + 256)!;
    expect(middle.src).toBe(`https://tile.example/15/${Math.floor(p.x / 256)}/${Math.floor(p.y / 256)}.png`);
  });

  it("zooms out until the service area fits, and draws it to scale", () => {
    expect(zoomFor(30.26, 5)).toBeLessThan(zoomFor(30.26, 1));
    const { areaPx } = staticMapLayout({ lat: 30.26, lng: 120.13 }, TILES, { radiusKm: 5 });
    expect(areaPx).toBeGreaterThan(28);
    expect(areaPx).toBeLessThanOrEqual(STATIC_MAP_HEIGHT);
  });

  it("draws the poles at the edge of the map, and never loops on numbers that are not finite", () => {
    for (const lat of [-90, 90, -89.9999, 85.06, -85.06]) {
      const { tiles, areaPx } = staticMapLayout({ lat, lng: -180 }, TILES, { radiusKm: 20 });
      expect(tiles.length, String(lat)).toBeGreaterThan(0);
      expect(tiles.length, String(lat)).toBeLessThanOrEqual(6);
      expect(Number.isFinite(areaPx), String(lat)).toBe(true);
      for (const t of tiles) expect(t.src, String(lat)).toMatch(/^https:\/\/tile\.example\/\d+\/\d+\/\d+\.png$/);
    }
    expect(tilesCovering(TILES, 15, { left: 0, top: Number.POSITIVE_INFINITY, width: 320, height: 160 })).toEqual([]);
    expect(tilesCovering(TILES, 15, { left: Number.NaN, top: 0, width: 320, height: 160 })).toEqual([]);
  });
});
