// One fix from the browser's geolocation, high accuracy, with a timeout; every way it can fail named,
// so the page can say what happened in the reader's language.

export interface BrowserFix {
  lat: number;
  lng: number;
  accuracyM: number;
  /** When the phone took the fix (ms since 1970): sent, checked against the server's clock, never stored. */
  deviceTime: number;
}

export type FixProblem = "denied" | "timeout" | "unavailable" | "unsupported";

export const FIX_TIMEOUT_MS = 15_000;
export const FIX_MAX_AGE_MS = 10_000;

export function problemOf(error: GeolocationPositionError): FixProblem {
  if (error.code === error.PERMISSION_DENIED) return "denied";
  if (error.code === error.TIMEOUT) return "timeout";
  return "unavailable";
}

export function fixOf(position: GeolocationPosition): BrowserFix {
  return {
    lat: position.coords.latitude,
    lng: position.coords.longitude,
    accuracyM: position.coords.accuracy,
    deviceTime: Math.round(position.timestamp),
  };
}

export function getFix(): Promise<{ ok: true; fix: BrowserFix } | { ok: false; problem: FixProblem }> {
  if (typeof navigator === "undefined" || !navigator.geolocation) {
    return Promise.resolve({ ok: false, problem: "unsupported" });
  }
  return new Promise((resolve) => {
    navigator.geolocation.getCurrentPosition(
      (position) => resolve({ ok: true, fix: fixOf(position) }),
      (error) => resolve({ ok: false, problem: problemOf(error) }),
      // A fix at most 10 s old: fresh enough at the door, and a phone already watching its position
      // on the way (position sharing) answers at once instead of waiting for the next change.
      { enableHighAccuracy: true, timeout: FIX_TIMEOUT_MS, maximumAge: FIX_MAX_AGE_MS },
    );
  });
}
