// The first view of a points map (carers or jobs around a home), laid out by the loader so that the
// page's HTML draws it: tiles, the home pin, the service area and the clustered points show with the
// first paint and without JavaScript. Leaflet replaces it once it has loaded (docs/decisions/012).
//
// The container's size is not known on the server, so everything is placed relative to its centre,
// and the zoom is the one that fits the points into a phone's map (Leaflet fits them again to the
// real size, which on a phone is the same zoom).
import { gridCluster } from "./cluster";
import { metresPerPixel, project, tilesCovering } from "./static-map";

/**
 * Every marker's box, on every map and its first view: the tap target, 44 px as a finger needs (WCAG
 * 2.5.5). A pin's box is anchored at its bottom middle, and its shape (28 px, a 22 px dot for a
 * check-in or check-out: styles.css, `.map-pin`) is drawn at the box's foot, so the box reaches above
 * and beside the shape, where the finger aims.
 */
export const MARKER_PX = 44;

/**
 * How a points map shows its points, shared by this first view and the Leaflet map that replaces it
 * (points-map.client.tsx, base-map.client.tsx), so that both draw the same view.
 */
export const POINTS_MAP = {
  /** The clustering's grid cell. */
  cellPx: 56,
  /** Without points: centred on the home at this zoom. */
  emptyZoom: 13,
  /** Fitting the points: at most this zoom, this far inside the map's edge. */
  maxZoom: 15,
  paddingPx: 24,
  /** The map's width on a 390 px phone (`.map`, border included): the view is fitted to it. */
  phoneWidthPx: 358,
  /** A cluster's box (anchored at its centre); a pin's is MARKER_PX. */
  clusterPx: MARKER_PX,
} as const;
/** A phone's map is 288 px high with a 1 px border (its width depends on the page). */
const PHONE_MAP_HEIGHT_PX = 288 - 2;
/** The widest and tallest a `.map` gets (64rem page, 24rem high): tiles cover this much. */
export const COVER_WIDTH_PX = 1024;
export const COVER_HEIGHT_PX = 384;
/** Leaflet's least zoom: the map and its tile layer set none. */
const MIN_ZOOM = 0;

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
 * The zoom (≤ `maxZoom`, 15 for a points map) at which every point fits a phone's map (`phoneWidthPx`
 * wide) `paddingPx` inside its edge, as Leaflet 1.9's fitBounds picks it (getBoundsZoom): the exact zoom, rounded to 0.01 ("don't
 * jump if within 1% of a snap level"), then down to a whole level.
 */
export function fitZoom(
  points: { lat: number; lng: number }[],
  { maxZoom, paddingPx, phoneWidthPx }: { maxZoom: number; paddingPx: number; phoneWidthPx: number } = POINTS_MAP,
): number {
  const at = points.map((p) => project(p.lat, p.lng, maxZoom));
  const xs = at.map((p) => p.x);
  const ys = at.map((p) => p.y);
  const width = Math.max(...xs) - Math.min(...xs);
  const height = Math.max(...ys) - Math.min(...ys);
  const inside = { width: phoneWidthPx - 2 - 2 * paddingPx, height: PHONE_MAP_HEIGHT_PX - 2 * paddingPx };
  const scale = Math.min(inside.width / width, inside.height / height);
  const exact = maxZoom + Math.log2(scale);
  if (!Number.isFinite(exact)) return maxZoom;
  return Math.max(MIN_ZOOM, Math.min(maxZoom, Math.floor(Math.round(exact * 100) / 100)));
}

/**
 * Where a view fitted to `points` at `zoom` is centred (fitBounds centres their bounds), and the tiles
 * that cover the widest map around it, placed from that centre as `at` places anything else.
 */
export function fittedView(points: { lat: number; lng: number }[], zoom: number, tileUrl: string) {
  const projected = points.map((p) => project(p.lat, p.lng, zoom));
  const xs = projected.map((p) => p.x);
  const ys = projected.map((p) => p.y);
  const centre = { x: (Math.min(...xs) + Math.max(...xs)) / 2, y: (Math.min(...ys) + Math.max(...ys)) / 2 };
  const at = (p: { x: number; y: number }) => ({ x: Math.round(p.x - centre.x), y: Math.round(p.y - centre.y) });
  const cover = {
    left: centre.x - COVER_WIDTH_PX / 2,
    top: centre.y - COVER_HEIGHT_PX / 2,
    width: COVER_WIDTH_PX,
    height: COVER_HEIGHT_PX,
  };
  const tiles = tilesCovering(tileUrl, zoom, cover).map((t) => ({ src: t.src, ...at(t) }));
  return { projected, at, tiles };
}

export function pointsPreviewLayout(
  home: { lat: number; lng: number },
  points: PreviewPoint[],
  tileUrl: string,
  { radiusM }: { radiusM?: number } = {},
): PointsPreviewLayout {
  const everything = [home, ...points];
  const zoom = points.length ? fitZoom(everything) : POINTS_MAP.emptyZoom;
  // With no points the map is centred on the home: the bounds of the home alone.
  const { projected, at, tiles } = fittedView(everything, zoom, tileUrl);

  const clusters = gridCluster(
    points.map((p, i) => ({ id: p.id, ...projected[i + 1]! })),
    POINTS_MAP.cellPx,
  );
  return {
    zoom,
    tiles,
    home: at(projected[0]!),
    areaPx: radiusM ? Math.round(radiusM / metresPerPixel(home.lat, zoom)) : 0,
    markers: clusters.map((c) => ({ ...at(c), count: c.members.length, ids: c.members.map((m) => m.id) })),
  };
}
