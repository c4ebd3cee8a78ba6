// What the browser's maps need to know, from the environment: the tile URL and whether address search is on.
import type { Env } from "~/env.server";

export function mapConfig(env: Pick<Env, "TILE_URL" | "GEOCODER_URL">) {
  return { tileUrl: env.TILE_URL, geocoder: Boolean(env.GEOCODER_URL) };
}
