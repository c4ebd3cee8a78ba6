// How the visit pages write times and distances: wall-clock times in the parent's zone, metres
// under a kilometre and kilometres above, in the reader's language.
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat as cachedDateTimeFormat, formatDate, formatTimeZone, inBrackets } from "~/i18n/formatters";
import type { RootLoader } from "~/root";

export function useVisitFormat(timeZone: string) {
  const { t, i18n } = useTranslation();
  const now = useRouteLoaderData<RootLoader>("root")?.now;
  const clockFormat = cachedDateTimeFormat(i18n.language, {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return {
    /** The page's clock (ISO), for helpers that take it. */
    now,
    clock: (iso: string) => clockFormat.format(new Date(iso)),
    /** With the year only when it is not this year (by the root loader's clock). */
    dateTime: (iso: string) => formatDate(i18n.language, iso, { now, timeZone, time: true }),
    /** The same, naming the zone: a line on its own, away from the times the page's zone is said beside
     *  (a carer in Shanghai read check-in "from 21:30", New York's, as her own: an outside probe). */
    dateTimeZoned: (iso: string) =>
      formatDate(i18n.language, iso, { now, timeZone, time: true }) +
      inBrackets(i18n.language, formatTimeZone(i18n.language, timeZone)),
    /** A calendar day ("2026-12-05") as the pages write days, with its year: "Sat, Dec 5, 2026". */
    day: (isoDate: string) =>
      cachedDateTimeFormat(i18n.language, {
        timeZone: "UTC",
        weekday: "short",
        year: "numeric",
        month: "short",
        day: "numeric",
      }).format(new Date(`${isoDate}T00:00:00Z`)),
    /** The zone by name ("China Standard Time"), never its IANA id. */
    zone: (zone: string) => formatTimeZone(i18n.language, zone),
    distance: (m: number) =>
      m < 1000
        ? t("visits.track.metres", { value: Math.round(m) })
        : t("visits.track.kilometres", { value: (m / 1000).toFixed(m < 10_000 ? 1 : 0) }),
  };
}

/** A reason from the list is shown in the reader's language; the carer's own words as written. */
export function useReasonText() {
  const { t } = useTranslation();
  const label = (reason: string) => {
    const key = `visits.track.reasons.${reason}`;
    return t(key as "visits.track.reasons.other", { defaultValue: reason });
  };
  return (reason: string) => {
    // A reason from the list with the carer's own words after it, a line each (reasonOf, taps.ts).
    const cut = reason.indexOf("\n");
    return cut < 0 ? label(reason) : `${label(reason.slice(0, cut))}${t("app.labelColon")}${reason.slice(cut + 1)}`;
  };
}
