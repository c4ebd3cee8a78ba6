// Real-time fan-out: every process holds one LISTEN (through the database handle) and hands each
// notice to the streams it serves. NOTIFY carries only a topic, a number and small fields, never
// private text: a stream reads what it may show from the database (ARCHITECTURE: "NOTIFY carries
// ids only"). A notice sent inside a transaction is heard only if, and when, it commits.
import { sql } from "drizzle-orm";
import type { Database, DatabaseHandle } from "~db/client";
import type { Logger } from "~/logger.server";

export const CHANNEL = "kinvisit_events";

export interface Notice {
  /** What the notice is about: "conversation:<id>", "user:<id>", "visit:<id>". */
  topic: string;
  /** The newest number on that topic's record (a message's seq); 0 for ephemeral notices. */
  seq: number;
  /** A short name for ephemeral notices ("typing", "read"), never replayed. */
  kind?: string;
  /** Small, non-private fields (a user id, a read position). */
  data?: Record<string, string | number | boolean>;
}

/** What a subscriber hears: a notice, "resync" after the LISTEN connection came back, or "closing". */
export type HubSignal = Notice | "resync" | "closing";
type Listener = (signal: HubSignal) => void;

export interface Hub {
  /** pg_notify on the caller's connection or open transaction. */
  notify(db: Database, notice: Notice): Promise<void>;
  subscribe(topic: string, listener: Listener): () => void;
  /** Open subscriptions in this process (the benchmark and the drain read it). */
  readonly size: number;
  /** Tells every subscriber to finish (streams end; browsers reconnect elsewhere), then stops listening. */
  close(): Promise<void>;
}

/**
 * pg_notify on the caller's connection or open transaction: what Hub.notify does, for code that
 * announces changes without listening itself (job workers).
 */
export async function publish(db: Database, notice: Notice): Promise<void> {
  await db.execute(sql`select pg_notify(${CHANNEL}, ${JSON.stringify(notice)})`);
}

export async function startHub(handle: Pick<DatabaseHandle, "listen">, logger: Logger): Promise<Hub> {
  const topics = new Map<string, Set<Listener>>();
  let size = 0;
  let listening = false;
  const broadcast = (signal: "resync" | "closing") => {
    for (const set of topics.values()) for (const listener of [...set]) listener(signal);
  };
  const unlisten = await handle.listen(
    CHANNEL,
    (payload) => {
      let notice: Notice;
      try {
        notice = JSON.parse(payload) as Notice;
      } catch {
        logger.warn("realtime: unreadable notice", { length: payload.length });
        return;
      }
      const set = topics.get(notice.topic);
      if (set) for (const listener of [...set]) listener(notice);
    },
    () => {
      // The first call is the initial LISTEN; later ones follow a reconnect, during which notices may
      // have been lost: every stream reads the database again from its last number.
      if (listening) {
        logger.warn("realtime: listening again after a reconnect; streams catch up");
        broadcast("resync");
      }
      listening = true;
    },
  );
  return {
    notify: publish,
    subscribe(topic, listener) {
      let set = topics.get(topic);
      if (!set) {
        set = new Set();
        topics.set(topic, set);
      }
      set.add(listener);
      size += 1;
      let done = false;
      return () => {
        if (done) return;
        done = true;
        size -= 1;
        set.delete(listener);
        if (set.size === 0) topics.delete(topic);
      };
    },
    get size() {
      return size;
    },
    async close() {
      broadcast("closing");
      await unlisten();
    },
  };
}
