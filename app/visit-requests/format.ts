// How a request's time reads on screen: in the parent's time zone, in the viewer's language.
import type { TFunction } from "i18next";
import { formatClock } from "~/geo/time-zone";
import { dateTimeFormat, numberFormat } from "~/i18n/formatters";
import type { RequestSchedule } from "./visit-requests.server";

export function formatSchedule(t: TFunction, lang: string, s: RequestSchedule): string {
  if (s.startsAt) {
    const when = dateTimeFormat(lang, {
      timeZone: s.timeZone,
      weekday: "short",
      month: "short",
      day: "numeric",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(s.startsAt));
    return `${when} (${s.timeZone})`;
  }
  const days = (s.weekdays ?? []).map((d) => t(`catalogue.weekdays.${d}` as "catalogue.weekdays.0")).join(", ");
  return t("requests.weekly", { days, time: formatClock(s.startMinute ?? 0), zone: s.timeZone });
}

export function formatMoney(cents: number, lang: string): string {
  return numberFormat(lang, {
    style: "currency",
    currency: "CNY",
    maximumFractionDigits: cents % 100 ? 2 : 0,
  }).format(cents / 100);
}
