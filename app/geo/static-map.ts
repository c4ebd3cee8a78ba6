// A small map as a picture (ADR 022): which tiles to draw around a point, where, and the pin and
// service area on top. Computed by loaders, so the page's JavaScript only draws the result.
const TILE = 256;
export const STATIC_MAP_WIDTH = 320;
export const STATIC_MAP_HEIGHT = 160;
/** Metres per pixel at the equator at zoom 0 (Web Mercator, 256 px tiles). */
const EQUATOR_M_PER_PX = 156_543.034;

export interface StaticMapLayout {
  tiles: { src: string; left: number; top: number }[];
  /** Radius of the service area in pixels, 0 for none. */
  areaPx: number;
}

/**
 * Web Mercator ends at about 85.05° north and south: a place nearer a pole is drawn at the edge. A
 * stored latitude of -90 (valid input: a pole) made the projection infinite and the tile loop below
 * never end, which hung the whole server on one page view.
 */
export const MERCATOR_MAX_LAT = 85.0511287798066;

function drawable(lat: number): number {
  return Math.max(-MERCATOR_MAX_LAT, Math.min(MERCATOR_MAX_LAT, lat));
}

/** The point in global pixels at zoom `z` (Web Mercator). */
export function project(lat: number, lng: number, z: number): { x: number; y: number } {
  const size = TILE * 2 ** z;
  const rad = (drawable(lat) * Math.PI) / 180;
  return {
    x: ((lng + 180) / 360) * size,
    y: ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * size,
  };
}

/** The zoom at which a circle of `radiusKm` spans about `px` pixels of radius (10–16). */
export function zoomFor(lat: number, radiusKm: number, px = 56): number {
  const z = Math.log2((EQUATOR_M_PER_PX * Math.cos((drawable(lat) * Math.PI) / 180) * px) / (radiusKm * 1000));
  return Math.max(10, Math.min(16, Math.floor(z)));
}

/** Metres on the ground per pixel at latitude `lat` and zoom `z`. */
export function metresPerPixel(lat: number, z: number): number {
  return (EQUATOR_M_PER_PX * Math.cos((drawable(lat) * Math.PI) / 180)) / 2 ** z;
}

/**
 * The tiles that cover a box given in global pixels at zoom `z`, each with its top-left corner in the
 * same pixels; rows beyond the poles are left out, columns wrap around the date line. The loops are
 * bounded by the box's size whatever the numbers: a box that is not finite has no tiles.
 */
export function tilesCovering(
  template: string,
  z: number,
  box: { left: number; top: number; width: number; height: number },
): { src: string; x: number; y: number }[] {
  const tiles: { src: string; x: number; y: number }[] = [];
  if (![z, box.left, box.top, box.width, box.height].every(Number.isFinite)) return tiles;
  const rows = 2 ** z;
  const firstRow = Math.max(0, Math.floor(box.top / TILE));
  const lastRow = Math.min(rows - 1, Math.floor((box.top + box.height - 1) / TILE));
  const firstColumn = Math.floor(box.left / TILE);
  const lastColumn = Math.min(Math.floor((box.left + box.width - 1) / TILE), firstColumn + Math.ceil(box.width / TILE));
  for (let ty = firstRow; ty <= lastRow; ty++) {
    for (let tx = firstColumn; tx <= lastColumn; tx++) {
      tiles.push({ src: tileHref(template, z, tx, ty), x: tx * TILE, y: ty * TILE });
    }
  }
  return tiles;
}

function tileHref(template: string, z: number, x: number, y: number): string {
  const n = 2 ** z;
  const wrapped = ((x % n) + n) % n;
  return template
    .replace("{s}", "a")
    .replace("{z}", String(z))
    .replace("{x}", String(wrapped))
    .replace("{y}", String(y));
}

export function staticMapLayout(
  { lat, lng }: { lat: number; lng: number },
  tileUrl: string,
  { radiusKm, zoom }: { radiusKm?: number; zoom?: number } = {},
): StaticMapLayout {
  const z = zoom ?? (radiusKm ? zoomFor(lat, radiusKm) : 15);
  const centre = project(lat, lng, z);
  const box = { left: centre.x - STATIC_MAP_WIDTH / 2, top: centre.y - STATIC_MAP_HEIGHT / 2 };
  const tiles = tilesCovering(tileUrl, z, { ...box, width: STATIC_MAP_WIDTH, height: STATIC_MAP_HEIGHT }).map((t) => ({
    src: t.src,
    left: Math.round(t.x - box.left),
    top: Math.round(t.y - box.top),
  }));
  return { tiles, areaPx: radiusKm ? Math.round((radiusKm * 1000) / metresPerPixel(lat, z)) : 0 };
}
