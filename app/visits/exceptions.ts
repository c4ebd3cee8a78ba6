// What is exceptional about a check-in or check-out, as the visit record and the monthly record
// say it: away from the home (the carer gave a reason), no position at all, or a fix too vague to
// place the carer. `gps_flagged` on the visit keeps only the last two (the fix itself was poor);
// a family reading "flagged: no" beside a check-out 1.7 km away was told less than the record
// holds, so pages read these instead. Pure.
import { POOR_FIX_M } from "./geofence";

export const PLACE_EXCEPTIONS = ["away", "no_fix", "poor_fix"] as const;
export type PlaceException = (typeof PLACE_EXCEPTIONS)[number];

export interface EvvPlaceColumns {
  at: Date | string | null;
  distanceM: number | null;
  accuracyM: number | null;
  reason: string | null;
}

/**
 * The exceptions of one end of a visit. A tap with a fix keeps a reason only when it was outside
 * the geofence (decideTap), so a reason beside a position means "away"; the distance is not
 * compared again here, as the radius may have been configured differently since.
 */
export function placeExceptions(p: EvvPlaceColumns): PlaceException[] {
  if (p.at === null) return [];
  if (p.distanceM === null && p.accuracyM === null) return ["no_fix"];
  const out: PlaceException[] = [];
  if (p.reason?.trim()) out.push("away");
  if (p.accuracyM !== null && p.accuracyM > POOR_FIX_M) out.push("poor_fix");
  return out;
}
