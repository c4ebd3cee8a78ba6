// The HTML of a map's first view (app/geo/points-preview.ts for the carers and jobs maps,
// app/geo/visit-preview.ts for a visit's tracking map): plain elements placed from the container's
// centre, drawn by the server page and by LazyPointsMap or LazyVisitMap until Leaflet replaces it. Sent
// as a string in the loader's data, so the browser needs no code to draw it. It holds numbers, the
// tile URLs and counts only: no names, and nothing a reader of the page could not already see on it.
import type { Env } from "~/env.server";
import { mapConfig } from "~/geo/map-config.server";
import {
  MARKER_PX,
  POINTS_MAP,
  type PointsPreviewLayout,
  type PreviewPoint,
  pointsPreviewLayout,
} from "~/geo/points-preview";
import { VISIT_MAP, type VisitPreviewLayout, type VisitSpots, visitPreviewLayout } from "~/geo/visit-preview";

const { clusterPx: CLUSTER } = POINTS_MAP;

function attr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const place = (x: number, y: number) => `left:${x}px;top:${y}px`;

/** A pin's box anchored at its bottom middle, as Leaflet's divIcon with iconAnchor [size / 2, size]. */
const pin = (kind: string, x: number, y: number, size: number = MARKER_PX) =>
  `<span class="map-pin${kind}" style="${place(x - size / 2, y - size)};width:${size}px;height:${size}px"></span>`;

/** A circle of radius `r` px around (x, y), drawn as Leaflet's default circle (the area, an accuracy). */
const circle = (x: number, y: number, r: number) =>
  `<span class="map-preview__area" style="${place(x - r, y - r)};width:${2 * r}px;height:${2 * r}px"></span>`;

/** Lower markers in front of higher ones, as Leaflet stacks them. */
const byDepth = <T extends { y: number }>(markers: T[]) => [...markers].sort((a, b) => a.y - b.y);

function previewHtml(tiles: { src: string; x: number; y: number }[], overlay: string[]): string {
  const parts = ['<div class="map-preview"><div class="map-preview__centre">'];
  for (const t of tiles) {
    parts.push(`<img src="${attr(t.src)}" alt="" width="256" height="256" loading="lazy" style="${place(t.x, t.y)}">`);
  }
  parts.push(...overlay, '</div><span class="map-preview__credit">© OpenStreetMap</span></div>');
  return parts.join("");
}

export function pointsPreviewHtml(layout: PointsPreviewLayout): string {
  const overlay: string[] = [];
  if (layout.areaPx > 0) overlay.push(circle(layout.home.x, layout.home.y, layout.areaPx));
  // The home among the markers.
  for (const m of byDepth([{ ...layout.home, count: 0 }, ...layout.markers])) {
    overlay.push(
      m.count === 0
        ? pin(" map-pin--home", m.x, m.y)
        : m.count === 1
          ? pin("", m.x, m.y)
          : `<span class="map-cluster" style="${place(m.x - CLUSTER / 2, m.y - CLUSTER / 2)}">${m.count}</span>`,
    );
  }
  return previewHtml(layout.tiles, overlay);
}

export function visitPreviewHtml(layout: VisitPreviewLayout): string {
  const overlay: string[] = [];
  if (layout.accuracy) overlay.push(circle(layout.accuracy.x, layout.accuracy.y, layout.accuracy.r));
  for (const s of byDepth(layout.spots)) overlay.push(pin(` map-pin--${s.kind}`, s.x, s.y, VISIT_MAP.markerPx));
  return previewHtml(layout.tiles, overlay);
}

/**
 * What a loader gives LazyPointsMap (`<LazyPointsMap {...map} …/>`): the tile URL and the first view of
 * the map around `home`, as HTML.
 */
export function pointsMap(
  env: Pick<Env, "TILE_URL" | "GEOCODER_URL">,
  home: { lat: number; lng: number },
  points: PreviewPoint[],
  options: { radiusM?: number } = {},
): { tileUrl: string; preview: string } {
  const { tileUrl } = mapConfig(env);
  return { tileUrl, preview: pointsPreviewHtml(pointsPreviewLayout(home, points, tileUrl, options)) };
}

/** What a loader gives LazyVisitMap: the tile URL and the first view of the visit's tracking map, as HTML. */
export function visitMap(
  env: Pick<Env, "TILE_URL" | "GEOCODER_URL">,
  spots: VisitSpots,
): { tileUrl: string; preview: string } {
  const { tileUrl } = mapConfig(env);
  return { tileUrl, preview: visitPreviewHtml(visitPreviewLayout(spots, tileUrl)) };
}
