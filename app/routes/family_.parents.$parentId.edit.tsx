import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { ParentForm } from "~/components/parents/parent-form";
import { mapConfig } from "~/geo/map-config.server";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { requireMemberParent } from "~/parents/guards.server";
import { parentFormValues, updateParent } from "~/parents/parents.server";
import { ParentSchema } from "~/parents/schemas";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Edit parent" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  return { parent: { id: parent.id, ...parentFormValues(parent) }, map: mapConfig(context.env) };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  const submission = parseWithZod(await readFormData(request), { schema: ParentSchema });
  if (submission.status !== "success") return invalid(submission);
  await updateParent(context.db, parent, submission.value);
  return redirectWithToast(context.env, `/family/parents/${parent.id}`, {
    message: "parentSaved",
    values: { name: submission.value.name },
  });
}

export default function EditParent() {
  const { parent, map } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("parents.editTitle", { name: parent.name })}</h1>
      <ParentForm lastResult={lastResult} map={map} defaultValue={parent} submitLabel={t("parents.save")} />
    </section>
  );
}
