// Money as the pages write it, in the viewer's language. (A request's time: format-schedule.ts, kept out
// of the shared chunk every page loads.)
import { numberFormat } from "~/i18n/formatters";

export function formatMoney(cents: number, lang: string): string {
  return numberFormat(lang, {
    style: "currency",
    currency: "CNY",
    maximumFractionDigits: cents % 100 ? 2 : 0,
  }).format(cents / 100);
}
