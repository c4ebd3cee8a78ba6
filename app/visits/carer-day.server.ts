// The carer's visits for the day page: yesterday's still under way, today's whatever their state, the
// next two weeks, the next booked ones after that, and the last 30 days' (to correct a log, see a record, dispute a "missed"). Grouped
// by the pure rule in carer-day.ts.
import { and, asc, desc, eq, gt, gte, inArray, lt, or, type SQL, sql } from "drizzle-orm";
import { parents, type VisitStatus, visits } from "~db/schema";
import type { Database } from "~/db.server";
import { splitCarerDay, UPCOMING_DAYS } from "./carer-day";
import { DONE_STATES } from "./visit-status";
import { visitListColumns } from "./visits.server";

/** A visit done with, whatever its booked start: done, or done and disputed. */
const FINISHED: VisitStatus[] = [...DONE_STATES, "disputed"];

/** How far back the day page lists past visits, and how many. */
export const RECENT_DAYS = 30;
export const RECENT_LIMIT = 30;
/**
 * How many booked visits past the next two weeks the page lists ("Later"): a weekly series booked
 * four weeks ahead, or a visit asked for next month, was on the carer's dashboard and not here.
 */
export const LATER_LIMIT = 10;

export async function carerDay(db: Database, carerId: string, now = new Date()) {
  const ofCarer = (when: SQL | undefined) =>
    db
      .select({
        ...visitListColumns,
        priceCents: visits.priceCents,
        parentName: parents.name,
        timeZone: parents.timeZone,
      })
      .from(visits)
      .innerJoin(parents, eq(parents.id, visits.parentId))
      .where(and(eq(visits.carerId, carerId), when));
  const horizon = new Date(now.getTime() + UPCOMING_DAYS * 86_400_000);
  const since = new Date(now.getTime() - RECENT_DAYS * 86_400_000);
  const [rows, before, later, [done]] = await Promise.all([
    ofCarer(and(gt(visits.startsAt, new Date(now.getTime() - 36 * 3600_000)), lt(visits.startsAt, horizon)))
      .orderBy(asc(visits.startsAt))
      .limit(200),
    // Gone by, or already done: a visit checked out before its booked start (check-in opens early) was
    // in no section until that start came (a new-user walk).
    ofCarer(and(gte(visits.startsAt, since), or(lt(visits.startsAt, now), inArray(visits.status, FINISHED))))
      .orderBy(desc(visits.startsAt))
      .limit(RECENT_LIMIT + 10),
    ofCarer(and(gte(visits.startsAt, horizon), eq(visits.status, "scheduled")))
      .orderBy(asc(visits.startsAt))
      .limit(LATER_LIMIT),
    // What the last 30 days' visits done come to at their agreed prices (a new-user walk: no page said
    // what a carer had earned). Agreed, not paid: there are no payments yet.
    db
      .select({
        visits: sql<number>`count(*)::int`,
        priceCents: sql<number>`coalesce(sum(${visits.priceCents}), 0)::int`,
      })
      .from(visits)
      .where(and(eq(visits.carerId, carerId), inArray(visits.status, [...DONE_STATES]), gte(visits.startsAt, since))),
  ]);
  const day = splitCarerDay(rows, now);
  // Today's (and yesterday's still under way) are listed above: not twice.
  const shown = new Set(day.today.map((v) => v.id));
  return {
    ...day,
    later,
    recent: before.filter((v) => !shown.has(v.id)).slice(0, RECENT_LIMIT),
    done: done ?? { visits: 0, priceCents: 0 },
  };
}
