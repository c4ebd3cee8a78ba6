// Money as the pages write it, in the viewer's language. (A request's time: format-schedule.ts, kept out
// of the shared chunk every page loads.)
import { numberFormat } from "~/i18n/formatters";

/**
 * Yuan with the plain ¥ in every language: Kinvisit prices only in yuan, and its labels say "¥"; English's
 * default symbol, "CN¥", told a price apart from yen that never appears here.
 */
export function formatMoney(cents: number, lang: string): string {
  return numberFormat(lang, {
    style: "currency",
    currency: "CNY",
    currencyDisplay: "narrowSymbol",
    maximumFractionDigits: cents % 100 ? 2 : 0,
  }).format(cents / 100);
}
