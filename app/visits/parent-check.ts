// The parent's own word (PRODUCT §5): reading a reply to "Did <carer> visit you today? Reply 1 for
// yes, 2 for no.", and which day the question names when quiet hours hold it until the morning. Pure.
import { zonedParts } from "~/geo/time-zone";

const YES = new Set(["1", "一", "是", "来了", "來了", "Y"]);
const NO = new Set(["2", "二", "否", "没有", "沒有", "没来", "沒來", "不", "N", "NO"]);

/** "yes", "no", or null for anything else (which changes nothing). */
export function readParentAnswer(body: string): "yes" | "no" | null {
  const word = body
    .normalize("NFKC") // full-width digits and letters, as phones in China often send them
    .trim()
    .toUpperCase()
    .replace(/[.!?。！？\s]+$/u, "");
  if (YES.has(word)) return "yes";
  if (NO.has(word)) return "no";
  return null;
}

/** The question says "today" unless quiet hours carry it past midnight in the parent's zone. */
export function questionDay(timeZone: string, checkedOutAt: Date, sendAt: Date): "today" | "yesterday" {
  const a = zonedParts(timeZone, checkedOutAt);
  const b = zonedParts(timeZone, sendAt);
  return a.year === b.year && a.month === b.month && a.day === b.day ? "today" : "yesterday";
}

/** A reply counts for a question sent at most this long ago. */
export const ANSWER_WINDOW_MS = 7 * 24 * 3_600_000;
