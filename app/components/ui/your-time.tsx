// A span of time on the reader's own clock, under the same span in the zone it happens in (a visit:
// the parent's), only when the two clocks read differently (PRODUCT §1, ADR 023).
import { useTranslation } from "~/i18n/react";
import { formatSpanInReaderZone, inBrackets } from "~/i18n/formatters";
import { useFormat } from "~/i18n/use-format";

export function YourTime({
  start,
  end,
  eventZone,
  first = false,
}: {
  start: Date | string;
  end: Date | string;
  eventZone: string;
  /** The span is the first of a weekly series (later ones may read differently across a change of clocks). */
  first?: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const when = formatSpanInReaderZone(format.lang, start, end, {
    now: format.now,
    eventZone,
    readerZone: format.readerZone,
  });
  if (!when) return null;
  return (
    <p className="muted your-time" data-zone={format.readerZone}>
      {t(first ? "app.yourTimeFirst" : "app.yourTime", { when })}
      {inBrackets(format.lang, format.zone(format.readerZone))}
    </p>
  );
}
