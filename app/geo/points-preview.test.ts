import { describe, expect, it } from "vitest";
import { pointsPreviewHtml } from "~/components/map/points-preview.server";
import { fitZoom, pointsPreviewLayout } from "./points-preview";
import { project } from "./static-map";

const TILES = "https://tile.example/{z}/{x}/{y}.png";
const HOME = { lat: 30.259312, lng: 120.138467 };
/** Points about `km` east and north of the home. */
const near = (id: string, kmEast: number, kmNorth: number) => ({
  id,
  lat: HOME.lat + kmNorth / 111.2,
  lng: HOME.lng + kmEast / (111.2 * Math.cos((HOME.lat * Math.PI) / 180)),
});

/** Pixel span of the points at `zoom`. */
function span(points: { lat: number; lng: number }[], zoom: number) {
  const at = points.map((p) => project(p.lat, p.lng, zoom));
  const xs = at.map((p) => p.x);
  const ys = at.map((p) => p.y);
  return { w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
}

describe("a points map's first view", () => {
  it("picks the highest zoom at which the home and every point fit a phone's map, as Leaflet's fitBounds does", () => {
    const points = [HOME, near("a", 3, 1), near("b", -2, -4)];
    const zoom = fitZoom(points);
    // Fits 308 × 238 px (inside a 358 × 288 px map's border, less 24 px of padding a side) at that
    // zoom, not at the next.
    const fits = span(points, zoom);
    expect(fits.w <= 308 && fits.h <= 238).toBe(true);
    const next = span(points, zoom + 1);
    expect(next.w > 308 || next.h > 238).toBe(true);
    // Close points stop at 15, as the map's maxZoom; one point alone too.
    expect(fitZoom([HOME, near("x", 0.05, 0)])).toBe(15);
    expect(fitZoom([HOME])).toBe(15);
    expect(fitZoom([HOME, { lat: -30, lng: -60 }])).toBeLessThanOrEqual(2);
  });

  it("keeps a zoom the points overshoot by less than 1% of a level, as Leaflet does", () => {
    // Two points 309 px apart at zoom 14 (0.46% of a level more than 308 px): still zoom 14.
    const a = project(HOME.lat, HOME.lng, 14);
    const lngPerPx = 360 / (256 * 2 ** 14);
    const b = { lat: HOME.lat, lng: HOME.lng + 309 * lngPerPx };
    expect(Math.round(project(b.lat, b.lng, 14).x - a.x)).toBe(309);
    expect(fitZoom([HOME, b])).toBe(14);
    // 312 px (1.9% of a level over): one level down.
    expect(fitZoom([HOME, { lat: HOME.lat, lng: HOME.lng + 312 * lngPerPx }])).toBe(13);
  });

  it("centres the bounds of the home and the points, and places each from that centre", () => {
    const a = near("a", 3, 0);
    const layout = pointsPreviewLayout(HOME, [a], TILES);
    // Two points: the centre is halfway, so they sit symmetrically about it.
    expect(layout.markers).toHaveLength(1);
    const [m] = layout.markers;
    expect(Math.abs(m!.x + layout.home.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(m!.y + layout.home.y)).toBeLessThanOrEqual(1);
    expect(m!.x).toBeGreaterThan(0);
    expect(m).toMatchObject({ count: 1, ids: ["a"] });
  });

  it("without points, shows the home at zoom 13 in the middle, with its service area to scale", () => {
    const layout = pointsPreviewLayout(HOME, [], TILES, { radiusM: 5000 });
    expect(layout.zoom).toBe(13);
    expect(layout.home).toEqual({ x: 0, y: 0 });
    expect(layout.markers).toEqual([]);
    // 5 km at zoom 13 and 30.26° N: 5000 / (156543 × cos(30.26°) / 2^13) ≈ 303 px.
    expect(layout.areaPx).toBeGreaterThan(300);
    expect(layout.areaPx).toBeLessThan(306);
  });

  it("merges points closer than a 56 px cell into one counted marker, as the live map clusters them", () => {
    const points = [near("a", 0.01, 0), near("b", 0.02, 0.01), near("c", 0.015, 0.005), near("far", 6, 6)];
    const layout = pointsPreviewLayout(HOME, points, TILES);
    const counts = layout.markers.map((m) => m.count).sort();
    expect(counts.reduce((s, c) => s + c, 0)).toBe(4);
    const cluster = layout.markers.find((m) => m.count > 1)!;
    expect(cluster.ids).toEqual(expect.arrayContaining(["a", "b"]));
    expect(layout.markers.find((m) => m.ids.includes("far"))!.count).toBe(1);
  });

  it("covers the widest map (1024 × 384 px) with tiles, each pixel by exactly one", () => {
    const layout = pointsPreviewLayout(HOME, [near("a", 1, 2)], TILES);
    for (const [x, y] of [
      [-512, -192],
      [511, 191],
      [0, 0],
      [-1, 100],
    ] as const) {
      const covering = layout.tiles.filter((t) => t.x <= x && x < t.x + 256 && t.y <= y && y < t.y + 256);
      expect(covering, `pixel ${x},${y}`).toHaveLength(1);
    }
    expect(layout.tiles.length).toBeLessThanOrEqual(15);
    expect(layout.tiles[0]!.src).toMatch(/^https:\/\/tile\.example\/\d+\/\d+\/\d+\.png$/);
  });

  it("as HTML: a picture with no names, the tile URL escaped, pins and a counted cluster", () => {
    const layout = pointsPreviewLayout(
      HOME,
      [near("a", 0.01, 0), near("b", 0.02, 0), near("c", 4, 4)],
      'https://t.example/{z}/{x}/{y}.png?k="<x>&',
    );
    const html = pointsPreviewHtml(layout);
    expect(html).toContain("?k=&quot;&lt;x&gt;&amp;");
    expect(html).not.toContain('"<x>');
    expect(html.match(/class="map-pin"/g)).toHaveLength(1);
    expect(html.match(/class="map-pin map-pin--home"/g)).toHaveLength(1);
    expect(html).toMatch(/<span class="map-cluster" style="[^"]+">2<\/span>/);
    expect(html.startsWith('<div class="map-preview">')).toBe(true);
  });
});
