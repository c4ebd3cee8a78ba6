// /visits/:visitId/confirm: the visit's family confirms that it happened as recorded (or it confirms
// itself 48 hours after check-out). Carers get a 403, other families a 404.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ErrorList } from "~/components/ui/field";
import { VisitRecordSummary } from "~/components/visits/visit-record-summary";
import { requireFamily } from "~/auth/guards.server";
import { invalid, readFormData } from "~/http/forms.server";
import { uuidParam } from "~/http/params.server";
import { invariantResponse } from "~/http/responses.server";
import { redirectWithToast } from "~/http/toast.server";
import { completionView, confirmVisit } from "~/visits/completion.server";
import { ConfirmSchema } from "~/visits/outcome-schemas";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Confirm a visit" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireFamily(request, context);
  const view = await completionView(context.db, user, uuidParam(params, "visitId"));
  invariantResponse(view);
  return view;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireFamily(request, context);
  const visitId = uuidParam(params, "visitId");
  const submission = parseWithZod(await readFormData(request), { schema: ConfirmSchema });
  if (submission.status !== "success") return invalid(submission);
  const effects = { jobs: context.jobs, env: context.env, hub: context.hub };
  const result = await confirmVisit(context.db, effects, user, visitId, new Date());
  invariantResponse(result); // not this family's visit → 404
  if (!result.ok) return invalid(submission, { formErrors: ["visitConfirm.notCompleted"], status: 409 });
  return redirectWithToast(context.env, `/visits/${visitId}`, { message: "visitConfirmed" });
}

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
          <ErrorList errors={result?.error?.[""] ?? undefined} />
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
            {t("visitConfirm.notCompleted")}
          </p>
        )
      )}
      {view.canDispute && (
        <p>
          <Link to={`/visits/${view.visit.id}/dispute`}>{t("visitConfirm.disputeLink")}</Link>
        </p>
      )}
      <p>
        <Link to={`/visits/${view.visit.id}`}>{t("visitConfirm.back")}</Link>
      </p>
    </section>
  );
}
