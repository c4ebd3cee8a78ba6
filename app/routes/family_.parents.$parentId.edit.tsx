import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { ParentForm, ParentProgress } from "~/components/parents/parent-form";
import { fieldsOfParentStep, nextParentStep, parentSteps } from "~/parents/form-steps";
import type { ParentInput } from "~/parents/schemas";
import { withStepFields } from "~/validation/step-save";
import { versionOf } from "~/validation/form-version";
import { postedVersion } from "~/validation/form-version.server";
import { mapConfig } from "~/geo/map-config.server";
import { invalid, readFormData } from "~/http/forms.server";
import { queryOf } from "~/http/params.server";
import { redirectWithToast } from "~/http/toast.server";
import { requireMemberParent } from "~/parents/guards.server";
import { parentFormValues, ParentSchemaWithPhones, updateParent } from "~/parents/parents.server";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

export const handle: PageHandle = { title: "titles.parentEdit" };

/** The step, in ?step= or the form's step field: anything else is the first. */
const stepField = z.enum(parentSteps).catch(parentSteps[0]);
const EditQuery = z.object({ step: stepField });

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  return {
    parent: { id: parent.id, ...parentFormValues(parent) },
    version: versionOf(parent.updatedAt),
    map: mapConfig(context.env),
    step: EditQuery.parse(queryOf(request)).step,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: ParentSchemaWithPhones });
  if (submission.status !== "success") return invalid(submission);
  // A step saves its own fields over the saved ones (a post without a step: the whole form); the next
  // step follows, and after the last, the parent's page.
  const step = form.has("step") ? stepField.parse(form.get("step")) : null;
  const values = step
    ? withStepFields<ParentInput>(parentFormValues(parent), submission.value, fieldsOfParentStep(step))
    : submission.value;
  const saved = await updateParent(context.db, parent, values, postedVersion(form));
  if (!saved.ok) return invalid(submission, { formErrors: ["errors.staleForm"], status: 409 });
  const next = step ? nextParentStep(step) : null;
  return redirectWithToast(
    context.env,
    next ? `/family/parents/${parent.id}/edit?step=${next}` : `/family/parents/${parent.id}`,
    {
      message: "parentSaved",
      values: { name: values.name },
    },
  );
}

/** A refusal because the page is out of date (409) reads it again: its version (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function EditParent() {
  const { parent, map, step, version } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("parents.editTitle", { name: parent.name })}</h1>
      <ParentProgress step={step} />
      <ParentForm
        key={step}
        lastResult={lastResult}
        map={map}
        defaultValue={parent}
        submitLabel={t("parents.save")}
        step={step}
        version={version}
      />
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
