// A page of a carer's reviews: stars per metric, the comment, the family's follow-up and the carer's
// reply. The carer gets a reply form on reviews they may still answer; an admin gets hide buttons.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";
import { dateTimeFormat } from "~/i18n/formatters";
import { HIDE_REASON_MAX } from "~/ratings/limits";
import { METRICS } from "~/ratings/scores";
import { COMMENT_MAX } from "~/ratings/limits";
import { ErrorList } from "../ui/field";
import { Stars } from "./star-fieldset";

interface Text {
  text: string | null;
  hidden: boolean;
}
export interface ReviewView {
  id: string;
  service: ServiceKind;
  stars: { asAgreed: number; care: number; punctuality: number };
  by: string;
  ratedAt: string;
  comment: Text | null;
  followUp: Text | null;
  followUpAt: string | null;
  reply: Text | null;
  replyAt: string | null;
  canReply: boolean;
  canHide: boolean;
}

function ReviewText({
  label,
  value,
  hideKey,
  part,
  review,
}: {
  label?: string;
  value: Text | null;
  hideKey: "hideComment" | "hideFollowUp" | "hideReply";
  part: "comment" | "follow_up" | "reply";
  review: ReviewView;
}) {
  const { t } = useTranslation();
  if (!value) return null;
  return (
    <div className="review-text" data-part={part}>
      <p className="pre-line">
        {label && <strong>{label}: </strong>}
        {value.text === null ? <em className="muted">{t("ratings.profile.hidden")}</em> : value.text}
        {value.hidden && value.text !== null && (
          <span className="badge badge--muted"> {t("ratings.profile.hiddenForOthers")}</span>
        )}
      </p>
      {review.canHide && !value.hidden && (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="hide" />
          <input type="hidden" name="ratingId" value={review.id} />
          <input type="hidden" name="part" value={part} />
          <label className="visually-hidden" htmlFor={`hide-${review.id}-${part}`}>
            {t("ratings.profile.hideReason")}
          </label>
          <input
            id={`hide-${review.id}-${part}`}
            name="reason"
            required
            maxLength={HIDE_REASON_MAX}
            placeholder={t("ratings.profile.hideReason")}
          />
          <button type="submit" className="button button--secondary button--small">
            {t(`ratings.profile.${hideKey}`)}
          </button>
        </Form>
      )}
    </div>
  );
}

export function ReviewList({
  reviews,
  total,
  page,
  perPage,
  timeZone,
  errors,
  service,
}: {
  reviews: ReviewView[];
  total: number;
  page: number;
  perPage: number;
  timeZone: string;
  errors?: string[];
  /** The compared service, kept in the pages' links. */
  service?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const date = (iso: string) => dateTimeFormat(i18n.language, { dateStyle: "medium", timeZone }).format(new Date(iso));
  const pages = Math.max(1, Math.ceil(total / perPage));
  const pageUrl = (n: number) => `?page=${n}${service ? `&service=${service}` : ""}#reviews-title`;
  return (
    <section className="card stack" aria-labelledby="reviews-title">
      <h2 id="reviews-title">{t("ratings.profile.reviews", { count: total })}</h2>
      <ErrorList errors={errors} />
      {reviews.length === 0 ? (
        <p className="muted">{t("ratings.profile.noReviews")}</p>
      ) : (
        <ol className="review-list">
          {reviews.map((r) => (
            <li key={r.id} className="review" data-review={r.id}>
              <p className="review-head">
                <strong>{r.by}</strong> · {t(`catalogue.services.${r.service}`)} ·{" "}
                <time dateTime={r.ratedAt}>{date(r.ratedAt)}</time>
              </p>
              <dl className="review-stars">
                {METRICS.map((m) => (
                  <div key={m}>
                    <dt>{t(`ratings.metrics.${m}`)}</dt>
                    <dd>
                      <Stars value={r.stars[m]} />
                    </dd>
                  </div>
                ))}
              </dl>
              <ReviewText value={r.comment} hideKey="hideComment" part="comment" review={r} />
              <ReviewText
                label={`${t("ratings.profile.followUp")}${r.followUpAt ? ` (${date(r.followUpAt)})` : ""}`}
                value={r.followUp}
                hideKey="hideFollowUp"
                part="follow_up"
                review={r}
              />
              <ReviewText
                label={t("ratings.profile.reply")}
                value={r.reply}
                hideKey="hideReply"
                part="reply"
                review={r}
              />
              {r.canReply && (
                <Form method="post" className="stack reply-form">
                  <input type="hidden" name="intent" value="reply" />
                  <input type="hidden" name="ratingId" value={r.id} />
                  <label htmlFor={`reply-${r.id}`}>{t("ratings.profile.replyLabel")}</label>
                  <textarea id={`reply-${r.id}`} name="reply" maxLength={COMMENT_MAX} required />
                  <button type="submit" className="button button--secondary">
                    {t("ratings.profile.replySubmit")}
                  </button>
                </Form>
              )}
            </li>
          ))}
        </ol>
      )}
      {pages > 1 && (
        <nav aria-label={t("ratings.profile.reviewsNav")} className="actions">
          {page > 1 && (
            <Link to={pageUrl(page - 1)} rel="prev" className="link-target">
              {t("ratings.profile.newer")}
            </Link>
          )}
          <span className="muted">
            {page} / {pages}
          </span>
          {page < pages && (
            <Link to={pageUrl(page + 1)} rel="next" className="link-target">
              {t("ratings.profile.older")}
            </Link>
          )}
        </nav>
      )}
    </section>
  );
}
