// An EventSource that does not give up. The browser reconnects by itself after a dropped connection,
// but closes for good on any answer that is not a stream: a 429 (too many streams open), a 503 while
// the server restarts, a proxy's error page. Then the page said "live updates are off" until it was
// reloaded. Here a closed stream opens again after 2, 4, 8… up to 60 seconds (each wait jittered, so
// phones do not all come back in the same second after a restart), and at once when the phone is back
// online or the page is shown again.

const FIRST_WAIT_MS = 2000;
const LONGEST_WAIT_MS = 60_000;

/**
 * Opens `url()` (read at each opening: the last event seen goes in its query) and hands each new
 * EventSource to `attach` for its listeners. Returns the function that closes it for good.
 */
export function liveSource(url: () => string, attach: (source: EventSource) => void): () => void {
  let source: EventSource | undefined;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let wait = FIRST_WAIT_MS;
  let stopped = false;
  const open = () => {
    clearTimeout(retry);
    retry = undefined;
    const current = new EventSource(url());
    source = current;
    current.addEventListener("open", () => {
      wait = FIRST_WAIT_MS;
    });
    current.addEventListener("error", () => {
      if (stopped || current !== source || current.readyState !== EventSource.CLOSED) return;
      retry = setTimeout(open, wait / 2 + Math.random() * (wait / 2));
      wait = Math.min(wait * 2, LONGEST_WAIT_MS);
    });
    attach(current);
  };
  // Waiting to try again: no need to wait once the phone has a connection or the page is looked at.
  const now = () => {
    if (retry !== undefined && document.visibilityState === "visible") open();
  };
  window.addEventListener("online", now);
  document.addEventListener("visibilitychange", now);
  open();
  return () => {
    stopped = true;
    clearTimeout(retry);
    source?.close();
    window.removeEventListener("online", now);
    document.removeEventListener("visibilitychange", now);
  };
}

let waitingForNetwork: (() => void) | null = null;

/**
 * Runs a background read of the page (Remix's revalidate, after a live event) now if the phone has a
 * network, else once, when it is back: a read that fails replaces the page with the error page, taking
 * what was typed with it (an outside probe). Reads asked for meanwhile are one read.
 */
export function whenOnline(run: () => void): void {
  if (navigator.onLine) {
    run();
    return;
  }
  if (!waitingForNetwork) window.addEventListener("online", () => waitingForNetwork?.(), { once: true });
  waitingForNetwork = () => {
    waitingForNetwork = null;
    run();
  };
}
