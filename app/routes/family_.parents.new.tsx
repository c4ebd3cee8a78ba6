import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireFamily } from "~/auth/guards.server";
import { ParentForm } from "~/components/parents/parent-form";
import { mapConfig } from "~/geo/map-config.server";
import { newSubmissionKey, oncePerSubmission, submissionKeyOf } from "~/http/once.server";
import { createParent } from "~/parents/parents.server";
import { ParentSchema } from "~/parents/schemas";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Add a parent" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireFamily(request, context);
  return { map: mapConfig(), submissionKey: newSubmissionKey() };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireFamily(request, context);
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: ParentSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const key = submissionKeyOf(form);
  if (!key) return data(submission.reply({ formErrors: ["errors.generic"] }), { status: 400 });
  const done = await oncePerSubmission<never>(context.db, user.id, key, async (tx) => ({
    redirectTo: `/family/parents/${await createParent(tx, user.id, submission.value)}`,
  }));
  if ("failure" in done) throw new Error("unreachable: creating a parent has no refusal");
  return redirect(done.redirectTo);
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
