import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { serviceKinds } from "~db/catalogue";
import { requireFamily } from "~/auth/guards.server";
import { CheckboxGroup, SelectField, TextareaField } from "~/components/ui/choice-fields";
import { ErrorList, Field } from "~/components/ui/field";
import { SubmissionKeyInput } from "~/components/ui/submission-key";
import { newSubmissionKey, oncePerSubmission, submissionKeyOf } from "~/http/once.server";
import { uuidParam } from "~/http/params.server";
import { QUEUES } from "~/jobs/jobs.server";
import { getParentForMember } from "~/parents/parents.server";
import { VisitRequestSchema } from "~/visit-requests/schemas";
import type { NearbyJobTextsJob } from "~/visit-requests/nearby-job-texts.server";
import { createVisitRequest } from "~/visit-requests/visit-requests.server";

// The schema loads after hydration (see deferred-validation.ts); the action still parses with it.
const validateRequest = deferredValidation(() => import("~/visit-requests/schemas").then((m) => m.VisitRequestSchema));

export const meta: MetaFunction = () => [{ title: "Kinvisit · Visit request" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireFamily(request, context);
  const parent = await getParentForMember(context.db, user, uuidParam(params, "parentId"));
  return { parent: { id: parent.id, name: parent.name, timeZone: parent.timeZone }, submissionKey: newSubmissionKey() };
}

type Refusal = Extract<Awaited<ReturnType<typeof createVisitRequest>>, { ok: false }>;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const user = await requireFamily(request, context);
  const parentId = uuidParam(params, "parentId");
  await getParentForMember(context.db, user, parentId);
  const form = await request.formData();
  const submission = parseWithZod(form, { schema: VisitRequestSchema });
  if (submission.status !== "success") return data(submission.reply(), { status: 400 });
  const key = submissionKeyOf(form);
  if (!key) return data(submission.reply({ formErrors: ["errors.generic"] }), { status: 400 });
  const done = await oncePerSubmission<Refusal>(context.db, user.id, key, async (tx) => {
    const created = await createVisitRequest(tx, user, parentId, submission.value);
    if (!created.ok) return { failure: created };
    // Texts to nearby carers who asked for them, enqueued with the request or not at all.
    await context.jobs.send(tx, QUEUES.nearbyJobTexts, { requestId: created.id } satisfies NearbyJobTextsJob);
    return { redirectTo: `/family/parents/${parentId}` };
  });
  if ("failure" in done)
    return data(submission.reply({ fieldErrors: { [done.failure.field]: [done.failure.error] } }), { status: 400 });
  return redirect(done.redirectTo);
}

export default function NewVisitRequest() {
  const { parent, submissionKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useForm({
    id: "visit-request",
    lastResult,
    defaultValue: { schedule: "once", durationMinutes: "60" },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: validateRequest,
  });
  return (
    <section className="stack narrow" aria-labelledby="title">
      <h1 id="title">{t("requests.newTitle", { name: parent.name })}</h1>
      <p>{t("requests.newHint")}</p>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <ErrorList errors={form.errors} />
        <SubmissionKeyInput value={submissionKey} />
        <SelectField
          id={fields.service.id}
          name={fields.service.name}
          label={t("requests.service")}
          defaultValue={fields.service.initialValue}
          options={serviceKinds.map((s) => ({ value: s, label: t(`catalogue.services.${s}`) }))}
          errors={fields.service.errors}
        />
        <fieldset>
          <legend>{t("requests.schedule")}</legend>
          {(["once", "weekly"] as const).map((v) => (
            <label key={v} className="choice">
              <input
                type="radio"
                name={fields.schedule.name}
                value={v}
                defaultChecked={fields.schedule.initialValue === v}
              />
              <span>{t(v === "once" ? "requests.once" : "requests.everyWeek")}</span>
            </label>
          ))}
          <ErrorList errors={fields.schedule.errors} />
        </fieldset>
        <Field
          label={t("requests.date")}
          errors={fields.date.errors}
          inputProps={getInputProps(fields.date, { type: "date" })}
        />
        <CheckboxGroup
          name={fields.weekdays.name}
          legend={t("requests.weekdays")}
          defaultValues={fields.weekdays.initialValue as string[] | undefined}
          options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({
            value: String(d),
            label: t(`catalogue.weekdays.${d}` as "catalogue.weekdays.0"),
          }))}
          errors={fields.weekdays.errors}
        />
        <Field
          label={t("requests.time", { zone: parent.timeZone })}
          errors={fields.time.errors}
          inputProps={getInputProps(fields.time, { type: "time" })}
        />
        <Field
          label={t("requests.duration")}
          errors={fields.durationMinutes.errors}
          inputProps={{ ...getInputProps(fields.durationMinutes, { type: "number" }), min: 15, max: 720, step: 15 }}
        />
        <Field
          label={t("requests.budget")}
          errors={fields.budget.errors}
          inputProps={{ ...getInputProps(fields.budget, { type: "number" }), min: 0, step: "1" }}
        />
        <TextareaField
          id={fields.notes.id}
          name={fields.notes.name}
          label={t("requests.notes")}
          hint={t("requests.notesHint")}
          defaultValue={fields.notes.initialValue}
          errors={fields.notes.errors}
          maxLength={1000}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("requests.submit")}
        </button>
      </Form>
    </section>
  );
}
