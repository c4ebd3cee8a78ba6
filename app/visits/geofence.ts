// Whether a check-in or check-out happened at the parent's home: within a radius (150 m by default,
// configurable) plus the accuracy the phone reported, counted up to POOR_FIX_M. Outside it the carer
// gives a reason. A fix worse than POOR_FIX_M is accepted but flagged. Pure.
import { haversineMeters, type Point } from "~/privacy/location";

/** A fix this vague says little about where the carer was: accepted, flagged on the record. */
export const POOR_FIX_M = 1000;

export interface FenceResult {
  distanceM: number;
  inside: boolean;
  poorFix: boolean;
}

export function checkFence(home: Point, at: Point & { accuracyM: number }, radiusM: number): FenceResult {
  const distanceM = haversineMeters(home, at);
  return {
    distanceM,
    // The accuracy widens the fence only so far: a phone reporting 100 km would otherwise be "at
    // home" from anywhere in the city.
    inside: distanceM <= radiusM + Math.min(at.accuracyM, POOR_FIX_M),
    poorFix: at.accuracyM > POOR_FIX_M,
  };
}

/** Beyond this, a straight line at a city's pace says nothing about when the carer comes. */
export const ETA_MAX_M = 60_000;

/**
 * Minutes at a speed through a city (~18 km/h door to door): the on-the-way estimate; null from
 * farther than a journey across a city (a phone's bogus fix at 0°, 0° read "about 42885 min away":
 * an outside probe).
 */
export function etaMinutes(from: Point, home: Point, metresPerMinute = 300): number | null {
  const metres = haversineMeters(from, home);
  if (metres > ETA_MAX_M) return null;
  return Math.max(1, Math.round(metres / metresPerMinute));
}
