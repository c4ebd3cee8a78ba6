// How a request's time reads on screen: in the parent's time zone, in the viewer's language.
import { formatClock } from "~/geo/time-zone";
import { formatDate, formatTimeZone, inBrackets } from "~/i18n/formatters";
import { formatWeekdays } from "~/i18n/weekdays";
import type { Translate } from "~/i18n/react";
import type { RequestSchedule } from "./visit-requests.server";

/**
 * "Tue, Mar 3, 10:00 (China Standard Time)"; the year only when it is not the year of `now` (the
 * page's clock: see useFormat), always when `now` is unknown.
 */
export function formatSchedule(t: Translate, lang: string, s: RequestSchedule, now?: string): string {
  if (s.startsAt) {
    const when = formatDate(lang, s.startsAt, { now, timeZone: s.timeZone, time: true });
    return `${when}${inBrackets(lang, formatTimeZone(lang, s.timeZone))}`;
  }
  const days = formatWeekdays(t, lang, s.weekdays ?? []);
  return t("requests.weekly", { days, time: formatClock(s.startMinute ?? 0), zone: formatTimeZone(lang, s.timeZone) });
}
