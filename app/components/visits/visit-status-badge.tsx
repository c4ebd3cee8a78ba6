// A visit's status as every page shows it: its label in the reader's language, coloured by status.
import type { VisitStatus } from "~db/schema";
import { useTranslation } from "~/i18n/react";

export function VisitStatusBadge({ status }: { status: VisitStatus }) {
  const { t } = useTranslation();
  return (
    <span className={`badge visit-status visit-status--${status}`} data-status={status}>
      {t(`visits.status.${status}`)}
    </span>
  );
}
