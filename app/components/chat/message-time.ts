// When a message came, on the reader's clock: the time alone for today's (by the page's clock), the day
// with it for older ones, which otherwise read as today's. The thread and the inbox say it alike (the
// inbox gave today's messages their date: "Dec 6, 13:12", found on a walk).
import { dateTimeFormat, formatDate } from "~/i18n/formatters";
import { dateIn } from "~/geo/time-zone";

export function messageTime(lang: string, iso: string, timeZone: string, now: string | undefined): string {
  const at = new Date(iso);
  return now && dateIn(timeZone, at) === dateIn(timeZone, new Date(now))
    ? dateTimeFormat(lang, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" }).format(at)
    : formatDate(lang, iso, { now, timeZone, time: true, weekday: false });
}
