// The parent's visit requests, newest first, each open one with its cancel button.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { ServiceKind, VisitRequest } from "~db/schema";
import { IntentButton } from "~/components/ui/intent-button";
import { formatSchedule } from "~/visit-requests/format-schedule";
import { formatMoney } from "~/visit-requests/format";

interface RequestRow {
  id: string;
  service: ServiceKind;
  status: VisitRequest["status"];
  startsAt: string | null;
  weekdays: number[] | null;
  startMinute: number | null;
  timeZone: string;
  durationMinutes: number;
  budgetCents: number | null;
  notes: string;
  /** Whether carers read the notes with contact details hidden. */
  notesMaskedForCarers: boolean;
}

export function ParentRequests({
  requests,
  answers,
  action,
  now,
}: {
  requests: RequestRow[];
  /** Per open request, the carers who answered it in chat (a link for the member who posted it). */
  answers: Record<string, { conversationId: string | null; carerName: string }[]>;
  action: string;
  /** The loader's clock, for dates with a year only when it is not this year. */
  now: string;
}) {
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
                {t(`catalogue.services.${r.service}`)} · {formatSchedule(t, i18n.language, r, now)} ·{" "}
                {t(`requests.status.${r.status}`)}
              </span>
              {/* What carers read of it too: its length and the budget set (a new-user walk missed them). */}
              <span className="muted">
                {t("jobs.duration", { minutes: r.durationMinutes })}
                {r.budgetCents !== null &&
                  ` · ${t("jobs.budget", { price: formatMoney(r.budgetCents, i18n.language) })}`}
              </span>
              {r.notes && <p className="pre-line">{r.notes}</p>}
              {r.notesMaskedForCarers && <p className="muted">{t("requests.notesMasked")}</p>}
              {(answers[r.id] ?? []).length > 0 && (
                <p className="answers">
                  {t("chat.answeredBy")}
                  {t("app.labelColon")}
                  {(answers[r.id] ?? []).map((a, i) => (
                    <span key={a.conversationId ?? `${a.carerName}-${i}`}>
                      {i > 0 ? ", " : ""}
                      {a.conversationId ? <Link to={`/chat/${a.conversationId}`}>{a.carerName}</Link> : a.carerName}
                    </span>
                  ))}
                </p>
              )}
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
