// How fast one person may write in chats. A person types a few messages a minute; a script sent a
// hundred in seven seconds, each one landing in the other side's thread (found by an outside probe).
// Counted per account across every conversation, in the database (rate-limit.server.ts), so the
// limit holds across processes. Called inside the sending transaction where there is one: a refused
// send rolls back with it, so a retried submission is judged again rather than counted twice.
import { consumeRateLimit } from "~/auth/rate-limit.server";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";

/** The pace counts in fixed windows of a minute (rate-limit.server.ts). */
export const CHAT_PACE_WINDOW_SECONDS = 60;

/** "Typing…" pings: the composer sends one at most every 3 seconds. Over the limit they are dropped. */
export const TYPING_PER_MINUTE = 30;

export type ChatPaceKind = "message" | "offer" | "typing";

type PaceEnv = Pick<Env, "CHAT_MESSAGES_PER_MINUTE" | "CHAT_OFFERS_PER_MINUTE">;

/** Counts one more of `kind` for this account in the current minute; false when it is over the pace. */
export async function withinChatPace(db: Database, env: PaceEnv, userId: string, kind: ChatPaceKind): Promise<boolean> {
  const limit =
    kind === "message"
      ? env.CHAT_MESSAGES_PER_MINUTE
      : kind === "offer"
        ? env.CHAT_OFFERS_PER_MINUTE
        : TYPING_PER_MINUTE;
  const counted = await consumeRateLimit(db, `chat:${kind}:${userId}`, limit, CHAT_PACE_WINDOW_SECONDS);
  return counted.allowed;
}
