// A small map without JavaScript: the tiles around one point, a pin, and optionally a service radius.
// For pages that only need to show where something is (a parent's home, a carer's area): a few <img>
// instead of Leaflet, and never the raw coordinates as text.

const TILE = 256;
const WIDTH = 320;
const HEIGHT = 160;
/** Metres per pixel at the equator at zoom 0 (Web Mercator, 256 px tiles). */
const EQUATOR_M_PER_PX = 156_543.034;

/** The point in global pixels at zoom `z` (Web Mercator). */
export function project(lat: number, lng: number, z: number): { x: number; y: number } {
  const size = TILE * 2 ** z;
  const rad = (lat * Math.PI) / 180;
  return {
    x: ((lng + 180) / 360) * size,
    y: ((1 - Math.log(Math.tan(rad) + 1 / Math.cos(rad)) / Math.PI) / 2) * size,
  };
}

/** The zoom at which a circle of `radiusKm` spans about `px` pixels of radius (12–16). */
export function zoomFor(lat: number, radiusKm: number, px = 56): number {
  const z = Math.log2((EQUATOR_M_PER_PX * Math.cos((lat * Math.PI) / 180) * px) / (radiusKm * 1000));
  return Math.max(10, Math.min(16, Math.floor(z)));
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

interface Props {
  lat: number;
  lng: number;
  tileUrl: string;
  /** What the picture shows, for screen readers ("Approximate area of Wang Fang"). */
  label: string;
  /** Draws the area around the point, and zooms so that it fits. */
  radiusKm?: number;
  zoom?: number;
}

export function StaticMap({ lat, lng, tileUrl, label, radiusKm, zoom }: Props) {
  const z = zoom ?? (radiusKm ? zoomFor(lat, radiusKm) : 15);
  const centre = project(lat, lng, z);
  const left = centre.x - WIDTH / 2;
  const top = centre.y - HEIGHT / 2;
  const tiles: { x: number; y: number }[] = [];
  for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + HEIGHT - 1) / TILE); ty++) {
    for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + WIDTH - 1) / TILE); tx++)
      tiles.push({ x: tx, y: ty });
  }
  const radiusPx = radiusKm ? (radiusKm * 1000) / ((EQUATOR_M_PER_PX * Math.cos((lat * Math.PI) / 180)) / 2 ** z) : 0;
  return (
    <figure className="static-map" role="img" aria-label={label}>
      {tiles.map((t) => (
        <img
          key={`${t.x}/${t.y}`}
          src={tileHref(tileUrl, z, t.x, t.y)}
          alt=""
          width={TILE}
          height={TILE}
          loading="lazy"
          decoding="async"
          style={{ left: Math.round(t.x * TILE - left), top: Math.round(t.y * TILE - top) }}
        />
      ))}
      {radiusPx > 0 && (
        <span
          className="static-map__area"
          style={{ width: radiusPx * 2, height: radiusPx * 2, left: WIDTH / 2 - radiusPx, top: HEIGHT / 2 - radiusPx }}
        />
      )}
      <span className={`static-map__pin${radiusKm ? " static-map__pin--area" : ""}`} />
      <figcaption className="static-map__credit">© OpenStreetMap</figcaption>
    </figure>
  );
}
