import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireFamily } from "~/auth/guards.server";
import { ParentForm } from "~/components/parents/parent-form";
import { mapConfig } from "~/geo/map-config.server";
import { invalid, readFormData } from "~/http/forms.server";
import { newSubmissionKey, oncePerSubmission, submissionOf } from "~/http/once.server";
import { redirectWithToast } from "~/http/toast.server";
import { createParent, ParentSchemaWithPhones } from "~/parents/parents.server";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.addParent" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireFamily(request, context);
  return { map: mapConfig(context.env), submissionKey: newSubmissionKey() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireFamily(request, context);
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: ParentSchemaWithPhones });
  if (submission.status !== "success") return invalid(submission);
  if (!submissionOf(form)) return invalid(submission, { formErrors: ["errors.generic"] });
  const done = await oncePerSubmission<never>(context.db, user.id, form, async (tx) => ({
    redirectTo: `/family/parents/${await createParent(tx, user.id, submission.value)}`,
  }));
  if ("failure" in done) throw new Error("unreachable: creating a parent has no refusal");
  return redirectWithToast(context.env, done.redirectTo, {
    message: "parentCreated",
    values: { name: submission.value.name },
  });
}

export default function NewParent() {
  const { map, submissionKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("parents.newTitle")}</h1>
      <ParentForm
        lastResult={lastResult}
        map={map}
        defaultValue={{ timeZone: "Asia/Shanghai" }}
        submitLabel={t("parents.save")}
        submissionKey={submissionKey}
      />
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
