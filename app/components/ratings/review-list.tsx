// A page of a carer's reviews: stars per metric, the comment, the family's follow-up and the carer's
// reply. The carer gets a reply form on reviews they may still answer; an admin gets hide buttons.
import { Form, Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";
import { inBrackets } from "~/i18n/formatters";
import { useFormat } from "~/i18n/use-format";
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
  /** Rated, then ruled missed or cancelled after a dispute: the stars do not count. */
  ruledNotDone: boolean;
}

/**
 * The form last sent from this page and refused: its messages go beside that form (the review's
 * reply box, or one hide form), with what was typed, not at the top of the list.
 */
export interface RefusedForm {
  values: Record<string, unknown>;
  errors: Record<string, string[] | null>;
}

/** The refusal's messages and typed text if it came from the form of this review (and part), else nothing. */
function refusalOf(refused: RefusedForm | undefined, intent: "reply" | "hide", ratingId: string, part?: string) {
  const v = refused?.values;
  if (!v || v.intent !== intent || v.ratingId !== ratingId || (part && v.part !== part)) return null;
  const field = intent === "reply" ? "reply" : "reason";
  const messages = [...(refused.errors[""] ?? []), ...(refused.errors[field] ?? [])];
  return { messages, typed: typeof v[field] === "string" ? v[field] : "" };
}

/** Whether the refused form is drawn on this page, where its messages then go. */
function formShown(reviews: ReviewView[], refused: RefusedForm | undefined): boolean {
  const v = refused?.values;
  const review = reviews.find((r) => r.id === v?.ratingId);
  if (!v || !review) return false;
  if (v.intent === "reply") return review.canReply;
  const text = { comment: review.comment, follow_up: review.followUp, reply: review.reply }[String(v.part)];
  return review.canHide && Boolean(text) && !text?.hidden;
}

function ReviewText({
  label,
  value,
  hideKey,
  part,
  review,
  refused,
}: {
  label?: string;
  value: Text | null;
  hideKey: "hideComment" | "hideFollowUp" | "hideReply";
  part: "comment" | "follow_up" | "reply";
  review: ReviewView;
  refused?: RefusedForm;
}) {
  const { t } = useTranslation();
  if (!value) return null;
  const refusal = refusalOf(refused, "hide", review.id, part);
  const inputId = `hide-${review.id}-${part}`;
  return (
    <div className="review-text" data-part={part}>
      <p className="pre-line">
        {label && (
          <strong>
            {label}
            {t("app.labelColon")}
          </strong>
        )}
        {value.text === null ? <em className="muted">{t("ratings.profile.hidden")}</em> : value.text}
        {value.hidden && value.text !== null && (
          <span className="badge badge--muted"> {t("ratings.profile.hiddenForOthers")}</span>
        )}
      </p>
      {review.canHide && !value.hidden && (
        <Form method="post" className="inline-form" noValidate>
          <input type="hidden" name="intent" value="hide" />
          <input type="hidden" name="ratingId" value={review.id} />
          <input type="hidden" name="part" value={part} />
          <label className="visually-hidden" htmlFor={`hide-${review.id}-${part}`}>
            {t("ratings.profile.hideReason")}
          </label>
          <input
            id={inputId}
            name="reason"
            required
            maxLength={HIDE_REASON_MAX}
            placeholder={t("ratings.profile.hideReason")}
            defaultValue={refusal?.typed}
            aria-invalid={refusal?.messages.length ? true : undefined}
            aria-describedby={refusal?.messages.length ? `${inputId}-error` : undefined}
          />
          <button type="submit" className="button button--secondary button--small">
            {t(`ratings.profile.${hideKey}`)}
          </button>
          <ErrorList id={`${inputId}-error`} errors={refusal?.messages} />
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
  refused,
  service,
}: {
  reviews: ReviewView[];
  total: number;
  page: number;
  perPage: number;
  timeZone: string;
  refused?: RefusedForm;
  /** The compared service, kept in the pages' links. */
  service?: string | null;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  const date = (iso: string) => format.date(iso, { timeZone, weekday: false });
  const pages = Math.max(1, Math.ceil(total / perPage));
  const pageUrl = (n: number) => `?page=${n}${service ? `&service=${service}` : ""}#reviews-title`;
  return (
    <section className="card stack" aria-labelledby="reviews-title">
      <h2 id="reviews-title">{t("ratings.profile.reviews", { count: total })}</h2>
      {/* A refusal whose form is no longer on the page (replied meanwhile, on another page of reviews). */}
      <ErrorList errors={formShown(reviews, refused) ? undefined : [...(refused?.errors[""] ?? [])]} />
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
              {r.ruledNotDone && <p className="muted">{t("ratings.profile.ruledNotDone")}</p>}
              <ReviewText value={r.comment} hideKey="hideComment" part="comment" review={r} refused={refused} />
              <ReviewText
                label={`${t("ratings.profile.followUp")}${r.followUpAt ? inBrackets(format.lang, date(r.followUpAt)) : ""}`}
                value={r.followUp}
                hideKey="hideFollowUp"
                part="follow_up"
                review={r}
                refused={refused}
              />
              <ReviewText
                label={t("ratings.profile.reply")}
                value={r.reply}
                hideKey="hideReply"
                part="reply"
                review={r}
                refused={refused}
              />
              {r.canReply && <ReplyForm review={r} refused={refused} />}
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

function ReplyForm({ review, refused }: { review: ReviewView; refused?: RefusedForm }) {
  const { t } = useTranslation();
  const refusal = refusalOf(refused, "reply", review.id);
  const id = `reply-${review.id}`;
  const invalid = Boolean(refusal?.messages.length);
  return (
    <Form method="post" className="stack reply-form" noValidate>
      <input type="hidden" name="intent" value="reply" />
      <input type="hidden" name="ratingId" value={review.id} />
      <div className="field">
        <label htmlFor={id}>{t("ratings.profile.replyLabel")}</label>
        <textarea
          id={id}
          name="reply"
          maxLength={COMMENT_MAX}
          required
          rows={3}
          defaultValue={refusal?.typed}
          aria-invalid={invalid || undefined}
          aria-describedby={invalid ? `${id}-error` : undefined}
        />
        <ErrorList id={`${id}-error`} errors={refusal?.messages} />
      </div>
      <button type="submit" className="button button--secondary">
        {t("ratings.profile.replySubmit")}
      </button>
    </Form>
  );
}
