// The carer's visits for the day page: yesterday's still under way, today's whatever their state, and
// the next two weeks. Grouped by the pure rule in carer-day.ts.
import { and, asc, eq, gt, lt } from "drizzle-orm";
import { parents, visits } from "~db/schema";
import type { Database } from "~/db.server";
import { splitCarerDay, UPCOMING_DAYS } from "./carer-day";
import { visitListColumns } from "./visits.server";

export async function carerDay(db: Database, carerId: string, now = new Date()) {
  const rows = await db
    .select({ ...visitListColumns, parentName: parents.name, timeZone: parents.timeZone })
    .from(visits)
    .innerJoin(parents, eq(parents.id, visits.parentId))
    .where(
      and(
        eq(visits.carerId, carerId),
        gt(visits.startsAt, new Date(now.getTime() - 36 * 3600_000)),
        lt(visits.startsAt, new Date(now.getTime() + UPCOMING_DAYS * 86_400_000)),
      ),
    )
    .orderBy(asc(visits.startsAt))
    .limit(200);
  return splitCarerDay(rows, now);
}
