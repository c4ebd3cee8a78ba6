// The carer's phone on the way: watches its position and sends the newest one at most every 30
// seconds (the server refuses faster), until check-in ends the sharing.
import { useFetcher } from "@remix-run/react";
import { startTransition, useEffect, useRef, useState } from "react";
import { POSITION_EVERY_MS } from "~/visits/taps";
import { type BrowserFix, type FixProblem, fixOf, problemOf } from "./geolocation";

export function usePositionSharing(visitId: string, active: boolean) {
  const fetcher = useFetcher();
  const submit = useRef(fetcher.submit);
  submit.current = fetcher.submit;
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
      last = Date.now();
      submit.current(
        {
          intent: "position",
          lat: String(fix.lat),
          lng: String(fix.lng),
          accuracy: String(Math.round(fix.accuracyM)),
          deviceTime: String(fix.deviceTime),
        },
        { method: "post", action: `/visits/${visitId}` },
      );
      // Transitions: this hook lives above the page's lazy carer taps, which may not have hydrated yet
      // (an urgent update there throws React's #421).
      startTransition(() => setSentAt(last));
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
