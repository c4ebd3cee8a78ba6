// /visits/:visitId/confirm: the visit's family confirms that it happened as recorded (or it confirms
// itself 48 hours after check-out). Carers get a 403, other families a 404.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { ErrorList } from "~/components/ui/field";
import { VisitRecordSummary } from "~/components/visits/visit-record-summary";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { requireVisitParty } from "~/visits/party-guard.server";
import { completionView, confirmVisit } from "~/visits/completion.server";
import { ConfirmSchema } from "~/visits/outcome-schemas";
import type { PageHandle } from "~/components/page-title";
import type { NotDone } from "~/visits/visit-status";
import { refusalOf } from "~/components/ui/refusal";
import { revalidateWhenStale } from "~/http/revalidate";

export const handle: PageHandle = { title: "titles.confirm" };

/** Why a visit cannot be confirmed: said of its state ("only a completed visit" was said of a disputed one). */
const NOT_DONE = {
  cancelled: "visitConfirm.cancelled",
  missed: "visitConfirm.missed",
  disputed: "visitConfirm.disputed",
  // (Confirmed already: the page says when, and a post answers as the first did.)
  no_check_out: "visitConfirm.notCompleted",
  not_yet: "visitConfirm.notCompleted",
} as const satisfies Record<NotDone, string>;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const party = await requireVisitParty(request, context, params, { familyOnly: true });
  return completionView(context.db, party, new Date());
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const party = await requireVisitParty(request, context, params, { familyOnly: true });
  const submission = parseWithZod(await readFormData(request), { schema: ConfirmSchema });
  if (submission.status !== "success") return invalid(submission);
  const effects = { jobs: context.jobs, env: context.env, hub: context.hub };
  const result = await confirmVisit(context.db, effects, party, new Date());
  if (!result.ok) {
    const why = "why" in result ? result.why : "not_yet";
    return invalid(submission, { formErrors: [NOT_DONE[why]], status: 409 });
  }
  return redirectWithToast(context.env, `/visits/${party.visitId}`, { message: "visitConfirmed" });
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function ConfirmVisit() {
  const view = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  return (
    <section className="stack narrow" aria-labelledby="title">
      <h1 id="title">{t("visitConfirm.title", { parent: view.parent.name })}</h1>
      <VisitRecordSummary view={view} />
      {view.canConfirm ? (
        <Form method="post" className="stack card">
          <ErrorList errors={refusalOf(result)} />
          <p>{t("visitConfirm.intro")}</p>
          <button
            type="submit"
            name="intent"
            value="confirm"
            className="button"
            disabled={navigation.state === "submitting"}
          >
            {t("visitConfirm.submit")}
          </button>
        </Form>
      ) : (
        view.visit.status !== "confirmed" && (
          <p className="notice" role="status">
            {t(NOT_DONE[view.notDone])}
          </p>
        )
      )}
      {view.canDispute && (
        <p>
          <Link className="link-target" to={`/visits/${view.visit.id}/dispute`}>
            {t("visitConfirm.disputeLink")}
          </Link>
        </p>
      )}
      <p>
        <Link className="link-target" to={`/visits/${view.visit.id}`}>
          {t("visitConfirm.back")}
        </Link>
      </p>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
