// Address search through an optional Nominatim-compatible geocoder, queried from the server only.
import { z } from "zod";
import type { Env } from "~/env.server";

/** Nominatim's answer, validated: hits with a name and a point in range; anything else is dropped. */
const Hit = z.object({
  display_name: z
    .string()
    .min(1)
    .transform((s) => s.slice(0, 200)),
  lat: z.coerce.number().min(-90).max(90),
  lon: z.coerce.number().min(-180).max(180),
});

export interface GeocodeHit {
  label: string;
  lat: number;
  lng: number;
}

export async function geocode(
  env: Pick<Env, "GEOCODER_URL">,
  query: string,
  locale: string,
): Promise<GeocodeHit[] | null> {
  const base = env.GEOCODER_URL;
  if (!base) return null;
  const url = new URL("search", base.endsWith("/") ? base : `${base}/`);
  url.search = new URLSearchParams({ format: "json", q: query, limit: "5", "accept-language": locale }).toString();
  const res = await fetch(url, {
    headers: { "User-Agent": "Kinvisit (server-side address search)", Accept: "application/json" },
    signal: AbortSignal.timeout(5_000),
  });
  if (!res.ok) throw new Error(`geocoder answered ${res.status}`);
  const body = z.array(z.unknown()).safeParse(await res.json().catch(() => null));
  if (!body.success) throw new Error("geocoder answered something other than a list");
  return body.data
    .flatMap((raw) => {
      const hit = Hit.safeParse(raw);
      return hit.success ? [{ label: hit.data.display_name, lat: hit.data.lat, lng: hit.data.lon }] : [];
    })
    .slice(0, 5);
}
