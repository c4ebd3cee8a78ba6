// Live updates of a visit page: an EventSource on the visit's stream. A change of state or of the log
// reads the page again (the timeline, the record and the log all come from the loader); the carer's
// position on the way (sent to the family's stream only) moves the marker without a reload.
import { useRevalidator } from "@remix-run/react";
import { startTransition, useEffect, useRef, useState } from "react";
import type { LivePosition } from "~/visits/taps.server";
import { liveSource, whenOnline } from "~/realtime/live-source";

export function useVisitStream(visitId: string, lastEventId: number, position: LivePosition | null) {
  const revalidator = useRevalidator();
  const revalidate = useRef(revalidator.revalidate);
  revalidate.current = revalidator.revalidate;
  const after = useRef(lastEventId);
  after.current = Math.max(after.current, lastEventId);
  const [live, setLive] = useState<LivePosition | null>(position);
  // "connecting" until the stream first opens: the page says nothing rather than flash a warning.
  const [connection, setConnection] = useState<"connecting" | "open" | "reconnecting">("connecting");

  // The loader's position is read after any notice that came before it: it wins.
  // A transition, like every update below: the page's lazy part (the carer's taps) may not have
  // hydrated yet, and an urgent update above it throws React's #421.
  useEffect(() => startTransition(() => setLive(position)), [position]);

  useEffect(
    () =>
      // The browser resumes after the last event id on its own reconnects; after it gives up, the
      // stream is opened again from the last event seen (live-source.ts).
      liveSource(
        () => `/visits/${visitId}/stream?after=${after.current}`,
        (source) => {
          // Transitions: the stream can open before a lazy part of the page (the carer's taps) has
          // hydrated, and an urgent update there throws React's #421 and re-renders the page on the client.
          source.addEventListener("open", () => startTransition(() => setConnection("open")));
          source.addEventListener("error", () => startTransition(() => setConnection("reconnecting")));
          source.addEventListener("visit", (e) => {
            const { seq } = JSON.parse((e as MessageEvent<string>).data) as { seq: number };
            after.current = Math.max(after.current, seq);
            whenOnline(() => revalidate.current());
          });
          source.addEventListener("log", () => whenOnline(() => revalidate.current()));
          source.addEventListener("position", (e) =>
            startTransition(() => setLive(JSON.parse((e as MessageEvent<string>).data) as LivePosition)),
          );
        },
      ),
    [visitId],
  );

  return { position: live, connection };
}
