// The first view of a points map (carers or jobs around a home), laid out by the loader so that the
// page's HTML draws it: tiles, the home pin, the service area and the clustered points show with the
// first paint and without JavaScript. Leaflet replaces it once it has loaded (docs/decisions/012).
//
// The container's size is not known on the server, so everything is placed relative to its centre,
// and the zoom is the one that fits the points into a phone's map (Leaflet fits them again to the
// real size, which on a phone is the same zoom).
import { gridCluster } from "./cluster";
import { project, tileHref } from "./static-map";

const TILE = 256;
/** Grid cell of the clustering, as in points-map.client.tsx: the same clusters at the same zoom. */
export const PREVIEW_CELL_PX = 56;
/** Inside a phone's map (390 px screen: `.map` 358 × 288 px with a 1 px border), less Leaflet's fitBounds padding (24 px a side). */
const FIT_WIDTH_PX = 358 - 2 - 48;
const FIT_HEIGHT_PX = 288 - 2 - 48;
/** The widest and tallest a `.map` gets (64rem page, 24rem high): tiles cover this much. */
const COVER_WIDTH_PX = 1024;
const COVER_HEIGHT_PX = 384;
/** As points-map.client.tsx: zoom 13 around the home when there are no points, at most 15 when fitting. */
const EMPTY_ZOOM = 13;
const MAX_ZOOM = 15;
/** Leaflet's least zoom: the map and its tile layer set none. */
const MIN_ZOOM = 0;
/** Metres per pixel at the equator at zoom 0 (Web Mercator, 256 px tiles). */
const EQUATOR_M_PER_PX = 156_543.034;

export interface PreviewPoint {
  id: string;
  lat: number;
  lng: number;
}

export interface PointsPreviewLayout {
  zoom: number;
  /** Offsets in pixels from the container's centre. */
  tiles: { src: string; x: number; y: number }[];
  home: { x: number; y: number };
  /** The service area around the home, in pixels; 0 for none. */
  areaPx: number;
  /** One marker per cluster: `count` 1 is a single point. */
  markers: { x: number; y: number; count: number; ids: string[] }[];
}

/**
 * The zoom (≤ 15) at which every point and the home fit a phone's map, as Leaflet 1.9's fitBounds picks
 * it (getBoundsZoom): the exact zoom, rounded to 0.01 ("don't jump if within 1% of a snap level"), then
 * down to a whole level.
 */
export function fitZoom(points: { lat: number; lng: number }[]): number {
  const at = points.map((p) => project(p.lat, p.lng, MAX_ZOOM));
  const xs = at.map((p) => p.x);
  const ys = at.map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  const scale = Math.min(FIT_WIDTH_PX / width, FIT_HEIGHT_PX / height);
  const exact = MAX_ZOOM + Math.log2(scale);
  if (!Number.isFinite(exact)) return MAX_ZOOM;
  return Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, Math.floor(Math.round(exact * 100) / 100)));
}

export function pointsPreviewLayout(
  home: { lat: number; lng: number },
  points: PreviewPoint[],
  tileUrl: string,
  { radiusM }: { radiusM?: number } = {},
): PointsPreviewLayout {
  const everything = [home, ...points];
  const zoom = points.length ? fitZoom(everything) : EMPTY_ZOOM;
  const projected = everything.map((p) => project(p.lat, p.lng, zoom));
  const xs = projected.map((p) => p.x);
  const ys = projected.map((p) => p.y);
  // fitBounds centres the bounds; with no points the map is centred on the home.
  const centre = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
  const at = (p: { x: number; y: number }) => ({ x: Math.round(p.x - centre.x), y: Math.round(p.y - centre.y) });

  const tiles: PointsPreviewLayout["tiles"] = [];
  const rows = 2 ** zoom;
  const left = centre.x - COVER_WIDTH_PX / 2;
  const top = centre.y - COVER_HEIGHT_PX / 2;
  for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + COVER_HEIGHT_PX - 1) / TILE); ty++) {
    if (ty < 0 || ty >= rows) continue;
    for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + COVER_WIDTH_PX - 1) / TILE); tx++) {
      tiles.push({ src: tileHref(tileUrl, zoom, tx, ty), ...at({ x: tx * TILE, y: ty * TILE }) });
    }
  }

  const metresPerPx = (EQUATOR_M_PER_PX * Math.cos((home.lat * Math.PI) / 180)) / 2 ** zoom;
  const clusters = gridCluster(
    points.map((p, i) => ({ id: p.id, ...projected[i + 1]! })),
    PREVIEW_CELL_PX,
  );
  return {
    zoom,
    tiles,
    home: at(projected[0]!),
    areaPx: radiusM ? Math.round(radiusM / metresPerPx) : 0,
    markers: clusters.map((c) => ({ ...at(c), count: c.members.length, ids: c.members.map((m) => m.id) })),
  };
}
