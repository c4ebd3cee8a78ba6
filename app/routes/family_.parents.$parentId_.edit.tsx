import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireFamily } from "~/auth/guards.server";
import { ParentForm } from "~/components/parents/parent-form";
import { mapConfig } from "~/geo/map-config.server";
import { uuidParam } from "~/http/params.server";
import { getParentForMember, parentFormValues, updateParent } from "~/parents/parents.server";
import { ParentSchema } from "~/parents/schemas";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Edit parent" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireFamily(request, context);
  const parent = await getParentForMember(context.db, user, uuidParam(params, "parentId"));
  return { parent: { id: parent.id, ...parentFormValues(parent) }, map: mapConfig() };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireFamily(request, context);
  const parentId = uuidParam(params, "parentId");
  await getParentForMember(context.db, user, parentId);
  const submission = parseWithZod(await request.formData(), { schema: ParentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  await updateParent(context.db, user, parentId, submission.value);
  return redirect(`/family/parents/${parentId}`);
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
