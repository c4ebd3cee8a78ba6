// When the visits of agreed terms fall: a one-off date, or weekdays for a number of weeks, at a
// wall-clock time in the parent's zone (DST-aware, through app/geo/time-zone.ts). Pure.
import { zonedTimeToUtc } from "~/geo/time-zone";

export interface VisitPattern {
  schedule: "once" | "weekly";
  timeZone: string;
  /** One-off: the visit's date. Weekly: the first day the pattern may start. "YYYY-MM-DD". */
  startDate: string;
  startMinute: number;
  durationMinutes: number;
  /** Weekly only: 0 = Sunday … 6 = Saturday. */
  weekdays?: readonly number[] | null;
  weeks?: number | null;
}

export interface Occurrence {
  date: string;
  startsAt: Date;
  endsAt: Date;
}

const DAY_MS = 86_400_000;

/** "2026-12-02" + n days, on the calendar (no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday, of a calendar date. */
export function weekdayOf(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}

/** The last calendar date a pattern can have a visit on. */
export function lastDate(p: VisitPattern): string {
  return p.schedule === "once" ? p.startDate : addDays(p.startDate, (p.weeks ?? 1) * 7 - 1);
}

function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}

/**
 * The pattern's visits whose date is within [from, through] (calendar dates, both inclusive), in
 * order. Both ends are wall-clock times in the zone: on a night the clocks change, a visit agreed as
 * 01:30–03:30 keeps those hours (one hour long when the clocks go forward, three when they go back),
 * rather than its usual length (an outside probe was booked 01:30–04:30). A wall-clock time that does
 * not exist (skipped by a DST change) takes the next instant.
 */
export function occurrences(p: VisitPattern, range: { from?: string; through?: string } = {}): Occurrence[] {
  const first = range.from && range.from > p.startDate ? range.from : p.startDate;
  const last = range.through && range.through < lastDate(p) ? range.through : lastDate(p);
  const days = new Set(p.schedule === "once" ? [weekdayOf(p.startDate)] : (p.weekdays ?? []));
  const out: Occurrence[] = [];
  for (let date = first; date <= last; date = addDays(date, 1)) {
    if (!days.has(weekdayOf(date))) continue;
    const startsAt = zonedTimeToUtc(date, clock(p.startMinute), p.timeZone);
    if (!startsAt) continue;
    out.push({ date, startsAt, endsAt: wallClockEnd(p, date, startsAt) });
  }
  return out;
}

/** The visit's end: its start's clock plus the duration, on that day's clock (24:00 is the next midnight). */
export function wallClockEnd(p: VisitPattern, date: string, startsAt: Date): Date {
  const endMinute = p.startMinute + p.durationMinutes;
  const day = addDays(date, Math.floor(endMinute / 1440));
  const endsAt = zonedTimeToUtc(day, clock(endMinute % 1440), p.timeZone);
  // Never before the start (an end inside the hour the clocks repeat, read as its first pass).
  return endsAt && endsAt > startsAt ? endsAt : new Date(startsAt.getTime() + p.durationMinutes * 60_000);
}

/**
 * How far ahead a visit may be asked for or offered, in days. A carer sees the home from the booking
 * until a day after the visit (the privacy rule), so a visit years away would open the door for years.
 */
export const HORIZON_DAYS = 366;

/** Whether two time ranges overlap (touching ends do not). */
export function overlaps(a: { startsAt: Date; endsAt: Date }, b: { startsAt: Date; endsAt: Date }): boolean {
  return a.startsAt < b.endsAt && b.startsAt < a.endsAt;
}
