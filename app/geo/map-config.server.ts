// What the browser's maps need to know, from the environment: the tile URL and whether address search is on.
import { getEnv } from "~/env.server";

export function mapConfig() {
  const env = getEnv();
  return { tileUrl: env.TILE_URL, geocoder: Boolean(env.GEOCODER_URL) };
}
