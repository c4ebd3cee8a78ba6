// The long part of a dispute's evidence: the visit log with its corrections and photo, the parent's own
// answer, every event of the visit, and the whole chat as written, with what the receiver saw where
// contact details were masked. Loaded with the page, not before it.
import { useTranslation } from "~/i18n/react";
import { useFormat } from "~/i18n/use-format";
import type { DisputeEvidence } from "~/admin/disputes.server";
import { FaqEntries } from "~/components/chat/faq-entries";
import { OfferCard } from "~/components/chat/offer-card";
import { LogDetails, useLogLabels } from "~/components/visits/visit-log-view";
import { VisitStatusBadge } from "~/components/visits/visit-status-badge";
import { useReasonText } from "~/components/visits/format";
import { EvidencePart } from "./evidence-part";
import { When } from "./when";

export function DisputeRecord({ evidence: e }: { evidence: DisputeEvidence }) {
  const { t } = useTranslation();
  // A carer's tap may carry a listed reason's code ("gps_wrong": a new-user walk): in words.
  const reasonText = useReasonText();
  const logLabels = useLogLabels();
  const zone = e.visit.timeZone;
  return (
    <>
      <EvidencePart id="log" title={t("adminPanel.disputes.log")}>
        {e.log ? (
          <>
            <LogDetails log={e.log} tasks={e.visit.tasks} />
            {e.log.hasPhoto && (
              <img
                className="visit-photo"
                src={`/admin/disputes/${e.dispute.id}/photo`}
                alt={t("adminPanel.disputes.photo")}
                width={320}
              />
            )}
          </>
        ) : (
          <p>{t("adminPanel.disputes.noLog")}</p>
        )}
        {e.corrections.length > 0 && (
          <ul>
            {e.corrections.map((c) => (
              <li key={`${c.field}-${c.at}`} className="pre-line">
                <When at={c.at} timeZone={zone} /> ·{" "}
                {t("visits.track.correctionLine", {
                  field: logLabels.field(c.field),
                  old: logLabels.value(c.field, c.oldValue),
                  new: logLabels.value(c.field, c.newValue),
                })}{" "}
                ({c.reason})
              </li>
            ))}
          </ul>
        )}
      </EvidencePart>

      <EvidencePart id="parent" title={t("adminPanel.disputes.parentAnswer")}>
        {e.parentAnswer ? (
          <p>
            {t("adminPanel.disputes.asked")} <When at={e.parentAnswer.sentAt} timeZone={zone} /> ·{" "}
            {e.parentAnswer.answer
              ? t(`adminPanel.disputes.answers.${e.parentAnswer.answer}`)
              : t("adminPanel.disputes.noAnswer")}
            {e.parentAnswer.reply && (
              <>
                {" "}
                · {t("adminPanel.disputes.replied")} “{e.parentAnswer.reply.body}” (
                <When at={e.parentAnswer.reply.at} timeZone={zone} />)
              </>
            )}
          </p>
        ) : (
          <p>{t("adminPanel.disputes.notAsked")}</p>
        )}
      </EvidencePart>

      <EvidencePart id="events" title={t("adminPanel.disputes.events")}>
        <ol className="timeline">
          {e.events.map((ev) => (
            <li key={ev.id}>
              <When at={ev.at} timeZone={zone} /> ·{" "}
              {ev.fromStatus ? (
                <>
                  <VisitStatusBadge status={ev.fromStatus} /> →{" "}
                </>
              ) : null}
              <VisitStatusBadge status={ev.toStatus} /> · {ev.actorName ?? "Kinvisit"}
              {ev.reason
                ? ` · ${"code" in ev.reason ? t(`visits.track.systemReasons.${ev.reason.code}`) : reasonText(ev.reason.words)}`
                : ""}
            </li>
          ))}
        </ol>
      </EvidencePart>

      <EvidencePart id="chat" title={t("adminPanel.disputes.chat")}>
        <p className="muted">{t("adminPanel.disputes.chatIntro")}</p>
        {e.transcript.length === 0 ? (
          <p>—</p>
        ) : (
          <ol className="thread">
            {e.transcript.map((msg) => (
              <li key={msg.seq} className="stack">
                {/* Paragraphs, not spans: in a list item the who-and-when, the words and what the receiver
                    saw ran on as one line ("…1:12 PMHello!…", found on a walk). */}
                <p className="muted">
                  #{msg.seq} · {msg.senderName} · <When at={msg.at} timeZone={zone} />
                  {msg.hidden ? ` · ${t("adminPanel.disputes.hiddenMessage")}` : ""}
                </p>
                <ChatEntry message={msg} />
                {msg.maskedBody !== null && (
                  <p className="muted pre-line">{t("adminPanel.reports.receiverSaw", { text: msg.maskedBody })}</p>
                )}
              </li>
            ))}
          </ol>
        )}
      </EvidencePart>
    </>
  );
}

/** One chat message as the chat showed it: an offer with its terms, the FAQ, a line saying what happened, or text. */
function ChatEntry({ message: m }: { message: DisputeEvidence["transcript"][number] }) {
  const { t } = useTranslation();
  const format = useFormat();
  switch (m.kind) {
    case "offer":
      return m.offer ? <OfferCard offer={m.offer} otherName={m.senderName} readOnly /> : <span>—</span>;
    case "faq":
      return <FaqEntries text={m.body} />;
    case "event":
      return (
        <p>
          {t(`chat.events.${m.event}` as "chat.events.offer_accepted", {
            who: m.eventBy ?? "—",
            when: m.eventWhen ? format.eventTime(m.eventWhen.startsAt, m.eventWhen.timeZone) : "",
            defaultValue: m.event ?? "",
          })}
        </p>
      );
    default:
      return <p className="pre-line">{m.body}</p>;
  }
}
