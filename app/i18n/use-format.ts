// Display formatting in the reader's language for components: lists, dates (with the year only when it
// is not this year, by the clock of the page's root loader), time zones by name, and the reader's own
// zone (ADR 023).
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { RootLoader } from "~/root";
import { formatDate, formatList, formatTimeZone } from "./formatters";

export function useFormat() {
  const { i18n } = useTranslation();
  const root = useRouteLoaderData<RootLoader>("root");
  const now = root?.now;
  const lang = i18n.language;
  return {
    lang,
    /** The page's clock (ISO), for helpers that take it. */
    now,
    /**
     * The reader's own zone: the account's (`users.time_zone`), the same on the server and in the
     * browser. UTC without one (signed out, or an error page without the root's data).
     */
    readerZone: root?.timeZone ?? "UTC",
    list: (items: readonly string[], kind?: "tags" | "sentence") => formatList(lang, items, kind),
    date: (date: Date | string, options: { timeZone: string; time?: boolean; weekday?: boolean }) =>
      formatDate(lang, date, { now, ...options }),
    zone: (timeZone: string) => formatTimeZone(lang, timeZone),
  };
}
