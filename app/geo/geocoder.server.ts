// Address search through an optional Nominatim-compatible geocoder, queried from the server only.
import { getEnv } from "~/env.server";

export interface GeocodeHit {
  label: string;
  lat: number;
  lng: number;
}

export async function geocode(query: string, locale: string): Promise<GeocodeHit[] | null> {
  const base = getEnv().GEOCODER_URL;
  if (!base) return null;
  const url = new URL("search", base.endsWith("/") ? base : `${base}/`);
  url.search = new URLSearchParams({ format: "json", q: query, limit: "5", "accept-language": locale }).toString();
  const res = await fetch(url, {
    headers: { "User-Agent": "Kinvisit (server-side address search)", Accept: "application/json" },
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`geocoder answered ${res.status}`);
  const body = (await res.json()) as unknown;
  if (!Array.isArray(body)) return [];
  return body
    .map((h: { display_name?: unknown; lat?: unknown; lon?: unknown }) => ({
      label: String(h.display_name ?? "").slice(0, 200),
      lat: Number(h.lat),
      lng: Number(h.lon),
    }))
    .filter((h) => h.label && Number.isFinite(h.lat) && Number.isFinite(h.lng) && Math.abs(h.lat) <= 90 && Math.abs(h.lng) <= 180)
    .slice(0, 5);
}
