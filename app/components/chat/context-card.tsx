// What a conversation is about, pinned at its top: the carer's service, or the visit request.
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";
import { formatMoney } from "~/visit-requests/format";
import { formatSchedule } from "~/visit-requests/format-schedule";
import { useFormat } from "~/i18n/use-format";

export type ContextCardData =
  | { kind: "service"; service: ServiceKind | null; priceCents: number | null; minMinutes: number | null }
  | {
      kind: "request";
      requestId: string | null;
      status: string | null;
      service: ServiceKind;
      schedule: { startsAt: string | null; weekdays: number[] | null; startMinute: number | null; timeZone: string };
      durationMinutes: number | null;
      budgetCents: number | null;
    };

export function ContextCard({ context }: { context: ContextCardData }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (context.kind === "service") {
    if (!context.service) return null;
    return (
      <aside className="context-card" aria-label={t("chat.contextService")}>
        <strong>{t(`catalogue.services.${context.service}`)}</strong>
        {context.priceCents !== null && (
          <span>
            {t("carers.perHour", {
              price: formatMoney(context.priceCents, i18n.language),
              minutes: context.minMinutes ?? 0,
            })}
          </span>
        )}
      </aside>
    );
  }
  return (
    <aside className="context-card" aria-label={t("chat.contextRequest")}>
      <strong>
        {t("chat.contextRequest")}
        {t("app.labelColon")}
        {t(`catalogue.services.${context.service}`)}
      </strong>
      <span>{formatSchedule(t, i18n.language, context.schedule, format.now)}</span>
      {context.durationMinutes ? <span>{t("offer.duration", { minutes: context.durationMinutes })}</span> : null}
      {context.budgetCents !== null && (
        <span>
          {t("requests.budgetShown")}
          {t("app.labelColon")}
          {formatMoney(context.budgetCents, i18n.language)}
        </span>
      )}
      {context.status !== "open" && <span className="badge">{t("chat.requestClosed")}</span>}
    </aside>
  );
}
