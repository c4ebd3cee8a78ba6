// /visits/:visitId/rate: the visit's family rates it on the three metrics (once, within 15 days of its
// completion), then may add one follow-up within 180 days. The check-out text links here. Carers
// (the visit's own included) get a 403, other families a 404.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { StarFieldset, Stars } from "~/components/ratings/star-fieldset";
import { TextareaFor } from "~/components/ui/conform-fields";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { ErrorList } from "~/components/ui/field";
import { SubmissionKeyInput } from "~/components/ui/submission-key-input";
import { invalid, readFormData, unreachable } from "~/http/forms.server";
import { newSubmissionKey, oncePerSubmission, submissionOf } from "~/http/once.server";
import { invariantResponse } from "~/http/responses.server";
import { useFormat } from "~/i18n/use-format";
import { addFollowUp, type FollowUpResult, type RateError, rateVisit, ratingPageView } from "~/ratings/ratings.server";
import { COMMENT_MAX } from "~/ratings/limits";
import { RateActionSchema } from "~/ratings/schemas";
import { METRICS } from "~/ratings/scores";
import { requireVisitParty } from "~/visits/party-guard.server";
import type { PageHandle } from "~/components/page-title";
import type { NotDone } from "~/visits/visit-status";
import { revalidateWhenStale } from "~/http/revalidate";

const validateRating = deferredValidation(() => import("~/ratings/schemas").then((m) => m.RateActionSchema));

export const handle: PageHandle = { title: "titles.rate" };

/** Why a visit is not rated, said as the page says it: a cancelled visit never "once it is completed". */
const NOT_DONE = {
  cancelled: "ratings.rate.cancelled",
  missed: "ratings.rate.missed",
  disputed: "ratings.rate.underDispute",
  no_check_out: "ratings.rate.noCheckOut",
  not_yet: "ratings.rate.notCompleted",
} as const satisfies Record<NotDone, string>;

type RateRefusal = Exclude<RateError, "not_completed"> | NotDone;

const RATE_ERRORS = {
  cancelled: [NOT_DONE.cancelled, 409],
  missed: [NOT_DONE.missed, 409],
  disputed: [NOT_DONE.disputed, 409],
  no_check_out: [NOT_DONE.no_check_out, 409],
  not_yet: ["ratings.errors.notCompleted", 409],
  closed: ["ratings.errors.closed", 409],
  already_rated: ["ratings.errors.alreadyRated", 409],
  own_visit: ["ratings.errors.ownVisit", 403],
} as const satisfies Record<RateRefusal, readonly [string, number]>;

const FOLLOW_UP_ERRORS = {
  not_rated: ["ratings.errors.notRated", 409],
  already_followed_up: ["ratings.errors.alreadyFollowedUp", 409],
  closed: ["ratings.errors.followUpClosed", 409],
  not_yours: ["ratings.errors.followUpNotYours", 403],
} as const satisfies Record<Extract<FollowUpResult, { ok: false }>["error"], readonly [string, number]>;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const party = await requireVisitParty(request, context, params, { familyOnly: true });
  const view = await ratingPageView(context.db, party, new Date());
  invariantResponse(view);
  return { ...view, submissionKey: newSubmissionKey() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const party = await requireVisitParty(request, context, params, { familyOnly: true });
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: RateActionSchema });
  if (submission.status !== "success") return invalid(submission);
  const command = submission.value;
  const here = `/visits/${party.visitId}/rate`;
  const now = new Date();
  switch (command.intent) {
    case "rate": {
      if (!submissionOf(form)) return invalid(submission, { formErrors: ["errors.generic"] });
      const stars = { asAgreed: command.asAgreed, care: command.care, punctuality: command.punctuality };
      // A double submit carries the same key: the second waits for the first and gets its answer.
      const done = await oncePerSubmission<RateRefusal>(context.db, party.viewer.id, form, async (tx) => {
        const result = await rateVisit(tx, party, { stars, comment: command.comment }, now);
        if (result.ok) return { redirectTo: here };
        return { failure: result.error === "not_completed" ? result.why : result.error };
      });
      if ("failure" in done) {
        const [message, status] = RATE_ERRORS[done.failure];
        return invalid(submission, { formErrors: [message], status });
      }
      return redirect(done.redirectTo, 303);
    }
    case "follow_up": {
      const result = await addFollowUp(context.db, party, command.followUp, now);
      if (!result.ok) {
        const [message, status] = FOLLOW_UP_ERRORS[result.error];
        return invalid(submission, { formErrors: [message], status });
      }
      return redirect(here, 303);
    }
    default:
      return unreachable(command);
  }
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function RateVisit() {
  const view = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useCheckedForm({
    id: "rate-visit",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: validateRating,
  });
  const format = useFormat();
  const fmt = (iso: string) => format.date(iso, { timeZone: view.parent.timeZone });
  const busy = navigation.state === "submitting";
  const followUpErrors = (lastResult?.error?.followUp ?? undefined) as string[] | undefined;
  return (
    <section className="stack narrow" aria-labelledby="title">
      <h1 id="title">{t("ratings.rate.title", { parent: view.parent.name })}</h1>
      {/* A refusal (already rated, too late) shows here: the form it came from may be gone. */}
      <ErrorList id={form.errorId} errors={form.errors} />
      {view.state === "open" && (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <p>
            {t("ratings.rate.intro", {
              carer: view.carer.name,
              date: fmt(view.visit.startsAt),
              // A deadline: on the reader's clock with its time, as the dashboard and visit page say it.
              until: view.visit.rateUntil ? format.deadline(view.visit.rateUntil, view.parent.timeZone) : "",
            })}
          </p>
          <input type="hidden" name="intent" value="rate" />
          <SubmissionKeyInput value={view.submissionKey} />
          {METRICS.map((metric) => (
            <StarFieldset
              key={metric}
              metric={metric}
              name={metric}
              errors={fields[metric].errors}
              defaultValue={fields[metric].initialValue}
            />
          ))}
          <TextareaFor field={fields.comment} label={t("ratings.rate.comment")} maxLength={COMMENT_MAX} />
          <button type="submit" className="button" disabled={busy}>
            {t("ratings.rate.submit")}
          </button>
        </Form>
      )}
      {/* Not said twice: a post refused for this very reason shows it above already. */}
      {view.state === "not_completed" && !form.errors?.includes(RATE_ERRORS[view.notDone][0]) && (
        <p className="notice" role="status">
          {t(NOT_DONE[view.notDone])}
        </p>
      )}
      {view.state === "closed" && !form.errors?.includes("ratings.errors.closed") && (
        <p className="notice" role="status">
          {t("ratings.rate.closed")}
        </p>
      )}
      {view.rating && (
        <section className="card stack" aria-labelledby="yours-title" data-rated="true">
          <h2 id="yours-title">
            {view.rating.by === null ? t("ratings.rate.yours") : t("ratings.rate.theirs", { name: view.rating.by })}
          </h2>
          {view.rating.stars ? (
            <>
              {view.rating.by === null && <p role="status">{t("ratings.rate.done")}</p>}
              <dl className="details">
                {METRICS.map((m) => (
                  <div key={m}>
                    <dt>{t(`ratings.metrics.${m}`)}</dt>
                    <dd>
                      <Stars value={view.rating!.stars![m]} />
                    </dd>
                  </div>
                ))}
              </dl>
              {view.rating.comment && <p className="pre-line">{view.rating.comment}</p>}
            </>
          ) : (
            <p>{t("ratings.rate.defaultGiven")}</p>
          )}
          {view.rating.followUp && (
            <p className="pre-line">
              <strong>
                {t("ratings.profile.followUp")}
                {t("app.labelColon")}
              </strong>
              {view.rating.followUp}
            </p>
          )}
          {view.rating.reply && (
            <p className="pre-line">
              <strong>
                {t("ratings.profile.reply")}
                {t("app.labelColon")}
              </strong>
              {view.rating.reply}
            </p>
          )}
        </section>
      )}
      {view.canFollowUp && (
        // noValidate: an empty follow-up gets the server's message beside it, in the page's language, not
        // the browser's bubble.
        <Form method="post" className="stack card" aria-labelledby="follow-up-title" noValidate>
          <h2 id="follow-up-title">{t("ratings.rate.followUpTitle")}</h2>
          <input type="hidden" name="intent" value="follow_up" />
          <div className="field">
            <label htmlFor="followUp">{t("ratings.rate.followUpLabel")}</label>
            <p className="field-hint" id="followUp-hint">
              {t("ratings.rate.followUpHelp")}
            </p>
            <textarea id="followUp" name="followUp" maxLength={COMMENT_MAX} required aria-describedby="followUp-hint" />
            <ErrorList errors={followUpErrors} />
          </div>
          <button type="submit" className="button button--secondary" disabled={busy}>
            {t("ratings.rate.followUpSubmit")}
          </button>
        </Form>
      )}
      <p>
        <Link to={`/visits/${view.visit.id}`}>{t("ratings.rate.back")}</Link>
        {" · "}
        <Link to={`/carers/${view.carer.id}`}>{t("ratings.rate.profileLink", { carer: view.carer.name })}</Link>
      </p>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
