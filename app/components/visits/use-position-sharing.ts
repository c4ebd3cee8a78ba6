// The carer's phone on the way: watches its position and sends the newest one at most every 30
// seconds (the server refuses faster), until check-in ends the sharing.
import { startTransition, useEffect, useState } from "react";
import { postQuietly } from "~/http/post-quietly";
import { POSITION_EVERY_MS } from "~/visits/taps";
import { type BrowserFix, type FixProblem, fixOf, problemOf } from "./geolocation";

export function usePositionSharing(visitId: string, active: boolean) {
  const [sentAt, setSentAt] = useState<number | null>(null);
  const [problem, setProblem] = useState<FixProblem | null>(null);

  useEffect(() => {
    if (!active || typeof navigator === "undefined" || !navigator.geolocation) return;
    // The tap that started the journey sent the first position.
    let last = Date.now();
    let pending: BrowserFix | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const send = () => {
      timer = undefined;
      if (!pending) return;
      const fix = pending;
      pending = null;
      const at = Date.now();
      last = at;
      // A plain post: a Remix fetcher's failure (one dropped request on a phone's network) replaced the
      // whole page with the error page, its Check in button and the address with it (an outside probe).
      // One that fails is not retried: the next position goes in 30 seconds.
      void postQuietly(`/visits/${visitId}`, {
        intent: "position",
        lat: String(fix.lat),
        lng: String(fix.lng),
        accuracy: String(Math.round(fix.accuracyM)),
        deviceTime: String(fix.deviceTime),
      }).then((sent) => {
        // Transitions: this hook lives above the page's lazy carer taps, which may not have hydrated yet
        // (an urgent update there throws React's #421).
        if (sent) startTransition(() => setSentAt(at));
      });
    };
    const watch = navigator.geolocation.watchPosition(
      (position) => {
        startTransition(() => setProblem(null));
        pending = fixOf(position);
        if (timer === undefined) timer = setTimeout(send, Math.max(0, last + POSITION_EVERY_MS - Date.now()));
      },
      (error) => startTransition(() => setProblem(problemOf(error))),
      { enableHighAccuracy: true, maximumAge: 10_000 },
    );
    return () => {
      navigator.geolocation.clearWatch(watch);
      clearTimeout(timer);
    };
  }, [active, visitId]);

  return { sentAt, problem };
}
