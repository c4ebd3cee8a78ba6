// One entry of the thread: a text bubble, the carer's FAQ, an offer card, or a line saying what
// happened to an offer. Other people's messages can be reported.
import { Form, Link, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { useFormat } from "~/i18n/use-format";
import type { RootLoader } from "~/root";
import type { ViewedMessage } from "~/chat/messages.server";
import type { Clash, OfferView } from "~/chat/offers.server";
import { reportReasons } from "~/chat/limits";
import { FaqEntries } from "./faq-entries";
import { messageTime } from "./message-time";
import { OfferCard } from "./offer-card";
import { ErrorList } from "../ui/field";

export function MessageItem({
  message,
  offer,
  otherName,
  timeZone,
  seen,
  clashes,
  closed,
  side,
  refusal,
}: {
  side: "family" | "carer";
  message: ViewedMessage;
  offer: OfferView | undefined;
  otherName: string;
  /** The reader's own zone: when a message came is their moment, as in the inbox (ADR 023). */
  timeZone: string;
  /** The other side has read up to here (shown under one's own last message). */
  seen: boolean;
  /** The overlaps that refused accepting this message's offer, if that was the last thing sent. */
  clashes: Clash[] | null;
  /** Nothing more can be agreed in this conversation. */
  closed: boolean;
  /** Why answering this offer, or reporting this message, was just refused. */
  refusal?: string[] | undefined;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  // The clock alone for today's messages (by the page's clock, in the reader's zone).
  const now = useRouteLoaderData<RootLoader>("root")?.now;
  const time = messageTime(i18n.language, message.at, timeZone, now);
  if (message.kind === "event") {
    const data = message.eventData;
    const by = data?.by;
    // A person named by the line itself (which family member cancelled) reads as "You" to them; an
    // admin's cancellation is the platform's, not the other side's doing.
    const named = typeof data?.byName === "string" && data.byName ? data.byName : null;
    const you = data?.byYou === 1 || (named === null && by === side);
    const who = you ? t("chat.you") : (named ?? (by === "admin" ? t("app.name") : otherName));
    const visitId = message.eventData?.firstVisitId;
    const startsAt = message.eventData?.startsAt;
    const zone = message.eventData?.timeZone;
    const when =
      typeof startsAt === "string" && typeof zone === "string" ? format.eventTime(startsAt, zone) : undefined;
    return (
      <li id={`m${message.seq}`} className="message message--event">
        <span>{t(`chat.events.${message.event}` as "chat.events.offer_accepted", { who, when })}</span>{" "}
        {visitId ? (
          <Link to={`/visits/${visitId}`} className="link-target">
            {t("chat.viewVisit")}
          </Link>
        ) : null}
        <time dateTime={message.at}>{time}</time>
      </li>
    );
  }
  if (message.kind === "offer") {
    return (
      <li id={`m${message.seq}`} className={`message message--offer${message.own ? " message--own" : ""}`}>
        {offer ? <OfferCard offer={offer} otherName={otherName} clashes={clashes} closed={closed} /> : null}
        <ErrorList errors={refusal} />
        <time dateTime={message.at}>{time}</time>
      </li>
    );
  }
  if (message.kind === "faq") {
    return (
      <li id={`m${message.seq}`} className="message message--faq">
        {/* Sent in the carer's name: the carer reads it as her own answers, not the family's. */}
        <strong>{message.own ? t("chat.faqTitleOwn") : t("chat.faqTitle", { name: otherName })}</strong>
        <FaqEntries text={message.text} />
      </li>
    );
  }
  return (
    <li id={`m${message.seq}`} className={`message${message.own ? " message--own" : ""}`}>
      {/* Who wrote it, for a screen reader (the bubble's side says it to the eye): a live message was
          read out without its sender (an accessibility probe). */}
      <span className="visually-hidden">{t("chat.sender", { name: message.own ? t("chat.you") : otherName })}</span>
      {message.text === null ? <p className="muted">{t("chat.hidden")}</p> : <p className="pre-line">{message.text}</p>}
      {message.masked && <p className="message__note">{t("chat.maskedNote")}</p>}
      {message.maskedForOther && <p className="message__note">{t("chat.maskedForOther")}</p>}
      {message.hiddenFromOtherNow && <p className="message__note">{t("chat.hiddenFromOtherNow")}</p>}
      <footer>
        <time dateTime={message.at}>{time}</time>
        {message.own && seen && <span className="message__seen">{t("chat.seen")}</span>}
        {!message.own && message.text !== null && (
          <details className="report" open={refusal ? true : undefined}>
            <summary aria-label={t("chat.reportWhich", { time })}>{t("chat.report")}</summary>
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="report" />
              <input type="hidden" name="messageId" value={message.id} />
              <ErrorList errors={refusal} />
              <div className="field">
                <label htmlFor={`reason-${message.seq}`}>{t("chat.reportReason")}</label>
                <select id={`reason-${message.seq}`} name="reason" defaultValue="other">
                  {reportReasons.map((r) => (
                    <option key={r} value={r}>
                      {t(`chat.reasons.${r}`)}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor={`note-${message.seq}`}>{t("chat.reportNote")}</label>
                <input id={`note-${message.seq}`} name="note" maxLength={500} />
              </div>
              <button type="submit" className="button button--secondary">
                {t("chat.reportSend")}
              </button>
            </Form>
          </details>
        )}
      </footer>
    </li>
  );
}
