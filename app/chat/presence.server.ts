// Who is around: a page or an open chat stream marks the user active, written at most once a minute
// (the database is asked only when this process has not written it for a minute). A message to
// someone inactive for 5 minutes is texted to them (messages.server.ts).
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { users } from "~db/schema";
import type { Database } from "~/db.server";

const EVERY_MS = 60_000;
const written = new Map<string, number>();

export async function touchPresence(db: Database, userId: string, now = new Date()): Promise<void> {
  const last = written.get(userId);
  if (last !== undefined && now.getTime() - last < EVERY_MS) return;
  written.set(userId, now.getTime());
  if (written.size > 50_000) written.clear(); // a bound, not an eviction policy: the next write re-adds
  await db
    .update(users)
    .set({ lastActiveAt: now })
    .where(
      and(
        eq(users.id, userId),
        or(isNull(users.lastActiveAt), lt(users.lastActiveAt, new Date(now.getTime() - EVERY_MS))),
      ),
    );
}
