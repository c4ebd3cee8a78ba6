import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { inFormZone, useServerTime } from "~/components/ui/server-clock";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { serviceKinds } from "~db/catalogue";
import { CheckboxesFor, InputFor, SelectFor, TextareaFor } from "~/components/ui/conform-fields";
import { ErrorList } from "~/components/ui/field";
import { SubmissionKeyInput } from "~/components/ui/submission-key-input";
import { useLeaveWarning } from "~/components/ui/leave-warning";
import { newSubmissionKey, oncePerSubmission, submissionOf } from "~/http/once.server";
import { invalid, readFormData } from "~/http/forms.server";
import { QUEUES } from "~/jobs/jobs.server";
import { redirectWithToast } from "~/http/toast.server";
import { requireMemberParent } from "~/parents/guards.server";
import { VisitRequestSchema, visitRequestSchemaAt } from "~/visit-requests/schemas";
import type { NearbyJobTextsJob } from "~/visit-requests/nearby-job-texts.server";
import { createVisitRequest } from "~/visit-requests/visit-requests.server";
import { useFormat } from "~/i18n/use-format";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

// The schema loads after hydration (see deferred-validation.ts); the action still parses with it. Its
// start rules read the parent's zone from the form and the server's clock (server-clock.ts).
const validateRequest = deferredValidation(() =>
  import("~/visit-requests/schemas").then((m) => inFormZone(m.visitRequestSchemaAt)),
);

export const handle: PageHandle = { title: "titles.request" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  return {
    parent: { id: parent.id, name: parent.name, timeZone: parent.timeZone },
    submissionKey: newSubmissionKey(),
    serverTime: new Date().toISOString(),
  };
}

type Refusal = Extract<Awaited<ReturnType<typeof createVisitRequest>>, { ok: false }>;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  const form = await readFormData(request);
  const now = new Date();
  const submission = parseWithZod(form, { schema: VisitRequestSchema });
  if (submission.status !== "success") {
    // A past date is reported with the form's other problems, not after they are fixed. A right form
    // meets the start's rules in createVisitRequest, after the repeat check: a retry of a request
    // that was posted gets its answer, not "that time has passed" a few seconds later.
    return invalid(parseWithZod(form, { schema: visitRequestSchemaAt(parent.timeZone, () => now) }));
  }
  if (!submissionOf(form)) return invalid(submission, { formErrors: ["errors.generic"] });
  const done = await oncePerSubmission<Refusal>(context.db, parent.viewer.id, form, async (tx) => {
    const created = await createVisitRequest(tx, parent, submission.value, now);
    if (!created.ok) return { failure: created };
    // Texts to nearby carers who asked for them, enqueued with the request or not at all.
    await context.jobs.send(tx, QUEUES.nearbyJobTexts, { requestId: created.id } satisfies NearbyJobTextsJob);
    return { redirectTo: `/family/parents/${parent.id}` };
  });
  if ("failure" in done) {
    const refused = done.failure;
    if ("tooMany" in refused) {
      const message = refused.tooMany === "parent" ? "requests.tooManyOpen" : "requests.tooManyOpenAccount";
      return invalid(submission, { formErrors: [message], status: 409 });
    }
    return invalid(submission, { fieldErrors: { [refused.field]: [refused.error] } });
  }
  return redirectWithToast(context.env, done.redirectTo, { message: "requestPosted" });
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function NewVisitRequest() {
  const { parent, submissionKey, serverTime } = useLoaderData<typeof loader>();
  useServerTime(serverTime);
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const format = useFormat();
  const [form, fields] = useCheckedForm({
    id: "visit-request",
    lastResult,
    defaultValue: { schedule: "once", durationMinutes: "60" },
    onValidate: validateRequest,
  });
  useLeaveWarning(form.id);
  return (
    <section className="stack narrow" aria-labelledby="title">
      <h1 id="title">{t("requests.newTitle", { name: parent.name })}</h1>
      <p>{t("requests.newHint")}</p>
      <Form method="post" className="stack card" {...getFormProps(form)} data-time-zone={parent.timeZone}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <SubmissionKeyInput value={submissionKey} />
        <SelectFor
          field={fields.service}
          label={t("requests.service")}
          options={serviceKinds.map((s) => ({ value: s, label: t(`catalogue.services.${s}`) }))}
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
        {/* Only the fields of the chosen schedule show (CSS :has, so also without JavaScript). */}
        <div className="only-once">
          <InputFor field={fields.date} type="date" label={t("requests.date")} />
        </div>
        <div className="only-weekly">
          <CheckboxesFor
            field={fields.weekdays}
            legend={t("requests.weekdays")}
            options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({
              value: String(d),
              label: t(`catalogue.weekdays.${d}` as "catalogue.weekdays.0"),
            }))}
          />
        </div>
        <InputFor field={fields.time} type="time" label={t("requests.time", { zone: format.zone(parent.timeZone) })} />
        <InputFor field={fields.durationMinutes} type="amount" label={t("requests.duration")} />
        <InputFor field={fields.budget} type="amount" label={t("requests.budget")} />
        <TextareaFor field={fields.notes} label={t("requests.notes")} hint={t("requests.notesHint")} maxLength={1000} />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("requests.submit")}
        </button>
      </Form>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
