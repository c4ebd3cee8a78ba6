// Quiet hours: a non-urgent message due between 22:00 and 08:00 in the recipient's zone waits until 08:00.

import { isValidTimeZone, wallClockToUtc, zonedParts } from "~/geo/time-zone";

const QUIET_START = 22;
const QUIET_END = 8;

/**
 * When a message due `now` may go out. Urgent messages and opted-out-of-quiet-hours users: now. A
 * message about a moment is held no later than `latest` (a visit's reminder, before its visit: one for
 * a 04:30 visit waited for 08:00, a phone walk).
 */
export function releaseTime(
  now: Date,
  zone: string,
  { urgent, quietHours, latest }: { urgent: boolean; quietHours: boolean; latest?: Date },
): Date {
  const held = quietRelease(now, zone, { urgent, quietHours });
  if (!latest || held <= latest) return held;
  return latest > now ? latest : now;
}

function quietRelease(now: Date, zone: string, { urgent, quietHours }: { urgent: boolean; quietHours: boolean }): Date {
  if (urgent || !quietHours) return now;
  const z = isValidTimeZone(zone) ? zone : "Asia/Shanghai";
  const local = zonedParts(z, now);
  if (local.hour >= QUIET_END && local.hour < QUIET_START) return now;
  if (local.hour < QUIET_END) return wallClockToUtc(z, local.year, local.month, local.day, QUIET_END);
  // After 22:00: 08:00 the next local day.
  const nextDay = new Date(Date.UTC(local.year, local.month - 1, local.day + 1));
  return wallClockToUtc(z, nextDay.getUTCFullYear(), nextDay.getUTCMonth() + 1, nextDay.getUTCDate(), QUIET_END);
}
