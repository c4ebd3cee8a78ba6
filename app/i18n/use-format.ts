// Display formatting in the reader's language for components: lists, dates (with the year only when it
// is not this year, by the clock of the page's root loader), time zones by name, and the reader's own
// zone (ADR 023).
import { useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { RootLoader } from "~/root";
import { formatDate, formatList, formatTimeZone, inBrackets } from "./formatters";

export function useFormat() {
  const { i18n } = useTranslation();
  const root = useRouteLoaderData<RootLoader>("root");
  const now = root?.now;
  const lang = i18n.language;
  const readerZone = root?.timeZone ?? "UTC";
  /** `when`, written on `shownZone`'s clock, with that zone named unless the event and the reader share one. */
  const namedUnlessReaders = (when: string, eventZone: string, shownZone: string) =>
    readerZone === eventZone ? when : `${when}${inBrackets(lang, formatTimeZone(lang, shownZone))}`;
  return {
    lang,
    /** The page's clock (ISO), for helpers that take it. */
    now,
    /**
     * The reader's own zone: the account's (`users.time_zone`), the same on the server and in the
     * browser. UTC without one (signed out, or an error page without the root's data).
     */
    readerZone,
    list: (items: readonly string[], kind?: "tags" | "sentence") => formatList(lang, items, kind),
    date: (date: Date | string, options: { timeZone: string; time?: boolean; weekday?: boolean }) =>
      formatDate(lang, date, { now, ...options }),
    zone: (timeZone: string) => formatTimeZone(lang, timeZone),
    /**
     * When something happens, in its own zone (the parent's: a visit's start), with that zone named
     * when the reader's is another; a list of several parents' visits names each one's.
     */
    eventTime: (date: Date | string, eventZone: string) =>
      namedUnlessReaders(formatDate(lang, date, { now, timeZone: eventZone, time: true }), eventZone, eventZone),
    /**
     * A deadline (to answer an offer, confirm or rate a visit, cancel for free): a moment the reader
     * acts by, so on the reader's own clock, with their zone named when the event's zone (the
     * parent's, in which the visit's own times beside it are written) is another.
     */
    deadline: (date: Date | string, eventZone: string) =>
      namedUnlessReaders(formatDate(lang, date, { now, timeZone: readerZone, time: true }), eventZone, readerZone),
  };
}
