// A job at a time the carer is already booked: said on the list and on the job's page, before they
// write to the family (the offer would warn only then, with the visits: app/components/chat/clash-alert.tsx).
import { useTranslation } from "~/i18n/react";

export function JobClash({ weekly }: { weekly: boolean }) {
  const { t } = useTranslation();
  return (
    <p>
      <span className="badge badge--warn">{t(weekly ? "jobs.clashWeekly" : "jobs.clashOnce")}</span>
    </p>
  );
}
