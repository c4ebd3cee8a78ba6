// The family search's index key: which carers might cover a home, read from a B-tree.
//
// Every carer is filed under a key made of their radius band (1–5 km, 5–10, 10–15, 15–20) and the
// 0.05° grid cell of their approximate base (app/privacy/location.ts: coverage is decided against
// the base families may see). A carer in band b can only cover homes within 5·b km, so a search
// reads, for each band, only the cells that touch a circle of that band's radius around the home:
// about a third of the rows a 20 km box holds, each read from a B-tree leaf (see ADR 008). The
// formula below must stay the same as the generated column `carers.search_key` (db/schema/carers.ts).
import { approximateCentre, haversineMeters } from "~/privacy/location";

export const CELL_DEG = 0.05;
export const BAND_M = 5_000;
export const BANDS = 4;
const LAT_CELLS_OFFSET = 1_800; // floor(-90 / 0.05)
const LNG_CELLS = 7_200; // 360 / 0.05
const LNG_CELLS_OFFSET = 3_600; // floor(-180 / 0.05)
const ROW = 8_000;
const BAND_STRIDE = 100_000_000;
/** Beyond this latitude a 20 km circle spans too many longitude cells; the search uses the GiST box. */
export const MAX_CELL_LAT = 80;

export function bandOf(radiusM: number): number {
  return Math.min(BANDS, Math.max(1, Math.ceil(radiusM / BAND_M)));
}

function key(band: number, latCell: number, lngCell: number): number {
  const wrapped = (((lngCell + LNG_CELLS_OFFSET) % LNG_CELLS) + LNG_CELLS) % LNG_CELLS;
  return band * BAND_STRIDE + (latCell + LAT_CELLS_OFFSET) * ROW + wrapped;
}

/** The key of a carer whose exact base is `lat`/`lng`, as the database computes it (for tests and documentation). */
export function searchKey(lat: number, lng: number, radiusM: number): number {
  const seen = approximateCentre(lat, lng);
  return key(bandOf(radiusM), Math.floor(seen.lat / CELL_DEG), Math.floor(seen.lng / CELL_DEG));
}

/**
 * The keys under which a carer whose circle (around their approximate base) covers `home` could be filed, reading no farther than `withinM`
 * (a smaller ring than 20 km when the search allows). Null near the poles: use the GiST box there.
 */
export function searchKeysCovering(home: { lat: number; lng: number }, withinM: number): number[] | null {
  if (Math.abs(home.lat) > MAX_CELL_LAT) return null;
  const keys: number[] = [];
  for (let band = 1; band <= BANDS; band++) {
    // A little to spare: the grid test below measures to the nearest corner or edge on our sphere.
    const reach = Math.min(band * BAND_M, withinM) * 1.01 + 10;
    const dLat = reach / 111_000;
    const dLng = reach / (111_000 * Math.cos(((Math.abs(home.lat) + dLat) * Math.PI) / 180));
    const lat0 = Math.floor((home.lat - dLat) / CELL_DEG);
    const lat1 = Math.floor((home.lat + dLat) / CELL_DEG);
    const lng0 = Math.floor((home.lng - dLng) / CELL_DEG);
    const lng1 = Math.floor((home.lng + dLng) / CELL_DEG);
    for (let a = lat0; a <= lat1; a++) {
      for (let b = lng0; b <= lng1; b++) {
        // The point of the cell nearest the home (clamped), measured on the sphere.
        const nearLat = Math.min(Math.max(home.lat, a * CELL_DEG), (a + 1) * CELL_DEG);
        const nearLng = Math.min(Math.max(home.lng, b * CELL_DEG), (b + 1) * CELL_DEG);
        if (haversineMeters(home, { lat: nearLat, lng: nearLng }) <= reach) keys.push(key(band, a, b));
      }
    }
  }
  return keys;
}
