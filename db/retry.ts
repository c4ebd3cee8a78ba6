// A transaction that lost a deadlock or a serialization check is run again: PostgreSQL rolled it back
// whole, so nothing of it happened, and the next run sees what the winner committed.
//
// Two people acting on one thing at the same moment take row locks in different orders (the family
// accepts an offer while the carer sends a new one; both sides cancel the rest of a weekly series from
// different visits; an owner removes a member who is accepting). PostgreSQL ends one of them with 40P01,
// which reached the person as a 500. Every transaction body is a function of the database alone: jobs
// are enqueued and notices sent on the transaction (pg-boss and pg_notify), so running it again has one
// effect. Only the outermost transaction is retried: a savepoint inside it shares its fate.

/** Deadlock detected; could not serialize access. */
const RETRYABLE = new Set(["40P01", "40001"]);

/** The SQLSTATE of a driver error, or of the error drizzle wrapped around it. */
export function sqlState(error: unknown): string | undefined {
  for (
    let e = error, depth = 0;
    e && typeof e === "object" && depth < 4;
    e = (e as { cause?: unknown }).cause, depth++
  ) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export interface RetryOptions {
  /** Runs in all (the first one included). */
  attempts?: number;
  /** Waits a random time up to this many milliseconds, doubled after each loss, before running again. */
  jitterMs?: number;
  /** Called before each new run. */
  onRetry?: (error: unknown, attempt: number) => void;
}

export async function retryOnConflict<T>(
  run: () => Promise<T>,
  { attempts = 4, jitterMs = 20, onRetry }: RetryOptions = {},
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      const state = sqlState(error);
      if (attempt >= attempts || !state || !RETRYABLE.has(state)) throw error;
      onRetry?.(error, attempt);
      // Apart, so the two do not meet again at the same instant.
      await new Promise((r) => setTimeout(r, Math.random() * jitterMs * 2 ** (attempt - 1)));
    }
  }
}
