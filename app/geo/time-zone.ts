// Wall-clock times in a named IANA zone <-> instants, with Intl only (no date library in the bundle).
import { dateTimeFormat } from "~/i18n/formatters";

/** The wall-clock parts of `at` in `timeZone` (24-hour clock). */
export function zonedParts(timeZone: string, at: Date) {
  const parts = dateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(at);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return {
    year: get("year"),
    month: get("month"),
    day: get("day"),
    hour: get("hour"),
    minute: get("minute"),
    second: get("second"),
  };
}

/** The date of `at` in a zone ("YYYY-MM-DD"). */
export function dateIn(timeZone: string, at: Date): string {
  const p = zonedParts(timeZone, at);
  return `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;
}

function offsetMs(instant: number, timeZone: string): number {
  const p = zonedParts(timeZone, new Date(instant));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant of a wall-clock time in `timeZone`, DST-aware (month is 1-12; overflowing days roll
 * over). A time the clocks skip when they go forward (02:30 on a spring-forward night) reads as that
 * much later (03:30), as a clock that was not moved on would show it; `wallClockExists` (app/visits/start-rule.ts) tells them apart.
 * A time the clocks show twice when they go back (01:30 on a fall-back night) is its first pass, in
 * every zone: the offsets a day either side are the two the night has (it read as the first pass west
 * of UTC and the second east of it, so a visit of 01:30–02:30 lasted two hours in New York and in London).
 */
export function wallClockToUtc(
  timeZone: string,
  year: number,
  month: number,
  day: number,
  hour: number,
  minute = 0,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const DAY = 86_400_000;
  // The instant each of the night's offsets gives: the one before a change and the one after it.
  const readings = [wall - offsetMs(wall - DAY, timeZone), wall - offsetMs(wall + DAY, timeZone)];
  const shown = readings.filter((at) => at + offsetMs(at, timeZone) === wall);
  if (shown.length > 0) return new Date(Math.min(...shown));
  // In the gap: the offset before the change puts it after the gap, the offset after puts it before.
  return new Date(Math.max(...readings));
}

export function isValidTimeZone(zone: string): boolean {
  try {
    dateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** "2026-05-03" + "09:30" in Asia/Shanghai → the instant. Returns null for malformed input. */
export function zonedTimeToUtc(date: string, time: string, timeZone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t) return null;
  const [y, mo, da, h, mi] = [Number(d[1]), Number(d[2]), Number(d[3]), Number(t[1]), Number(t[2])];
  if (mo < 1 || mo > 12 || da < 1 || da > 31 || h > 23 || mi > 59) return null;
  return wallClockToUtc(timeZone, y, mo, da, h, mi);
}

/** "2026-05-03T09:30" (datetime-local) in a zone → the instant. */
export function localDateTimeToUtc(value: string, timeZone: string): Date | null {
  const [date, time] = value.split("T");
  return date && time ? zonedTimeToUtc(date, time.slice(0, 5), timeZone) : null;
}

/** "HH:MM" → minutes after midnight, or null. */
export function parseClock(value: string): number | null {
  const m = /^(\d{2}):(\d{2})$/.exec(value);
  if (!m) return null;
  const h = Number(m[1]);
  const mi = Number(m[2]);
  if (h > 24 || mi > 59 || (h === 24 && mi > 0)) return null;
  return h * 60 + mi;
}

/**
 * The end of a window within one day (a carer's availability), in minutes from its midnight: 00:00 and
 * 24:00 both end it at the next midnight (1440). A time field cannot show 24:00 (Chromium leaves it
 * empty, and the next save said the end was missing: an outside probe), so the form shows and sends
 * 00:00 (`formatEndClock`).
 */
export function parseEndClock(value: string): number | null {
  const minutes = parseClock(value);
  return minutes === 0 ? 1440 : minutes;
}

/** A window's end as a time field shows it: midnight as 00:00. */
export function formatEndClock(minutes: number): string {
  return formatClock(minutes % 1440);
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}
