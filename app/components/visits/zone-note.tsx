// "Times are in China Standard Time": under a visit's record and timeline, whose times are the
// parent's wall clock, for a reader whose own zone is another (a family member abroad). Nothing for a
// reader in the parent's zone.
import { useTranslation } from "~/i18n/react";
import { useFormat } from "~/i18n/use-format";

export function ZoneNote({ timeZone }: { timeZone: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (format.readerZone === timeZone) return null;
  return <p className="muted">{t("visits.timesIn", { zone: format.zone(timeZone) })}</p>;
}
