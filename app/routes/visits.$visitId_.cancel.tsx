// /visits/:visitId/cancel: the visit's family or its carer sees what cancelling costs now (a fee
// under the agreed terms, or a late cancellation), then cancels with a reason: this visit, or the
// rest of its weekly series. Anyone else gets a 404.
import { detectLocale } from "~/i18n/i18n.server";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { errorsWithAbsent } from "~/components/ui/absent-fields";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { TextareaFor } from "~/components/ui/conform-fields";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { ErrorList } from "~/components/ui/field";
import { useVisitTime } from "~/components/visits/visit-time";
import { ZoneNote } from "~/components/visits/zone-note";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { formatMoney } from "~/visit-requests/format";
import { cancellationView, cancelVisit, type CancelRefusal } from "~/visits/cancel.server";
import { CancelSchema } from "~/visits/outcome-schemas";
import { requireVisitParty } from "~/visits/party-guard.server";
import type { PageHandle } from "~/components/page-title";
import { useFormat } from "~/i18n/use-format";
import { revalidateWhenStale } from "~/http/revalidate";

// The schema loads after hydration (deferred-validation.ts); the action parses with it.
const validateCancel = deferredValidation(() => import("~/visits/outcome-schemas").then((m) => m.CancelSchema));

export const handle: PageHandle = { title: "titles.cancel" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const party = await requireVisitParty(request, context, params);
  return cancellationView(context.db, party, new Date());
}

const REFUSALS = {
  already_cancelled: "visitCancel.refusals.already_cancelled",
  started: "visitCancel.refusals.started",
  missed: "visitCancel.refusals.missed",
  not_a_series: "visitCancel.refusals.not_a_series",
} as const satisfies Record<CancelRefusal, string>;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const party = await requireVisitParty(request, context, params);
  const submission = parseWithZod(await readFormData(request), { schema: CancelSchema });
  if (submission.status !== "success") return invalid(submission);
  const effects = { jobs: context.jobs, env: context.env, hub: context.hub };
  const result = await cancelVisit(context.db, effects, party, submission.value, new Date());
  if (!result.ok) {
    return invalid(submission, {
      formErrors: [REFUSALS[result.error]],
      status: result.error === "not_a_series" ? 400 : 409,
    });
  }
  return redirectWithToast(
    context.env,
    `/visits/${party.visitId}`,
    result.cancelled > 1
      ? { message: "seriesCancelled", values: { count: result.cancelled } }
      : result.feeCents > 0
        ? // The fee the page showed before, said again once it is owed.
          { message: "visitCancelledFee", values: { fee: formatMoney(result.feeCents, detectLocale(request)) } }
        : { message: "visitCancelled" },
  );
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function CancelVisit() {
  const view = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const time = useVisitTime(view.parent.timeZone);
  const format = useFormat();
  const [form, fields] = useCheckedForm({
    id: "cancel-visit",
    lastResult,
    defaultValue: { intent: "cancel", scope: "one" },
    onValidate: validateCancel,
  });
  // A one-off's scope is a hidden "one": an error on it is said at the top.
  const formErrors = errorsWithAbsent(form, view.series ? [] : ["scope"]);
  const money = (cents: number) => formatMoney(cents, i18n.language);
  const policy = t(`offer.cancellations.${view.visit.cancellation}`);
  const when = `${time.full(view.visit.startsAt)}–${time.clock(view.visit.endsAt)}`;
  return (
    <section className="stack narrow" aria-labelledby="title">
      <h1 id="title">{t("visitCancel.title", { parent: view.parent.name })}</h1>
      <p>
        {view.side === "family"
          ? t("visitCancel.when", { when, carer: view.carer.name })
          : t("visitCancel.whenFamily", { when, parent: view.parent.name })}{" "}
        <span className="badge">{t(`visits.status.${view.visit.status}`)}</span>
      </p>
      <ZoneNote timeZone={view.parent.timeZone} />
      {view.refusal ? (
        <p className="notice" role="status">
          {t(REFUSALS[view.refusal])}
        </p>
      ) : (
        <>
          <div className="card stack">
            {view.side === "family" ? (
              view.one.feeCents > 0 ? (
                <p>{t("visitCancel.fee", { fee: money(view.one.feeCents), policy })}</p>
              ) : (
                <>
                  <p>{t("visitCancel.free", { policy })}</p>
                  {view.freeUntil && (
                    <p className="muted">
                      {t("visitCancel.freeUntil", { when: format.deadline(view.freeUntil, view.parent.timeZone) })}
                    </p>
                  )}
                </>
              )
            ) : (
              <p>{t(view.one.lateCount > 0 ? "visitCancel.late" : "visitCancel.notLate")}</p>
            )}
          </div>
          <Form method="post" className="stack card" {...getFormProps(form)}>
            <ErrorList id={form.errorId} errors={formErrors} />
            <input type="hidden" name="intent" value="cancel" />
            {view.series ? (
              <fieldset>
                <legend>{t("visitCancel.scope")}</legend>
                <label className="choice">
                  <input type="radio" name={fields.scope.name} value="one" defaultChecked />
                  <span>{t("visitCancel.one")}</span>
                </label>
                <label className="choice">
                  <input type="radio" name={fields.scope.name} value="series" />
                  <span>
                    {view.series.notYetBooked > 0
                      ? t("visitCancel.seriesWithLater", {
                          count: view.series.visits,
                          later: view.series.notYetBooked,
                        })
                      : t("visitCancel.series", { count: view.series.visits })}
                    {view.side === "family" && view.series.feeCents > 0 && (
                      <small> {t("visitCancel.seriesFee", { fee: money(view.series.feeCents) })}</small>
                    )}
                    {view.side === "carer" && view.series.lateCount > 0 && (
                      <small> {t("visitCancel.seriesLate", { count: view.series.lateCount })}</small>
                    )}
                  </span>
                </label>
                <ErrorList errors={fields.scope.errors} />
              </fieldset>
            ) : (
              <input type="hidden" name="scope" value="one" />
            )}
            <TextareaFor
              field={fields.reason}
              label={t("visitCancel.reason")}
              hint={t("visitCancel.reasonHint")}
              maxLength={500}
            />
            <button type="submit" className="button button--danger" disabled={navigation.state === "submitting"}>
              {t("visitCancel.submit")}
            </button>
          </Form>
        </>
      )}
      <p>
        {/* "Keep the visit" only while there is a choice: under "already cancelled" (Back, after
            cancelling) it read as an undo. */}
        <Link className="link-target" to={`/visits/${view.visit.id}`}>
          {t(view.refusal ? "visitCancel.toVisit" : "visitCancel.keep")}
        </Link>
      </p>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
