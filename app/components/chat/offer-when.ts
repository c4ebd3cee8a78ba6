// An offer's days and hours in one line (its date or weekdays, start and end, and for a weekly one the
// weeks and its first visit's day), in the parent's zone the terms are written in: the offer card and the family
// dashboard.
import type { useTranslation } from "~/i18n/react";
import type { OfferView } from "~/chat/offers.server";
import { formatClock } from "~/geo/time-zone";
import { formatDate } from "~/i18n/formatters";
import { formatWeekdays } from "~/i18n/weekdays";

export type OfferTerms = Pick<
  OfferView,
  "schedule" | "startDate" | "startMinute" | "durationMinutes" | "weekdays" | "weeks"
>;

export function offerWhen(
  t: ReturnType<typeof useTranslation>["t"],
  lang: string,
  o: OfferTerms,
  now: string | undefined,
): string {
  const start = formatClock(o.startMinute);
  // A visit across midnight ends on the next day's clock (23:30–00:30).
  const end = formatClock((o.startMinute + o.durationMinutes) % 1440);
  // A calendar date: read at midnight UTC, and "this year" taken in UTC too. A weekly offer's is its
  // first visit's: the first of its weekdays from the start date on (as app/visits/schedule.ts counts
  // them; its addDays and weekdayOf, imported here, put the family dashboard 12 bytes over its 95 kB
  // budget). The start date itself read "Tuesdays… from Wed, Dec 16" when the first visit was Dec 22.
  const day = new Date(`${o.startDate}T00:00:00Z`);
  const weekdays = o.schedule === "once" ? [] : (o.weekdays ?? []);
  for (let i = 0; i < 6 && weekdays.length > 0 && !weekdays.includes(day.getUTCDay()); i++) {
    day.setUTCDate(day.getUTCDate() + 1);
  }
  const date = formatDate(lang, day.toISOString(), { now, timeZone: "UTC" });
  if (o.schedule === "once") return t("offer.onceSummary", { date, start, end });
  const days = formatWeekdays(t, lang, o.weekdays ?? []);
  return t("offer.weeklySummary", { days, start, end, weeks: o.weeks, date });
}
