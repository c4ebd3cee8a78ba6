// Formatting a visit's times in the parent's zone, one formatter per page (not one per row). Dates say
// their year only when it is not this year, by the root loader's clock (PRODUCT §1).
import { useMemo } from "react";
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat, formatDate } from "~/i18n/formatters";
import type { RootLoader } from "~/root";

export function useVisitTime(timeZone: string) {
  const { i18n } = useTranslation();
  const now = useRouteLoaderData<RootLoader>("root")?.now;
  return useMemo(() => {
    const lang = i18n.language;
    const clock = dateTimeFormat(lang, {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    const date = (iso: string) => formatDate(lang, iso, { now, timeZone });
    const at = (iso: string) => new Date(iso);
    return {
      date,
      clock: (iso: string) => clock.format(at(iso)),
      full: (iso: string) => `${date(iso)} ${clock.format(at(iso))}`,
      /**
       * The clock, with its date when it falls on another day than `day` (ISO): a check-in before
       * midnight for a visit booked after it read as the next evening's (a new-user walk).
       */
      clockBeside: (iso: string, day: string) =>
        date(iso) === date(day) ? clock.format(at(iso)) : `${date(iso)} ${clock.format(at(iso))}`,
    };
  }, [i18n.language, timeZone, now]);
}
