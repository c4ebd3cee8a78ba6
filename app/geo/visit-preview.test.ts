import { describe, expect, it } from "vitest";
import { visitPreviewHtml } from "~/components/map/points-preview.server";
import { metresPerPixel, project } from "./static-map";
import { visitPreviewLayout } from "./visit-preview";

const TILES = "https://tile.example/{z}/{x}/{y}.png";
const HOME = { lat: 30.259312, lng: 120.138467 };
/** A point about `m` metres east and north of the home. */
const near = (mEast: number, mNorth: number) => ({
  lat: HOME.lat + mNorth / 111_200,
  lng: HOME.lng + mEast / (111_200 * Math.cos((HOME.lat * Math.PI) / 180)),
});
const none = { carer: null, checkIn: null, checkOut: null };

describe("a visit's tracking map, first view", () => {
  it("shows the home alone at zoom 15, in the middle, with tiles under it", () => {
    const layout = visitPreviewLayout({ home: HOME, ...none }, TILES);
    expect(layout.zoom).toBe(15);
    expect(layout.spots).toEqual([{ kind: "home", x: 0, y: 0 }]);
    expect(layout.accuracy).toBeNull();
    const under = layout.tiles.filter((t) => t.x <= 0 && t.x + 256 > 0 && t.y <= 0 && t.y + 256 > 0);
    expect(under).toHaveLength(1);
    expect(under[0]!.src).toMatch(/^https:\/\/tile\.example\/15\/\d+\/\d+\.png$/);
  });

  it("fits the home, the carer on the way and the check-in into a phone's map, 32 px inside its edge, at most zoom 16", () => {
    const carer = { ...near(1200, 900), accuracyM: 25 };
    const layout = visitPreviewLayout({ home: HOME, carer, checkIn: null, checkOut: null }, TILES);
    // 322 × 286 px inside the border (the map sits in a card), less 32 px a side: 258 × 222 px at that
    // zoom, not at the next.
    const span = (z: number) => {
      const a = project(HOME.lat, HOME.lng, z);
      const b = project(carer.lat, carer.lng, z);
      return { w: Math.abs(b.x - a.x), h: Math.abs(b.y - a.y) };
    };
    expect(span(layout.zoom).w <= 258 && span(layout.zoom).h <= 222).toBe(true);
    expect(span(layout.zoom + 1).w > 258 || span(layout.zoom + 1).h > 222).toBe(true);
    // Centred between them: the carer north-east, the home south-west, symmetrically.
    const home = layout.spots.find((s) => s.kind === "home")!;
    const on = layout.spots.find((s) => s.kind === "carer")!;
    expect(on.x).toBeGreaterThan(0);
    expect(on.y).toBeLessThan(0);
    expect(Math.abs(on.x + home.x)).toBeLessThanOrEqual(1);
    expect(Math.abs(on.y + home.y)).toBeLessThanOrEqual(1);
    // The accuracy circle, to scale, around the carer.
    expect(layout.accuracy).toEqual({
      x: on.x,
      y: on.y,
      r: Math.round(25 / metresPerPixel(carer.lat, layout.zoom)),
    });

    // A check-in and check-out at the door: zoom 16, however close they are.
    const door = near(8, 5);
    const visited = visitPreviewLayout({ home: HOME, carer: null, checkIn: door, checkOut: door }, TILES);
    expect(visited.zoom).toBe(16);
    expect(visited.spots.map((s) => s.kind)).toEqual(["home", "in", "out"]);
    expect(visited.accuracy).toBeNull();
  });

  it("never draws the accuracy wider than 2 km", () => {
    const carer = { ...near(3000, 0), accuracyM: 50_000 };
    const layout = visitPreviewLayout({ home: HOME, carer, checkIn: null, checkOut: null }, TILES);
    expect(layout.accuracy!.r).toBe(Math.round(2000 / metresPerPixel(carer.lat, layout.zoom)));
  });

  it("as HTML: pins and dots anchored at their bottom middle, the circle, lower markers in front, no text", () => {
    const carer = { ...near(600, -400), accuracyM: 40 };
    const layout = visitPreviewLayout({ home: HOME, carer, checkIn: null, checkOut: null }, TILES);
    const html = visitPreviewHtml(layout);
    const home = layout.spots.find((s) => s.kind === "home")!;
    expect(html).toContain(
      `<span class="map-pin map-pin--home" style="left:${home.x - 22}px;top:${home.y - 44}px;width:44px;height:44px"></span>`,
    );
    expect(html).toMatch(/<span class="map-preview__area" style="[^"]+"><\/span>/);
    // The carer is south of the home, so lower on the map: drawn after it, in front.
    expect(html.indexOf("map-pin--home")).toBeLessThan(html.indexOf("map-pin--carer"));
    const dots = visitPreviewHtml(visitPreviewLayout({ home: HOME, ...none, checkIn: near(5, 0) }, TILES));
    expect(dots).toMatch(/<span class="map-pin map-pin--in" style="[^"]+;width:44px;height:44px"><\/span>/);
    // Nothing between the tags but the credit: no names, no coordinates.
    const text = html.replace(/<[^>]+>/g, "");
    expect(text).toBe("© OpenStreetMap");
  });
});
