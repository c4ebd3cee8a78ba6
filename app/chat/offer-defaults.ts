// What the offer form starts from: the offer being countered, or the request or service the
// conversation is about. Pure; the form's values are strings, as a browser sends them.
import { formatClock, parseClock, zonedParts } from "~/geo/time-zone";
import { addDays, weekdayOf } from "~/visits/schedule";
import { MIN_LEAD_MINUTES, spanMinutes } from "./offer-rules";
import type { OfferDefaults } from "~/components/chat/offer-form";

interface CounterSource {
  service: string;
  schedule: "once" | "weekly";
  startDate: string;
  startMinute: number;
  durationMinutes: number;
  weekdays: number[] | null;
  weeks: number | null;
  tasks: string[];
  priceCents: number;
  cancellation: string;
}

export function defaultsFromOffer(o: CounterSource): OfferDefaults {
  return {
    service: o.service,
    schedule: o.schedule,
    date: o.startDate,
    start: formatClock(o.startMinute),
    end: formatClock((o.startMinute + o.durationMinutes) % 1440),
    weekdays: (o.weekdays ?? []).map(String),
    weeks: o.weeks ? String(o.weeks) : undefined,
    tasks: o.tasks.join("\n"),
    price: String(o.priceCents / 100),
    cancellation: o.cancellation,
  };
}

export function defaultsFromRequest(
  r: {
    service: string;
    startsAt: string | null;
    weekdays: number[] | null;
    startMinute: number | null;
    timeZone: string;
    durationMinutes: number | null;
    budgetCents: number | null;
  },
  now: Date,
): OfferDefaults {
  let date: string | undefined;
  let startMinute = r.startMinute;
  const duration = r.durationMinutes ?? 60;
  // A one-off's end: the clock at its start plus the minutes asked, as the clocks run that night (01:00
  // plus 120 minutes is 04:00 when they go forward at 02:00; the clock face's 03:00 booked an hour: an
  // outside probe). Never a span on the clock shorter than asked: when they go back, an end read that way
  // would come round to the hour repeated (01:30 to 01:30), so the clock face's end stands. A weekly
  // request keeps its hours on the clock, as its visits do.
  let endMinute = startMinute === null ? null : (startMinute + duration) % 1440;
  if (r.startsAt) {
    const p = zonedParts(r.timeZone, new Date(r.startsAt));
    date = dateOf(p);
    startMinute = p.hour * 60 + p.minute;
    const end = zonedParts(r.timeZone, new Date(Date.parse(r.startsAt) + duration * 60_000));
    const onTheClock = end.hour * 60 + end.minute;
    endMinute = (onTheClock - startMinute + 1440) % 1440 >= duration ? onTheClock : (startMinute + duration) % 1440;
  } else {
    // A weekly request starts on its next weekday still to come: "Offer to help" at the posted terms
    // was refused for want of a date (a new-user walk).
    date = nextWeekday(r.weekdays ?? [], r.startMinute, r.timeZone, now);
  }
  return {
    service: r.service,
    schedule: r.startsAt ? "once" : "weekly",
    date,
    start: startMinute === null ? undefined : formatClock(startMinute),
    // Past midnight, the next morning's clock: the offer reads an end before its start as that.
    end: endMinute === null ? undefined : formatClock(endMinute),
    weekdays: (r.weekdays ?? []).map(String),
    weeks: r.startsAt ? undefined : "4",
    price: r.budgetCents ? String(r.budgetCents / 100) : undefined,
  };
}

const dateOf = (p: { year: number; month: number; day: number }) =>
  `${p.year}-${String(p.month).padStart(2, "0")}-${String(p.day).padStart(2, "0")}`;

/** The first date, today in `timeZone` or within the week after, on one of `weekdays` whose start is ahead. */
function nextWeekday(weekdays: number[], startMinute: number | null, timeZone: string, now: Date): string | undefined {
  const p = zonedParts(timeZone, now);
  const today = dateOf(p);
  const nowMinute = p.hour * 60 + p.minute;
  for (let d = 0; d <= 7; d++) {
    const date = addDays(today, d);
    // Today only while its start is far enough ahead to offer (checkOffer's lead: a review).
    if (weekdays.includes(weekdayOf(date)) && (d > 0 || (startMinute ?? 0) >= nowMinute + MIN_LEAD_MINUTES))
      return date;
  }
  return undefined;
}

export function defaultsFromService(service: string | null, priceCents: number | null, minMinutes: number | null) {
  const price =
    priceCents === null ? undefined : String(Math.round((priceCents * Math.max(minMinutes ?? 60, 60)) / 60) / 100);
  return { service: service ?? undefined, price } satisfies OfferDefaults;
}

/** Minutes from one "HH:MM" to a later one on the same day, or null when either is missing or not later. */
export function minutesBetween(start: string, end: string): number | null {
  const from = parseClock(start);
  const to = parseClock(end);
  return from !== null && to !== null ? spanMinutes(from, to) : null;
}

/** A visit's price at an hourly rate, to the fen: ¥135 an hour for 90 minutes is ¥202.50. */
export function priceForMinutes(hourlyCents: number, minutes: number): number {
  return Math.round((hourlyCents * minutes) / 60);
}
