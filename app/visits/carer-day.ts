// The carer's day: which visits belong under "Today" (dated today in the parent's zone, or under way
// whatever the date) and which under "Upcoming". Pure.
import type { VisitStatus } from "~db/schema";
import { zonedParts } from "~/geo/time-zone";

function dateIn(timeZone: string, at: Date): string {
  const p = zonedParts(timeZone, at);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

interface DayVisit {
  startsAt: Date;
  endsAt: Date;
  status: VisitStatus;
  timeZone: string;
}

/** How far ahead "Upcoming" looks. */
export const UPCOMING_DAYS = 14;

export function splitCarerDay<T extends DayVisit>(rows: readonly T[], now: Date): { today: T[]; upcoming: T[] } {
  const today: T[] = [];
  const upcoming: T[] = [];
  for (const v of rows) {
    const underWay = v.status === "on_the_way" || v.status === "in_progress";
    if (underWay || dateIn(v.timeZone, v.startsAt) === dateIn(v.timeZone, now)) today.push(v);
    else if (v.startsAt > now && v.status === "scheduled") upcoming.push(v);
  }
  const byStart = (a: T, b: T) => a.startsAt.getTime() - b.startsAt.getTime();
  return { today: today.sort(byStart), upcoming: upcoming.sort(byStart) };
}
