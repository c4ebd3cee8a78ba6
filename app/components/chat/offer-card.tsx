// An offer in the thread: the agreed-terms card, its state, and what the viewer may do with it.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { Clash, OfferView } from "~/chat/offers.server";
import { formatMoney } from "~/visit-requests/format";
import { formatTimeZone, inBrackets } from "~/i18n/formatters";
import { useFormat } from "~/i18n/use-format";
import { addDays, occurrences } from "~/visits/schedule";
import { YourTime } from "../ui/your-time";
import { ClashAlert } from "./clash-alert";
import { offerWhen } from "./offer-when";

export function OfferCard({
  offer,
  otherName,
  clashes,
  closed = false,
  readOnly = false,
}: {
  offer: OfferView;
  /** Shown as evidence (an admin's dispute page): the terms and the state, nothing to act on. */
  readOnly?: boolean;
  otherName: string;
  /** Nothing more can be agreed in the conversation (blocked, or the family member left): no accept or counter. */
  closed?: boolean;
  /** The visits accepting this offer would overlap, when that refused it: shown, then accept with the box ticked. */
  clashes?: Clash[] | null;
}) {
  const { t, i18n } = useTranslation();
  const open = offer.state === "open";
  const format = useFormat();
  const expires = format.deadline(offer.expiresAt, offer.timeZone);
  // The first visit the terms give: a weekly series' later ones can read differently on the reader's
  // clock once either zone changes its clocks, so only the first is shown there.
  const [first] = occurrences(offer, { through: addDays(offer.startDate, 6) });
  // Worked out by the server for the reader's side (offers.server.ts): none on the admin's record.
  const alreadyCosts = readOnly ? null : offer.alreadyCosts;
  return (
    <article className={`offer-card offer-card--${offer.state}`} aria-label={t("offer.title")}>
      <header>
        <strong>{offer.mine ? t("offer.fromYou") : t("offer.fromThem", { name: otherName })}</strong>
        <span className="badge">{t(`offer.states.${offer.state}`)}</span>
      </header>
      <dl className="details">
        <div>
          <dt>{t("requests.service")}</dt>
          <dd>{t(`catalogue.services.${offer.service}`)}</dd>
        </div>
        <div>
          <dt>{t("offer.when")}</dt>
          <dd>
            {offerWhen(t, i18n.language, offer, format.now)}
            {inBrackets(i18n.language, formatTimeZone(i18n.language, offer.timeZone))}
            {first && (
              <YourTime
                start={first.startsAt}
                end={first.endsAt}
                eventZone={offer.timeZone}
                first={offer.schedule === "weekly"}
              />
            )}
          </dd>
        </div>
        <div>
          <dt>{t("offer.priceShown")}</dt>
          <dd>{t("offer.perVisit", { price: formatMoney(offer.priceCents, i18n.language) })}</dd>
        </div>
        {offer.tasks.length > 0 && (
          <div>
            <dt>{t("offer.tasksTitle")}</dt>
            <dd>
              <ul className="task-list">
                {offer.tasks.map((task, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list; masked tasks can read the same ("call ▒▒▒")
                  <li key={`${i}-${task}`}>{task}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("offer.cancellation")}</dt>
          <dd>
            {t(`offer.cancellations.${offer.cancellation}`)}
            {alreadyCosts && (
              <p className="form-alert" data-testid="offer-inside-window">
                {alreadyCosts.feeCents !== null
                  ? t(offer.schedule === "once" ? "offer.insideFreeWindowOnce" : "offer.insideFreeWindow", {
                      fee: formatMoney(alreadyCosts.feeCents, i18n.language),
                    })
                  : t(offer.schedule === "once" ? "offer.insideLateWindowOnce" : "offer.insideLateWindow")}
              </p>
            )}
          </dd>
        </div>
        {open && (
          <div>
            <dt>{t("offer.answerBy")}</dt>
            <dd>{expires}</dd>
          </div>
        )}
      </dl>
      {open && !readOnly && (
        <div className="actions">
          {offer.mine ? (
            <Form method="post" replace>
              <input type="hidden" name="offerId" value={offer.id} />
              <button type="submit" name="intent" value="withdraw" className="button button--secondary">
                {t("offer.withdraw")}
              </button>
            </Form>
          ) : (
            <>
              {!closed && (
                // noValidate: Accept without the box ticked is answered by the server with the clash again,
                // in the page's language, not by the browser's bubble.
                <Form method="post" className="stack" noValidate>
                  <input type="hidden" name="offerId" value={offer.id} />
                  {clashes && clashes.length > 0 && (
                    <ClashAlert clashes={clashes} timeZone={offer.timeZone} action="accept" />
                  )}
                  <button type="submit" name="intent" value="accept" className="button">
                    {t("offer.accept")}
                  </button>
                </Form>
              )}
              <Form method="post" replace>
                <input type="hidden" name="offerId" value={offer.id} />
                <button type="submit" name="intent" value="decline" className="button button--secondary">
                  {t("offer.decline")}
                </button>
              </Form>
              {!closed && (
                <Link to={`?counter=${offer.id}#offer`} className="button button--secondary" preventScrollReset>
                  {t("offer.counter")}
                </Link>
              )}
            </>
          )}
        </div>
      )}
    </article>
  );
}
