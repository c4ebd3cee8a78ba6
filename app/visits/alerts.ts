// When a visit's alerts are due (PRODUCT §5): a reminder to the carer 2 hours before, a text to the
// carer 10 minutes after the start without a check-in, an urgent one to the family at 15, and the
// visit marked missed at 60. Pure: the scan (alerts.server.ts) passes the clock and what was sent.
import type { VisitStatus } from "~db/schema";

export type AlertKind = "reminder" | "late_carer" | "late_family" | "missed";

const MINUTE = 60_000;
export const REMINDER_BEFORE_MS = 120 * MINUTE;
export const LATE_CARER_AFTER_MS = 10 * MINUTE;
export const LATE_FAMILY_AFTER_MS = 15 * MINUTE;
export const MISSED_AFTER_MS = 60 * MINUTE;
/** How far ahead the scan looks: the earliest alert is the reminder. */
export const SCAN_AHEAD_MS = REMINDER_BEFORE_MS;

export interface AlertSubject {
  status: VisitStatus;
  startsAt: Date;
  /** When it was booked: a visit booked inside the reminder window needs no reminder. */
  acceptedAt: Date;
}

/**
 * The alerts due now that have not been sent. A visit found 60 minutes late is marked missed
 * without the late texts, which would now say less than the missed one (the scan may come late,
 * after an outage).
 */
export function dueAlerts(visit: AlertSubject, sent: ReadonlySet<string>, now: Date): AlertKind[] {
  if (visit.status !== "scheduled" && visit.status !== "on_the_way") return [];
  const late = now.getTime() - visit.startsAt.getTime();
  const due: AlertKind[] = [];
  if (late >= MISSED_AFTER_MS) due.push("missed");
  else if (late >= 0) {
    // A carer on the way knows they are late; the family is told either way.
    if (late >= LATE_CARER_AFTER_MS && visit.status === "scheduled") due.push("late_carer");
    if (late >= LATE_FAMILY_AFTER_MS) due.push("late_family");
  } else if (
    late >= -REMINDER_BEFORE_MS &&
    visit.status === "scheduled" &&
    visit.acceptedAt.getTime() <= visit.startsAt.getTime() - REMINDER_BEFORE_MS
  ) {
    due.push("reminder");
  }
  return due.filter((kind) => !sent.has(kind));
}

/** The visit event's reason for each alert, so the tracking timeline can say "reminder sent". */
export const ALERT_EVENT: Record<Exclude<AlertKind, "missed">, string> = {
  reminder: "reminder_sent",
  late_carer: "late_carer_alerted",
  late_family: "late_family_alerted",
};
