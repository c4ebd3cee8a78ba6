// The rules an offer must meet beyond its form's shape, with an injected clock: it starts in the
// future, ends after it starts (the next morning, for a visit across midnight), has at least one visit, and expires before the first visit. Pure.
import { dateIn, parseClock } from "~/geo/time-zone";
import { wallClockExists } from "~/visits/start-rule";
import { toFen } from "~/validation/money";
import { addDays, HORIZON_DAYS, occurrences, type Occurrence, type VisitPattern } from "~/visits/schedule";
import type { OfferFields } from "./schemas";

export type OfferProblem =
  | { field: "end"; error: "offer.errors.endBeforeStart" | "offer.errors.duration" | "errors.timeGap" }
  | {
      field: "date";
      error: "offer.errors.inPast" | "offer.errors.noVisits" | "errors.dateTime" | "validation.dateRange";
    }
  | { field: "start"; error: "errors.timeGap" | "offer.errors.inPast" }
  | { field: "weekdays"; error: "errors.weekdays" }
  | { field: "weeks"; error: "offer.errors.weeks" }
  | { field: "service"; error: "offer.errors.notOffered" };

export interface CheckedOffer {
  pattern: VisitPattern;
  first: Occurrence;
  expiresAt: Date;
  priceCents: number;
  tasks: string[];
}

/** The earliest a visit may start after its offer is made (time to answer and to travel). */
export const MIN_LEAD_MINUTES = 30;

/** The longest visit an offer may make, in minutes (the shortest is 15). */
export const MAX_VISIT_MINUTES = 720;

/**
 * A visit's length from its start and end clocks (minutes of the day). An end at or before the start is
 * the next morning's when that makes 12 hours at most (a late evening, a night's care: 23:30–00:30,
 * 22:00–06:00); further, the times were swapped: null. A request for 23:30 could not be offered at its
 * terms, the end stopping at 23:59 (an outside probe).
 */
export function spanMinutes(start: number, end: number): number | null {
  if (end > start) return end - start;
  const overnight = end + 1440 - start;
  return overnight <= MAX_VISIT_MINUTES ? overnight : null;
}

/** The fields an offer's times are made of: the rules of offerTimes read these alone. */
export const OFFER_TIME_FIELDS = ["schedule", "date", "start", "end", "weekdays", "weeks"] as const;
export type OfferTimes = Pick<OfferFields, (typeof OFFER_TIME_FIELDS)[number]>;

export function checkOffer(
  fields: OfferFields,
  timeZone: string,
  now: Date,
): { ok: true; offer: CheckedOffer } | { ok: false; problem: OfferProblem } {
  const times = offerTimes(fields, timeZone, now);
  if (!times.ok) return times;
  const { pattern, first } = times;
  const expiresAt = new Date(Math.min(now.getTime() + fields.expiresInHours * 3_600_000, first.startsAt.getTime()));
  return {
    ok: true,
    offer: { pattern, first, expiresAt, priceCents: toFen(fields.price), tasks: fields.tasks },
  };
}

/** The offer's visits, or the first problem with its times. */
export function offerTimes(
  fields: OfferTimes,
  timeZone: string,
  now: Date,
): { ok: true; pattern: VisitPattern; first: Occurrence } | { ok: false; problem: OfferProblem } {
  const start = parseClock(fields.start);
  const end = parseClock(fields.end);
  if (start === null || end === null) return { ok: false, problem: { field: "date", error: "errors.dateTime" } };
  const durationMinutes = spanMinutes(start, end);
  if (durationMinutes === null) return { ok: false, problem: { field: "end", error: "offer.errors.endBeforeStart" } };
  const overnight = end <= start;
  if (durationMinutes < 15 || durationMinutes > MAX_VISIT_MINUTES) {
    return { ok: false, problem: { field: "end", error: "offer.errors.duration" } };
  }
  if (fields.schedule === "weekly") {
    if (fields.weekdays.length === 0) return { ok: false, problem: { field: "weekdays", error: "errors.weekdays" } };
    if (!fields.weeks) return { ok: false, problem: { field: "weeks", error: "offer.errors.weeks" } };
  }
  // A one-off visit at a time the clocks skip that night is asked again, not moved. (A weekly visit
  // that meets such a night keeps its hour as the clocks then read: wallClockToUtc.)
  if (fields.schedule === "once" && !wallClockExists(fields.date, fields.start, timeZone)) {
    return { ok: false, problem: { field: "start", error: "errors.timeGap" } };
  }
  const endDate = overnight ? addDays(fields.date, 1) : fields.date;
  if (fields.schedule === "once" && end < 1440 && !wallClockExists(endDate, fields.end, timeZone)) {
    return { ok: false, problem: { field: "end", error: "errors.timeGap" } };
  }
  const pattern: VisitPattern = {
    schedule: fields.schedule,
    timeZone,
    startDate: fields.date,
    startMinute: start,
    durationMinutes,
    weekdays: fields.schedule === "weekly" ? [...new Set(fields.weekdays)].sort() : null,
    weeks: fields.schedule === "weekly" ? (fields.weeks ?? null) : null,
  };
  const soonest = new Date(now.getTime() + MIN_LEAD_MINUTES * 60_000);
  // Visits of a weekly pattern that already passed today are not offered; the rest are.
  const upcoming = occurrences(pattern).filter((o) => o.startsAt >= soonest);
  const first = upcoming[0];
  if (!first) {
    if (occurrences(pattern).length === 0)
      return { ok: false, problem: { field: "date", error: "offer.errors.noVisits" } };
    // Today at an hour already gone (or too soon) is the time to change, not the date.
    const today = fields.schedule === "once" && fields.date === dateIn(timeZone, now);
    return { ok: false, problem: { field: today ? "start" : "date", error: "offer.errors.inPast" } };
  }
  // No further ahead than a request may ask (HORIZON_DAYS): the booking opens the home to the carer.
  if (first.startsAt.getTime() > now.getTime() + HORIZON_DAYS * 86_400_000) {
    return { ok: false, problem: { field: "date", error: "validation.dateRange" } };
  }
  if (pattern.schedule === "weekly" && first.date !== occurrences(pattern)[0]!.date) {
    // The pattern starts on its first future visit.
    pattern.startDate = first.date;
  }
  return { ok: true, pattern, first };
}

/** An open offer whose time has passed reads as expired; nothing can be done with it. */
export function offerState(
  offer: { status: string; expiresAt: Date | string },
  now: Date,
): "open" | "expired" | "accepted" | "declined" | "withdrawn" | "superseded" {
  if (offer.status === "open" && new Date(offer.expiresAt) <= now) return "expired";
  return offer.status as "open" | "accepted" | "declined" | "withdrawn" | "superseded";
}
