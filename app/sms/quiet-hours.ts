// Quiet hours: a non-urgent message due between 22:00 and 08:00 in the recipient's zone waits until 08:00.

const QUIET_START = 22;
const QUIET_END = 8;

function partsIn(zone: string, at: Date) {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)!.value);
  return { year: get("year"), month: get("month"), day: get("day"), hour: get("hour"), minute: get("minute"), second: get("second") };
}

/** Offset of `zone` from UTC at `at`, in ms. */
function offsetMs(zone: string, at: Date): number {
  const p = partsIn(zone, at);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - Math.floor(at.getTime() / 1000) * 1000;
}

/** The UTC instant of local wall-clock time (y-m-d hh:00) in `zone`, DST-aware. */
function zonedTime(zone: string, year: number, month: number, day: number, hour: number): Date {
  const guess = Date.UTC(year, month - 1, day, hour);
  const first = guess - offsetMs(zone, new Date(guess));
  return new Date(guess - offsetMs(zone, new Date(first)));
}

export function isValidTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** When a message due `now` may go out. Urgent messages and opted-out-of-quiet-hours users: now. */
export function releaseTime(now: Date, zone: string, { urgent, quietHours }: { urgent: boolean; quietHours: boolean }): Date {
  if (urgent || !quietHours) return now;
  const local = partsIn(isValidTimeZone(zone) ? zone : "Asia/Shanghai", now);
  if (local.hour >= QUIET_END && local.hour < QUIET_START) return now;
  const z = isValidTimeZone(zone) ? zone : "Asia/Shanghai";
  if (local.hour < QUIET_END) return zonedTime(z, local.year, local.month, local.day, QUIET_END);
  // After 22:00: 08:00 the next local day.
  const nextDay = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
  return zonedTime(z, nextDay.getUTCFullYear(), nextDay.getUTCMonth() + 1, nextDay.getUTCDate(), QUIET_END);
}
