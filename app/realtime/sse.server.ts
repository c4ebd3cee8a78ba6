// Server-Sent Events from a resource route. A stream sends what the database holds after the
// client's last event (Last-Event-ID, or ?after=), then whatever each notice announces. It reads the
// database, never the notice, so no gap and no duplicate whatever order things arrive in:
// subscribe first, then replay, then every pull sends only rows numbered above the last one sent.
import { z } from "zod";
import { INT4_MAX, queryOf } from "~/http/params.server";
import type { Hub, HubSignal, Notice } from "./hub.server";
import { fromDecimal } from "~/validation/numbers";

export interface StreamEvent {
  /** Set on replayable events: the browser sends it back as Last-Event-ID when it reconnects. */
  id?: number;
  event: string;
  data: unknown;
}

export interface StreamOptions<Row extends { seq: number }> {
  hub: Hub;
  topics: string[];
  /** The number the client has already seen. */
  after: number;
  /**
   * Rows numbered above `after`, in order. Every stream that asks with the same `loadKey` and the
   * same `after` at the same moment shares one query (a message to a busy conversation reads once).
   */
  load(after: number): Promise<Row[]>;
  /**
   * The most rows one load returns: a full page means more may follow, and they are read at once (a
   * client back after 220 messages had stopped at the 200th until the next one came: an outside probe).
   */
  pageSize: number;
  loadKey: string;
  /** Turns a row into this viewer's event (each side sees masked text differently), or skips it. */
  render(row: Row): StreamEvent | null;
  /**
   * Events that are not stored (typing, read receipts): straight from a notice. It may read the
   * database first (a visit's live position, which only the family's stream sends).
   */
  ephemeral?(notice: Notice): StreamEvent | null | Promise<StreamEvent | null>;
  /** Sent first, after the replay (the current read receipts, say). */
  initial?: () => Promise<StreamEvent[]>;
  /**
   * Whether the viewer may still see what the stream sends, asked afresh (never from the opening
   * request's memo) before anything is sent after the opening check, and with every heartbeat. No, or
   * an error, ends the stream: a viewer who logged out, was suspended or was removed from the family
   * had kept receiving a carer's live position on a stream opened before. The browser's reconnect then
   * meets the page's own refusal.
   */
  allowed?: () => Promise<boolean>;
  /**
   * Ends the stream when the client goes away: the load context's `connectionClosed`. Not
   * `request.signal`: the Request a Remix loader receives is a copy of a copy of the server's, each
   * following the previous one's signal through a weak reference (undici), so once those copies
   * are garbage-collected a disconnect no longer reaches it, and the stream stays subscribed and
   * heart-beating into a closed socket for good.
   */
  signal: AbortSignal;
  /** A comment line this often keeps proxies and phones from closing an idle stream. */
  heartbeatMs?: number;
  /** Called with each heartbeat (presence). */
  onHeartbeat?(): void;
  /**
   * Whose stream it is (the viewer's id): one person holds at most MAX_STREAMS_PER_USER at once in
   * this process, and the next is answered 429. Each open stream holds a database subscription and a
   * heartbeat; without a cap, one account could open them by the thousand.
   */
  holder?: string;
  /** Unread bytes queued for a slow client beyond this end the stream; it reconnects and resumes. */
  maxQueuedBytes?: number;
  /**
   * Bytes the socket still holds (the load context's `unsentBytes`). Remix's adapter writes without
   * waiting for the socket to drain, so the stream's own queue stays short and this is the backlog.
   */
  unsentBytes?: () => number;
}

const inflight = new Map<string, Promise<unknown[]>>();

function shared<Row>(key: string, load: () => Promise<Row[]>): Promise<Row[]> {
  let pending = inflight.get(key) as Promise<Row[]> | undefined;
  if (!pending) {
    pending = load().finally(() => inflight.delete(key));
    inflight.set(key, pending);
  }
  return pending;
}

/**
 * Where a stream resumes: Last-Event-ID, else ?after=; anything that is not a whole number from 0 to
 * `max` starts at 0. `max` is the largest id its column holds: INT4_MAX for a conversation's message
 * numbers (the default), Number.MAX_SAFE_INTEGER for the bigint ids of visit events.
 */
export function lastEventId(request: Request, max = INT4_MAX): number {
  const header = request.headers.get("Last-Event-ID");
  return fromDecimal(z.number().int().min(0).max(max))
    .catch(0)
    .parse(header ?? queryOf(request).after ?? 0);
}

const encoder = new TextEncoder();

function frame(e: StreamEvent): Uint8Array {
  const id = e.id === undefined ? "" : `id: ${e.id}\n`;
  return encoder.encode(`${id}event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
}

/** Streams one person may hold open at once: a page per tab and device, and then some. */
export const MAX_STREAMS_PER_USER = 20;
const openStreams = new Map<string, number>();

/** Takes one of the holder's places, or null when they hold the most already; the release gives it back once. */
function takePlace(holder: string | undefined): (() => void) | null {
  if (holder === undefined) return () => {};
  const held = openStreams.get(holder) ?? 0;
  if (held >= MAX_STREAMS_PER_USER) return null;
  openStreams.set(holder, held + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const left = (openStreams.get(holder) ?? 1) - 1;
    if (left > 0) openStreams.set(holder, left);
    else openStreams.delete(holder);
  };
}

export function eventStream<Row extends { seq: number }>(options: StreamOptions<Row>): Response {
  const release = takePlace(options.holder);
  if (!release) {
    return new Response("Too many open live updates for this account: close some tabs, then reload.", {
      status: 429,
      headers: { "Retry-After": "30", "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
  }
  const heartbeatMs = options.heartbeatMs ?? 20_000;
  const maxQueued = options.maxQueuedBytes ?? 1_000_000;
  let lastSent = options.after;
  /** Whether this stream has sent a row yet: until then, lastSent is only what the client said it saw. */
  let sentAny = false;
  let pulling = false;
  let pullAgain = false;
  let closed = false;
  let unsubscribes: (() => void)[] = [];
  let heartbeat: ReturnType<typeof setInterval> | undefined;

  const stream = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        const close = () => {
          if (closed) return;
          closed = true;
          release();
          for (const u of unsubscribes) u();
          unsubscribes = [];
          clearInterval(heartbeat);
          try {
            controller.close();
          } catch {
            // already closed by the client
          }
        };
        const send = (bytes: Uint8Array) => {
          if (closed) return;
          const backlog = Math.max(-(controller.desiredSize ?? 0), options.unsentBytes?.() ?? 0);
          if (backlog > maxQueued) return close();
          controller.enqueue(bytes);
        };
        // One check at a time per stream: events arriving together share it.
        let checking: Promise<boolean> | null = null;
        const stillAllowed = (): Promise<boolean> => {
          if (!options.allowed) return Promise.resolve(true);
          checking ??= options
            .allowed()
            .catch(() => false)
            .finally(() => {
              checking = null;
            });
          return checking.then((ok) => {
            if (!ok) close();
            return ok && !closed;
          });
        };
        const pull = async (): Promise<void> => {
          if (pulling) {
            pullAgain = true;
            return;
          }
          pulling = true;
          try {
            do {
              pullAgain = false;
              const after = lastSent;
              const rows = await shared(`${options.loadKey}:${after}`, () => options.load(after));
              if (rows.some((row) => row.seq > lastSent) && !(await stillAllowed())) return;
              for (const row of rows) {
                if (row.seq <= lastSent) continue;
                const event = options.render(row);
                if (event) send(frame(event));
                lastSent = row.seq;
                sentAny = true;
              }
              if (rows.length >= options.pageSize) pullAgain = true;
            } while (pullAgain && !closed);
          } catch {
            // The database was unreachable: end the stream; the browser reconnects and resumes.
            close();
          } finally {
            pulling = false;
          }
        };
        const onSignal = (signal: HubSignal) => {
          if (signal === "closing") return close();
          if (signal === "resync") return void pull();
          if (signal.kind) {
            const event = options.ephemeral?.(signal);
            if (!event) return;
            Promise.resolve(event)
              .then(async (e) => {
                if (e && (await stillAllowed())) send(frame(e));
              })
              .catch(close);
            return;
          }
          if (signal.seq > lastSent) void pull();
          // A new row numbered below what the client said it had seen: the client's number was never
          // one of ours (a careless client's Last-Event-ID: 99999 left its stream deaf until then).
          // Numbers only grow, so it has seen everything before this row.
          else if (!sentAny && signal.seq < lastSent) {
            lastSent = signal.seq - 1;
            void pull();
          }
        };
        // Subscribe before the replay: a message committed in between is announced, and the pull it
        // triggers sends it once (rows at or below lastSent are skipped).
        unsubscribes = options.topics.map((topic) => options.hub.subscribe(topic, onSignal));
        options.signal.addEventListener("abort", close, { once: true });
        if (options.signal.aborted) return close();
        send(encoder.encode("retry: 3000\n\n"));
        void (async () => {
          await pull();
          if (options.initial) for (const e of await options.initial().catch(() => [])) send(frame(e));
        })();
        heartbeat = setInterval(() => {
          void stillAllowed().then((ok) => {
            if (!ok) return;
            send(encoder.encode(": ping\n\n"));
            options.onHeartbeat?.();
          });
        }, heartbeatMs);
        heartbeat.unref?.();
      },
      cancel() {
        closed = true;
        release();
        for (const u of unsubscribes) u();
        clearInterval(heartbeat);
      },
    },
    // Counted in bytes, so a slow reader's backlog can be measured and capped.
    new ByteLengthQueuingStrategy({ highWaterMark: 16 * 1024 }),
  );

  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-store, no-transform",
      Connection: "keep-alive",
      // Tell nginx-style proxies not to buffer the stream.
      "X-Accel-Buffering": "no",
    },
  });
}
