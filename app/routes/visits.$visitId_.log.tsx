// The carer writes the visit log: tasks done (the agreed terms' checklist), notes, wellbeing, an
// optional photo. From check-in it is written freely; after check-out each change needs a reason and
// is kept as a correction the family sees. Only the visit's carer writes it (the family reads it on
// the visit page).
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { readPhoto, MAX_PHOTO_BODY_BYTES } from "~/carers/photo-upload.server";
import { CheckboxesFor, InputFor, SelectFor, TextareaFor } from "~/components/ui/conform-fields";
import { ErrorList } from "~/components/ui/field";
import { PhotoInput } from "~/components/ui/photo-input";
import { invalid, readFormData, unreachable } from "~/http/forms.server";
import { forbidden } from "~/http/responses.server";
import { redirectWithToast } from "~/http/toast.server";
import { getStorage } from "~/storage/storage.server";
import { requireVisit } from "~/visits/guards.server";
import { CONCERNS_MAX, CORRECTION_REASON_MAX, LEVELS, logState, MOODS, NOTES_MAX } from "~/visits/log-rules";
import { VisitLogSchema } from "~/visits/log-schemas";
import { VERSION_FIELD, versionOf } from "~/validation/form-version";
import { postedVersion } from "~/validation/form-version.server";
import { deferredValidation } from "~/components/ui/deferred-validation";

// The schema loads after hydration (see deferred-validation.ts); the action parses with it.
const validateLog = deferredValidation(() => import("~/visits/log-schemas").then((m) => m.VisitLogSchema));
import { type LogError, saveVisitLog, visitLogValues } from "~/visits/log.server";
import { agreedTasksOf, taskTextFor } from "~/visits/visits.server";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

export const handle: PageHandle = { title: "titles.visitLog" };

const LOG_ERRORS = {
  not_allowed: ["visits.track.errors.not_allowed", 403],
  not_started: ["visits.track.errors.not_started", 409],
  closed: ["visits.track.errors.closed", 409],
  reason_needed: ["visits.track.errors.correctionReason", 400],
  unknown_task: ["visits.track.errors.unknown_task", 400],
  changed: ["errors.staleForm", 409],
} as const satisfies Record<LogError, readonly [string, number]>;

/** Only the carer writes the log. */
async function requireVisitCarer(...args: Parameters<typeof requireVisit>) {
  const access = await requireVisit(...args);
  if (access.side !== "carer") throw forbidden();
  return access;
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await requireVisitCarer(request, context, params);
  const [values, task] = await Promise.all([
    visitLogValues(context.db, access),
    taskTextFor(context.db, access, new Date()),
  ]);
  return {
    visitId: access.visit.id,
    parentName: access.parent.name,
    // Once the carer's access to the home has ended, masked as on the visit page; the boxes' values
    // are the masked labels too, read back to the agreed tasks by the action (agreedTasksOf).
    tasks: access.visit.terms.tasks.map(task),
    state: logState(access.visit.status, { written: values !== null }),
    values: values && {
      tasksDone: values.tasksDone.map(task),
      notes: values.notes,
      mood: values.mood ?? undefined,
      appetite: values.appetite ?? undefined,
      mobility: values.mobility ?? undefined,
      concerns: values.concerns,
    },
    hasPhoto: Boolean(values?.photoKey),
    version: versionOf(values?.savedAt),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const access = await requireVisitCarer(request, context, params);
  const form = await readFormData(request, { maxBytes: MAX_PHOTO_BODY_BYTES });
  const submission = parseWithZod(form, { schema: VisitLogSchema });
  if (submission.status !== "success") return invalid(submission);
  const command = submission.value;
  switch (command.intent) {
    case "save": {
      // The photo is optional here; one that is sent goes through the profile photos' pipeline.
      const file = form.get("photo");
      let photo: Uint8Array | null = null;
      if (file && typeof file !== "string" && file.size > 0) {
        const read = await readPhoto(form);
        if (!read.ok) return invalid(submission, { fieldErrors: { photo: [read.error] } });
        photo = read.jpeg;
      }
      const { intent: _, ...posted } = command;
      const tasksDone = await agreedTasksOf(context.db, access, posted.tasksDone, new Date());
      if (!tasksDone) {
        const [message, status] = LOG_ERRORS.unknown_task;
        return invalid(submission, { fieldErrors: { tasksDone: [message] }, status });
      }
      const input = { ...posted, tasksDone };
      const saved = await saveVisitLog(
        context.db,
        { hub: context.hub, storage: getStorage(context.env) },
        access,
        input,
        photo,
        postedVersion(form),
      );
      if (!saved.ok) {
        const [message, status] = LOG_ERRORS[saved.error];
        if (saved.error === "reason_needed") return invalid(submission, { fieldErrors: { reason: [message] }, status });
        if (saved.error === "unknown_task")
          return invalid(submission, { fieldErrors: { tasksDone: [message] }, status });
        return invalid(submission, { formErrors: [message], status });
      }
      return redirectWithToast(context.env, `/visits/${access.visit.id}`, {
        message: saved.corrected ? "logCorrected" : "logSaved",
      });
    }
    default:
      return unreachable(command.intent);
  }
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function VisitLogPage() {
  const { visitId, parentName, tasks, state, values, hasPhoto, version } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const [form, fields] = useCheckedForm({
    id: "visit-log",
    lastResult,
    defaultValue: { intent: "save", ...values },
    onValidate: validateLog,
  });
  const writable = state === "open" || state === "correction";
  const levels = LEVELS.map((l) => ({ value: l, label: t(`visits.track.levels.${l}`) }));
  const photoErrors = (lastResult?.error?.photo as string[] | null | undefined) ?? undefined;
  return (
    <section className="stack narrow visit-log-page" aria-labelledby="title">
      <h1 id="title">{t("visits.track.logTitle")}</h1>
      <p className="muted">{t("visits.title", { parent: parentName })}</p>
      {!writable ? (
        <p>{t(state === "not_started" ? "visits.track.logNotStarted" : "visits.track.logClosed")}</p>
      ) : (
        <Form method="post" encType="multipart/form-data" className="card stack" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="save" />
          <input type="hidden" name={VERSION_FIELD} value={version} />
          <ErrorList id={form.errorId} errors={form.errors} />
          {tasks.length > 0 ? (
            <CheckboxesFor
              field={fields.tasksDone}
              legend={t("visits.track.tasksDone")}
              options={tasks.map((task) => ({ value: task, label: task }))}
            />
          ) : (
            <p className="muted">{t("visits.track.noTasks")}</p>
          )}
          <TextareaFor field={fields.notes} label={t("visits.track.notes")} maxLength={NOTES_MAX} />
          <fieldset className="stack">
            <legend>{t("visits.track.wellbeing")}</legend>
            <SelectFor
              field={fields.mood}
              label={t("visits.track.mood")}
              includeEmpty={t("visits.track.notSaid")}
              options={MOODS.map((m) => ({ value: m, label: t(`visits.track.moods.${m}`) }))}
            />
            <SelectFor
              field={fields.appetite}
              label={t("visits.track.appetite")}
              includeEmpty={t("visits.track.notSaid")}
              options={levels}
            />
            <SelectFor
              field={fields.mobility}
              label={t("visits.track.mobility")}
              includeEmpty={t("visits.track.notSaid")}
              options={levels}
            />
            <TextareaFor field={fields.concerns} label={t("visits.track.concerns")} maxLength={CONCERNS_MAX} />
          </fieldset>
          <div className="field">
            <label htmlFor="photo">{t("visits.track.photo")}</label>
            <p className="field-hint" id="photo-hint">
              {t("visits.track.photoHint")}
            </p>
            {hasPhoto && (
              <img
                className="visit-photo"
                src={`/visits/${visitId}/photo`}
                alt={t("visits.track.photoAlt", { parent: parentName })}
                width={160}
                height={160}
              />
            )}
            <PhotoInput hintId="photo-hint" serverErrors={photoErrors} />
          </div>
          {state === "correction" && (
            <InputFor
              field={fields.reason}
              type="text"
              label={t("visits.track.correctionReason")}
              hint={t("visits.track.correctionHint")}
              maxLength={CORRECTION_REASON_MAX}
            />
          )}
          <button type="submit" className="button button--tap" disabled={navigation.state === "submitting"}>
            {t("visits.track.save")}
          </button>
        </Form>
      )}
      <p>
        <Link className="link-target" to={`/visits/${visitId}`}>
          {t("visits.track.back")}
        </Link>
      </p>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
