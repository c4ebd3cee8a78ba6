// The HTML of a points map's first view (app/geo/points-preview.ts): plain elements placed from the
// container's centre, drawn by the server page and by LazyPointsMap until Leaflet replaces it. Sent
// as a string in the loader's data, so the browser needs no code to draw it. It holds numbers, the
// tile URLs and counts only: no names, and nothing a reader of the page could not already see on it.
import type { Env } from "~/env.server";
import { mapConfig } from "~/geo/map-config.server";
import { POINTS_MAP, type PointsPreviewLayout, type PreviewPoint, pointsPreviewLayout } from "~/geo/points-preview";

const { pinPx: PIN, clusterPx: CLUSTER } = POINTS_MAP;

function attr(value: string): string {
  return value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

const place = (x: number, y: number) => `left:${x}px;top:${y}px`;

export function pointsPreviewHtml(layout: PointsPreviewLayout): string {
  const parts: string[] = ['<div class="map-preview"><div class="map-preview__centre">'];
  for (const t of layout.tiles) {
    parts.push(`<img src="${attr(t.src)}" alt="" width="256" height="256" loading="lazy" style="${place(t.x, t.y)}">`);
  }
  const r = layout.areaPx;
  if (r > 0) {
    parts.push(
      `<span class="map-preview__area" style="${place(layout.home.x - r, layout.home.y - r)};width:${2 * r}px;height:${2 * r}px"></span>`,
    );
  }
  const pin = (kind: string, x: number, y: number) =>
    `<span class="map-pin${kind}" style="${place(x - PIN / 2, y - PIN)};width:${PIN}px;height:${PIN}px"></span>`;
  // Lower markers in front of higher ones, the home among them, as Leaflet stacks them.
  const markers = [{ ...layout.home, count: 0 }, ...layout.markers].sort((a, b) => a.y - b.y);
  for (const m of markers) {
    parts.push(
      m.count === 0
        ? pin(" map-pin--home", m.x, m.y)
        : m.count === 1
          ? pin("", m.x, m.y)
          : `<span class="map-cluster" style="${place(m.x - CLUSTER / 2, m.y - CLUSTER / 2)}">${m.count}</span>`,
    );
  }
  parts.push('</div><span class="map-preview__credit">© OpenStreetMap</span></div>');
  return parts.join("");
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
