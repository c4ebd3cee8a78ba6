// The family dashboard's visits across all their parents: what is coming up or under way, and what
// waits for them: a carer's offer to answer (in its chat), a visit to confirm or rate (on its page).
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";
import type { VisitStatus } from "~db/schema";
import { inBrackets } from "~/i18n/formatters";
import { useFormat } from "~/i18n/use-format";
import { YourTime } from "~/components/ui/your-time";
import { offerWhen, type OfferTerms } from "~/components/chat/offer-when";
import { formatMoney } from "~/visit-requests/format";

interface DigestRow {
  id: string;
  status: VisitStatus;
  service: ServiceKind;
  startsAt: string;
  endsAt: string;
  parentName: string;
  timeZone: string;
  carerName: string;
}

interface WaitingRow extends DigestRow {
  confirmBy: string | null;
  /** Null once rated. */
  rateBy: string | null;
}

interface OfferRow extends OfferTerms {
  id: string;
  conversationId: string;
  service: ServiceKind;
  timeZone: string;
  /** The first visit's start and end, for the reader's own clock. */
  startsAt: string;
  endsAt: string;
  priceCents: number;
  expiresAt: string;
  parentName: string;
  carerName: string;
  /** The offer's message in the chat: "See the offer" lands on it. */
  messageSeq: number | null;
}

const LIVE: readonly VisitStatus[] = ["on_the_way", "in_progress"];

export function FamilyDigest({
  coming,
  comingLimit,
  offers,
  waiting,
}: {
  coming: DigestRow[];
  /** How many coming visits the list holds at most: a full list says where the rest are. */
  comingLimit: number;
  offers: OfferRow[];
  waiting: WaitingRow[];
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const at = (iso: string, timeZone: string) => format.eventTime(iso, timeZone);
  const what = (v: DigestRow) =>
    `${v.parentName} · ${at(v.startsAt, v.timeZone)} · ${t(`catalogue.services.${v.service}`)} · ${v.carerName}`;
  return (
    <>
      {offers.length + waiting.length > 0 && (
        <section className="card stack" aria-labelledby="waiting-title">
          <h2 id="waiting-title">{t("family.waitingTitle")}</h2>
          <ul className="card-list waiting-list">
            {offers.map((o) => (
              <li key={o.id} className="stack">
                {/* A title, not a link: "See the offer" below goes to the same chat (one stop, not two). */}
                <h3>
                  {t("family.offerFrom", {
                    carer: o.carerName,
                    parent: o.parentName,
                    service: t(`catalogue.services.${o.service}`),
                  })}
                </h3>
                <p>
                  {offerWhen(t, i18n.language, o, format.now)}
                  {/* Named, as every other line here, when the reader's zone is another (a walk). */}
                  {format.readerZone !== o.timeZone && inBrackets(i18n.language, format.zone(o.timeZone))} ·{" "}
                  {t("offer.perVisit", { price: formatMoney(o.priceCents, i18n.language) })}
                </p>
                <YourTime start={o.startsAt} end={o.endsAt} eventZone={o.timeZone} />
                <p className="muted">
                  {t("family.offerAnswerBy", { deadline: format.deadline(o.expiresAt, o.timeZone) })}
                </p>
                <p className="actions">
                  <Link className="button" to={`/chat/${o.conversationId}${o.messageSeq ? `#m${o.messageSeq}` : ""}`}>
                    {t("family.seeOffer")}
                  </Link>
                </p>
              </li>
            ))}
            {waiting.map((v) => (
              <li key={v.id} className="stack">
                <Link to={`/visits/${v.id}`} className="row-link">
                  {what(v)}
                </Link>
                <p className="muted">
                  {v.confirmBy && v.rateBy
                    ? t("family.confirmAndRate", {
                        confirmBy: format.deadline(v.confirmBy, v.timeZone),
                        rateBy: format.deadline(v.rateBy, v.timeZone),
                      })
                    : v.confirmBy
                      ? t("family.confirmBy", { confirmBy: format.deadline(v.confirmBy, v.timeZone) })
                      : t("family.rateBy", { rateBy: format.deadline(v.rateBy!, v.timeZone) })}
                </p>
                <p className="actions">
                  {v.confirmBy && (
                    <Link className="button" to={`/visits/${v.id}/confirm`}>
                      {t("family.confirm")}
                    </Link>
                  )}
                  {v.rateBy && (
                    <Link className={v.confirmBy ? "button button--secondary" : "button"} to={`/visits/${v.id}/rate`}>
                      {t("family.rate")}
                    </Link>
                  )}
                </p>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="card stack" aria-labelledby="coming-title">
        <h2 id="coming-title">{t("family.comingTitle")}</h2>
        {coming.length === 0 ? (
          <p className="muted">{t("family.comingNone")}</p>
        ) : (
          <ul className="card-list">
            {coming.map((v) => (
              <li key={v.id}>
                <Link to={`/visits/${v.id}`} className="row-link">
                  {what(v)}{" "}
                  <span className={LIVE.includes(v.status) ? "badge badge--ok" : "badge"}>
                    {t(`visits.status.${v.status}`)}
                  </span>
                </Link>
                <YourTime start={v.startsAt} end={v.endsAt} eventZone={v.timeZone} />
              </li>
            ))}
          </ul>
        )}
        {/* A weekly series fills the list: it looked like all there was (a new-user walk). */}
        {coming.length >= comingLimit && <p className="muted">{t("family.comingMore", { count: comingLimit })}</p>}
      </section>
    </>
  );
}
