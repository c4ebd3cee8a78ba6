import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireFamily } from "~/auth/guards.server";
import { ParentForm } from "~/components/parents/parent-form";
import { mapConfig } from "~/geo/map-config.server";
import { createParent } from "~/parents/parents.server";
import { ParentSchema } from "~/parents/schemas";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Add a parent" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireFamily(request, context);
  return { map: mapConfig() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireFamily(request, context);
  const submission = parseWithZod(await request.formData(), { schema: ParentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const id = await createParent(context.db, user.id, submission.value);
  return redirect(`/family/parents/${id}`);
}

export default function NewParent() {
  const { map } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("parents.newTitle")}</h1>
      <ParentForm lastResult={lastResult} map={map} defaultValue={{ timeZone: "Asia/Shanghai" }} submitLabel={t("parents.save")} />
    </section>
  );
}
