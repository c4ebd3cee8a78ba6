// Display formatting in the reader's language for components: lists, dates (with the year only when it
// is not this year, by the clock of the page's root loader), and time zones by name.
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { RootLoader } from "~/root";
import { formatDate, formatList, formatTimeZone } from "./formatters";

export function useFormat() {
  const { i18n } = useTranslation();
  const now = useRouteLoaderData<RootLoader>("root")?.now;
  const lang = i18n.language;
  return {
    lang,
    /** The page's clock (ISO), for helpers that take it. */
    now,
    list: (items: readonly string[], kind?: "tags" | "sentence") => formatList(lang, items, kind),
    date: (date: Date | string, options: { timeZone: string | undefined; time?: boolean; weekday?: boolean }) =>
      formatDate(lang, date, { now, ...options }),
    zone: (timeZone: string) => formatTimeZone(lang, timeZone),
  };
}
