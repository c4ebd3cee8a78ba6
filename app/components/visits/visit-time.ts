// Formatting a visit's times in the parent's zone, one formatter per page (not one per row).
import { useMemo } from "react";
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat } from "~/i18n/formatters";

export function useVisitTime(timeZone: string) {
  const { i18n } = useTranslation();
  return useMemo(() => {
    const date = dateTimeFormat(i18n.language, {
      timeZone,
      weekday: "short",
      year: "numeric",
      month: "short",
      day: "numeric",
    });
    const clock = dateTimeFormat(i18n.language, {
      timeZone,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    });
    const at = (iso: string) => new Date(iso);
    return {
      date: (iso: string) => date.format(at(iso)),
      clock: (iso: string) => clock.format(at(iso)),
      full: (iso: string) => `${date.format(at(iso))} ${clock.format(at(iso))}`,
      /**
       * The clock, with its date when it falls on another day than `day` (ISO): a check-in before
       * midnight for a visit booked after it read as the next evening's (a new-user walk).
       */
      clockBeside: (iso: string, day: string) =>
        date.format(at(iso)) === date.format(at(day))
          ? clock.format(at(iso))
          : `${date.format(at(iso))} ${clock.format(at(iso))}`,
    };
  }, [i18n.language, timeZone]);
}
