// An offer's days and hours in one line (its date or weekdays, start and end, and for a weekly one the
// weeks and first day), in the parent's zone the terms are written in: the offer card and the family
// dashboard.
import type { useTranslation } from "~/i18n/react";
import type { OfferView } from "~/chat/offers.server";
import { formatClock } from "~/geo/time-zone";
import { formatDate, formatList } from "~/i18n/formatters";

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
  const end = formatClock(o.startMinute + o.durationMinutes);
  // A calendar date: read at midnight UTC, and "this year" taken in UTC too.
  const date = formatDate(lang, `${o.startDate}T00:00:00Z`, { now, timeZone: "UTC" });
  if (o.schedule === "once") return t("offer.onceSummary", { date, start, end });
  const days = formatList(
    lang,
    (o.weekdays ?? []).map((d) => t(`catalogue.weekdays.${d}` as "catalogue.weekdays.0")),
  );
  return t("offer.weeklySummary", { days, start, end, weeks: o.weeks, date });
}
