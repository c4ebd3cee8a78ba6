// The parent's visit requests, newest first, each open one with its cancel button.
import { useTranslation } from "react-i18next";
import type { ServiceKind, VisitRequest } from "~db/schema";
import { IntentButton } from "~/components/ui/intent-button";
import { formatSchedule } from "~/visit-requests/format";

interface RequestRow {
  id: string;
  service: ServiceKind;
  status: VisitRequest["status"];
  startsAt: string | null;
  weekdays: number[] | null;
  startMinute: number | null;
  timeZone: string;
}

export function ParentRequests({ requests, action }: { requests: RequestRow[]; action: string }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="card stack" aria-labelledby="requests-title">
      <h2 id="requests-title">{t("parents.requests")}</h2>
      {requests.length === 0 ? (
        <p className="muted">{t("parents.noRequests")}</p>
      ) : (
        <ul className="card-list">
          {requests.map((r) => (
            <li key={r.id} className="request-row">
              <span>
                {t(`catalogue.services.${r.service}`)} · {formatSchedule(t, i18n.language, r)} ·{" "}
                {t(`requests.status.${r.status}`)}
              </span>
              {r.status === "open" && (
                <IntentButton
                  intent="cancel-request"
                  fields={{ requestId: r.id }}
                  label={t("requests.cancel")}
                  action={action}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
