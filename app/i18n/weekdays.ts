// Weekdays named in a list (its own module: the formatters are on every page, this on a few).
import { formatList } from "./formatters";

/**
 * Weekdays (0 = Sunday) named in the reader's language, Monday first as the forms list them: stored in
 * number order, Sunday came first ("每星期日、星期一", an outside probe).
 */
export function formatWeekdays(
  t: (key: `catalogue.weekdays.${number}`) => string,
  locale: string,
  days: readonly number[],
): string {
  const mondayFirst = [...days].sort((a, b) => ((a + 6) % 7) - ((b + 6) % 7));
  return formatList(
    locale,
    mondayFirst.map((d) => t(`catalogue.weekdays.${d}`)),
  );
}
