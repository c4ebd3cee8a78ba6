// Fixed-window rate limits stored in the database, so they hold across every app process.
import { sql } from "drizzle-orm";
import { preparedRows, type Database } from "~/db.server";

export interface RateLimitResult {
  allowed: boolean;
  count: number;
  retryAfterSeconds: number;
}

/**
 * Counts `hits` (one by default) against `key` and says whether the count is within `limit` per
 * `windowSeconds`. `count` is the total after these hits.
 */
export async function consumeRateLimit(
  db: Database,
  key: string,
  limit: number,
  windowSeconds: number,
  hits = 1,
): Promise<RateLimitResult> {
  const [row] = await preparedRows<{ count: number; retry_after: number }>(
    db,
    sql`
    insert into rate_limits (key, window_start, count)
    values (${key}, now(), ${hits}::int)
    on conflict (key) do update set
      count = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds})
                   then ${hits}::int else rate_limits.count + ${hits}::int end,
      window_start = case when rate_limits.window_start <= now() - make_interval(secs => ${windowSeconds})
                   then now() else rate_limits.window_start end
    returning count,
      ceil(extract(epoch from (window_start + make_interval(secs => ${windowSeconds}) - now())))::int as retry_after
  `,
  );
  const count = Number(row!.count);
  return { allowed: count <= limit, count, retryAfterSeconds: Math.max(1, Number(row!.retry_after)) };
}

export interface Reservation extends RateLimitResult {
  /** Gives the slot back: the attempt turned out not to count (a right password, a free address). */
  release(): Promise<void>;
}

/**
 * For limits on outcomes (wrong passwords, "that email is taken"): takes a slot before the attempt,
 * and the caller gives it back when the attempt did not count. Looking first and counting after the
 * outcome let any number of attempts sent at once pass the look together: 20 wrong passwords at once
 * were all checked against a limit of 5. A refused attempt should be released too, unless refusals
 * are meant to count.
 */
export async function reserveRateLimit(
  db: Database,
  key: string,
  limit: number,
  windowSeconds: number,
): Promise<Reservation> {
  const taken = await consumeRateLimit(db, key, limit, windowSeconds);
  let released = false;
  return {
    ...taken,
    release: async () => {
      if (released) return;
      released = true;
      await db.execute(sql`update rate_limits set count = greatest(count - 1, 0) where key = ${key}`);
    },
  };
}

export async function pruneRateLimits(db: Database, olderThanSeconds = 86_400): Promise<void> {
  await db.execute(
    sql`delete from rate_limits where window_start < now() - make_interval(secs => ${olderThanSeconds})`,
  );
}
