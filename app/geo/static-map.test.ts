import { describe, expect, it } from "vitest";
import { project, STATIC_MAP_HEIGHT, STATIC_MAP_WIDTH, staticMapLayout, zoomFor } from "./static-map";

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
});
