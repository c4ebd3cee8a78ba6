// /account/delete: what deleting keeps and for how long, and the request itself (password, and a box
// to tick). The account is then marked, logged out everywhere and erased after the grace period.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps, getInputProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { parseWithZod } from "~/http/forms.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { formatDate } from "~/i18n/formatters";
import { RETENTION, requestDeletion, visitsHoldingAccount } from "~/account/deletion.server";
import { useFormat } from "~/i18n/use-format";
import { DeleteAccountSchema } from "~/account/schemas";
import { requireUser } from "~/auth/guards.server";
import { clearSessionCookie } from "~/auth/session.server";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { ErrorList, Field, FormAlert } from "~/components/ui/field";
import { readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

const validateDelete = deferredValidation(() => import("~/account/schemas").then((m) => m.DeleteAccountSchema));

export const handle: PageHandle = { title: "titles.deleteAccount" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const holding = await visitsHoldingAccount(context.db, user.id);
  return {
    role: user.role,
    graceDays: RETENTION.graceDays,
    visitRecordYears: RETENTION.visitRecordYears,
    holding: holding.map((v) => ({ ...v, startsAt: v.startsAt.toISOString() })),
  };
}

const ERRORS = {
  wrong_password: "accountBasics.settings.wrongPassword",
  rate_limited: "accountBasics.settings.tooMany",
  upcoming_visits: "accountBasics.delete.upcomingVisits",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: DeleteAccountSchema });
  if (submission.status !== "success")
    return data(submission.reply({ hideFields: ["currentPassword"] }), { status: 400 });
  const now = new Date();
  const requested = await requestDeletion(context.db, context.logger, user, submission.value, now);
  if (!requested.ok) {
    const reply =
      requested.error === "wrong_password"
        ? { fieldErrors: { currentPassword: [ERRORS.wrong_password] } }
        : { formErrors: [ERRORS[requested.error]] };
    return data(submission.reply({ ...reply, hideFields: ["currentPassword"] }), {
      status: requested.error === "rate_limited" ? 429 : requested.error === "upcoming_visits" ? 409 : 400,
    });
  }
  return redirectWithToast(
    context.env,
    "/",
    // The toast is read logged out, in the account's language: the date is written in it here.
    {
      message: "deletionScheduled",
      values: { date: formatDate(user.locale, requested.eraseOn, { now, timeZone: user.timeZone, weekday: false }) },
    },
    { headers: { "Set-Cookie": clearSessionCookie(context.env) } },
  );
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function DeleteAccount() {
  const { role, graceDays, visitRecordYears, holding } = useLoaderData<typeof loader>();
  const format = useFormat();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useCheckedForm({
    id: "delete-account",
    lastResult,
    onValidate: validateDelete,
  });
  const confirmError = fields.confirm.errors?.length ? `${fields.confirm.id}-error` : undefined;
  return (
    <section className="stack narrow" aria-labelledby="delete-title">
      <h1 id="delete-title">{t("accountBasics.delete.title")}</h1>
      <div className="card stack">
        <p>{t("accountBasics.delete.grace", { days: graceDays })}</p>
        <h2>{t("accountBasics.delete.erasedTitle")}</h2>
        <p>{t(role === "carer" ? "accountBasics.delete.erasedCarer" : "accountBasics.delete.erasedFamily")}</p>
        <h2>{t("accountBasics.delete.keptTitle")}</h2>
        <p>{t("accountBasics.delete.kept", { years: visitRecordYears })}</p>
        <p>
          <a href="/account/export" download>
            {t("accountBasics.data.download")}
          </a>{" "}
          {t("accountBasics.delete.downloadFirst")}
        </p>
      </div>
      {holding.length > 0 && (
        <div className="card stack form-alert" data-testid="visits-holding">
          <p>{t("accountBasics.delete.upcomingVisits")}</p>
          <ul>
            {holding.map((v) => (
              <li key={v.id}>
                <Link to={`/visits/${v.id}`}>
                  {format.eventTime(v.startsAt, v.timeZone)} · {v.parentName}
                </Link>
              </li>
            ))}
          </ul>
          {holding.length === 10 && <p className="muted">{t("accountBasics.delete.upcomingMore")}</p>}
        </div>
      )}
      <Form method="post" className="card stack" {...getFormProps(form)}>
        <FormAlert id={form.errorId}>
          {form.errors?.map((e) => (
            <p key={e}>{t(e)}</p>
          ))}
        </FormAlert>
        <Field
          label={t("accountBasics.settings.currentPassword")}
          errors={fields.currentPassword.errors}
          inputProps={{
            ...getInputProps(fields.currentPassword, { type: "password" }),
            autoComplete: "current-password",
          }}
        />
        <label className="choice">
          <input type="checkbox" name={fields.confirm.name} value="on" aria-describedby={confirmError} />
          <span>{t("accountBasics.delete.confirm", { days: graceDays })}</span>
        </label>
        <ErrorList id={confirmError} errors={fields.confirm.errors} />
        <button type="submit" className="button button--danger" disabled={navigation.state === "submitting"}>
          {t("accountBasics.delete.submit")}
        </button>
      </Form>
      <p>
        <Link to="/account">{t("nav.account")}</Link>
      </p>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
