import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps, getInputProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { parseWithZod } from "~/http/forms.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { signUp, SignupSchemaWithPhone } from "~/auth/accounts.server";
import { requireAnonymous } from "~/auth/guards.server";
import { toE164 } from "~/auth/phone.server";
import { ErrorList, Field } from "~/components/ui/field";
import { SubmissionKeyInput } from "~/components/ui/submission-key-input";
import { supportedLocales } from "~/i18n/config";
import { detectLocale, localeCookie } from "~/i18n/i18n.server";
import { afterResponse } from "~/http/after-response.server";
import { readFormData } from "~/http/forms.server";
import { newSubmissionKey, submissionOf } from "~/http/once.server";
import { queryOf } from "~/http/params.server";
import { redirectWithToast } from "~/http/toast.server";
import { isInvitationPath, safeRedirect, withRedirect } from "~/http/redirect";
import { redirectTarget } from "~/http/redirect-target";
import type { PageHandle } from "~/components/page-title";
import { useEffect, useState } from "react";
import { browserTimeZone } from "~/i18n/formatters";

// The schema loads after hydration (see deferred-validation.ts); the action still parses with it.
const validateSignup = deferredValidation(() => import("~/auth/schemas").then((m) => m.SignupSchema));

export const handle: PageHandle = { title: "titles.signup" };

/**
 * ?role=carer opens the form for carers; anything else, for families. ?redirectTo= is where the login
 * after it leads (an invitation that sent a new sibling here): the form posts to this URL, query and all.
 */
const SignupQuery = z.object({ role: z.enum(["family", "carer"]).catch("family"), redirectTo: redirectTarget });

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  const { role, redirectTo } = SignupQuery.parse(queryOf(request));
  const forInvitation = isInvitationPath(safeRedirect(redirectTo, ""));
  return {
    role: forInvitation ? "family" : role,
    forInvitation,
    locale: detectLocale(request),
    submissionKey: newSubmissionKey(),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const formData = await readFormData(request);
  // The number is read with the form's other fields: its problem is said with theirs, in one answer.
  const submission = parseWithZod(formData, { schema: SignupSchemaWithPhone });
  if (submission.status !== "success") {
    return data(submission.reply({ hideFields: ["password"] }), { status: 400 });
  }
  const phone = toE164(submission.value.phone);
  if (!phone) throw new Error("a sign-up with a phone that is not a number (checked by the schema above)");
  // A new email and a taken one get the same answer (ADR 015): the owner of a taken one is texted.
  const done = await signUp(context.db, context.jobs, context.env, {
    ...submission.value,
    phone,
    ip: context.clientIp,
    // A retry of this same post finds the account it made: no notice to its new owner.
    submission: submissionOf(formData),
  });
  if (done.ok && done.notify) afterResponse(context, "the sign-up notice", done.notify);
  if (!done.ok) {
    return data(
      submission.reply({
        formErrors: ["validation.signupTooMany"],
        hideFields: ["password"],
      }),
      { status: 429, headers: { "Retry-After": String(done.retryAfterSeconds) } },
    );
  }
  return redirectWithToast(
    context.env,
    withRedirect("/login", SignupQuery.parse(queryOf(request)).redirectTo),
    // The email rides with the toast (a cookie read once, never in the URL): the login form starts with it.
    {
      message: "signupDone",
      kind: "info",
      values: submission.value.email.length <= 200 ? { email: submission.value.email } : undefined,
    },
    { headers: { "Set-Cookie": localeCookie(context.env, submission.value.locale) } },
  );
}

export default function Signup() {
  const { role, forInvitation, locale, submissionKey } = useLoaderData<typeof loader>();
  const [searchParams] = useSearchParams();
  const lastResult = useActionData<typeof action>();
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useCheckedForm({
    id: "signup",
    lastResult,
    defaultValue: { role, locale },
    onValidate: validateSignup,
  });
  const roleError = fields.role.errors?.length ? `${fields.role.id}-error` : undefined;
  return (
    <section className="stack narrow" aria-labelledby="signup-title">
      <h1 id="signup-title">{t("signup.title")}</h1>
      {forInvitation && <p className="notice">{t("signup.forInvitation")}</p>}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        <SubmissionKeyInput value={submissionKey} />
        <BrowserTimeZoneInput />
        <fieldset aria-describedby={roleError}>
          <legend>{t("signup.role")}</legend>
          {(["family", "carer"] as const).map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={fields.role.name}
                value={value}
                defaultChecked={fields.role.initialValue === value}
              />
              <span>
                {t(value === "family" ? "signup.roleFamily" : "signup.roleCarer")}
                <small>{t(value === "family" ? "signup.roleFamilyHint" : "signup.roleCarerHint")}</small>
              </span>
            </label>
          ))}
          <ErrorList id={roleError} errors={fields.role.errors} />
        </fieldset>
        <Field
          label={t("signup.name")}
          errors={fields.name.errors}
          inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "name" }}
        />
        <Field
          label={t("signup.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
        />
        <Field
          label={t("signup.password")}
          hint={t("signup.passwordHint")}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "new-password" }}
        />
        <Field
          label={t("signup.phone")}
          hint={t("signup.phoneHint")}
          errors={fields.phone.errors}
          inputProps={{ ...getInputProps(fields.phone, { type: "tel" }), autoComplete: "tel", inputMode: "tel" }}
        />
        <div className="field">
          <label htmlFor={fields.locale.id}>{t("signup.locale")}</label>
          {/* Until the form is sent, the account's language follows the page's: switched in the header
              (with JavaScript, the page is not reloaded), the box is drawn anew with it. Once sent, it
              keeps what was sent. */}
          <select
            key={lastResult ? "sent" : locale}
            id={fields.locale.id}
            name={fields.locale.name}
            defaultValue={lastResult ? (fields.locale.initialValue ?? locale) : locale}
          >
            {supportedLocales.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
          <ErrorList errors={fields.locale.errors} />
        </div>
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("signup.submit")}
        </button>
      </Form>
      <p>
        {t("signup.haveAccount")}{" "}
        <Link to={withRedirect("/login", searchParams.get("redirectTo"))}>{t("signup.loginLink")}</Link>
      </p>
    </section>
  );
}

/**
 * The browser's time zone, once the page's script runs: where the person is, which the server cannot
 * tell (a family member abroad often keeps a number from home). Without it, the number's country decides.
 */
function BrowserTimeZoneInput() {
  const [zone, setZone] = useState("");
  useEffect(() => setZone(browserTimeZone()), []);
  return <input type="hidden" name="timeZone" value={zone} />;
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
