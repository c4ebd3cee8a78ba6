// /visits/:visitId/dispute: the visit's family disputes it with a reason (or its carer, a visit marked
// missed), within 15 days of its end (mayDispute). A disputes row goes to the admins, and the visit
// moves to disputed. Anyone else gets a 404.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { TextareaFor } from "~/components/ui/conform-fields";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { ErrorList } from "~/components/ui/field";
import { VisitRecordSummary } from "~/components/visits/visit-record-summary";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { requireVisitParty } from "~/visits/party-guard.server";
import { completionView, disputeVisit } from "~/visits/completion.server";
import { DisputeSchema } from "~/visits/outcome-schemas";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

// The schema loads after hydration (deferred-validation.ts); the action parses with it.
const validateDispute = deferredValidation(() => import("~/visits/outcome-schemas").then((m) => m.DisputeSchema));

export const handle: PageHandle = { title: "titles.dispute" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const party = await requireVisitParty(request, context, params);
  return completionView(context.db, party, new Date());
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const party = await requireVisitParty(request, context, params);
  const submission = parseWithZod(await readFormData(request), { schema: DisputeSchema });
  if (submission.status !== "success") return invalid(submission);
  const effects = { jobs: context.jobs, env: context.env, hub: context.hub };
  const result = await disputeVisit(context.db, effects, party, submission.value.reason, new Date());
  if (!result.ok) {
    const message = {
      disputed: "visitDispute.already",
      ruled: "visitDispute.ruled",
      carer_only_missed: "visitDispute.carerOnlyMissed",
      not_disputable: "visitDispute.notDisputable",
      not_completed: "visitDispute.notDisputable",
    }[result.error];
    return invalid(submission, { formErrors: [message], status: 409 });
  }
  return redirectWithToast(context.env, `/visits/${party.visitId}`, { message: "visitDisputed" });
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function DisputeVisit() {
  const view = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useCheckedForm({
    id: "dispute-visit",
    lastResult,
    onValidate: validateDispute,
  });
  return (
    <section className="stack narrow" aria-labelledby="title">
      <h1 id="title">{t("visitDispute.title", { parent: view.parent.name })}</h1>
      <VisitRecordSummary view={view} />
      {view.canDispute ? (
        <Form method="post" className="stack card" {...getFormProps(form)}>
          <ErrorList id={form.errorId} errors={form.errors} />
          <p>
            {t(view.side === "carer" ? "visitDispute.carerIntro" : "visitDispute.intro", { parent: view.parent.name })}
          </p>
          <input type="hidden" name="intent" value="dispute" />
          <TextareaFor field={fields.reason} label={t("visitDispute.reason")} maxLength={500} />
          <button type="submit" className="button button--danger" disabled={navigation.state === "submitting"}>
            {t("visitDispute.submit")}
          </button>
        </Form>
      ) : (
        <p className="notice" role="status">
          {t(
            view.visit.status === "disputed"
              ? "visitDispute.already"
              : view.ruled
                ? "visitDispute.ruled"
                : view.side === "carer" && view.visit.status !== "missed"
                  ? "visitDispute.carerOnlyMissed"
                  : "visitDispute.notDisputable",
          )}
        </p>
      )}
      <p>
        <Link className="link-target" to={`/visits/${view.visit.id}`}>
          {t("visitDispute.back")}
        </Link>
      </p>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
