import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps, getInputProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { parseWithZod } from "~/http/forms.server";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useRouteLoaderData, useSearchParams } from "@remix-run/react";
import type { RootLoader } from "~/root";
import { useTranslation } from "~/i18n/react";
import { attemptLogin } from "~/auth/accounts.server";
import { dashboardPath, getCurrentAuth, requireAnonymous } from "~/auth/guards.server";
import { LoginSchema } from "~/auth/schemas";
import { invalidateSession, signIn } from "~/auth/session.server";
import { Field, FormAlert } from "~/components/ui/field";
import { readFormData } from "~/http/forms.server";
import { isInvitationPath, safeRedirect, withRedirect } from "~/http/redirect";
import type { PageHandle } from "~/components/page-title";

// The schema loads after hydration (see deferred-validation.ts); the action still parses with it.
const validateLogin = deferredValidation(() => import("~/auth/schemas").then((m) => m.LoginSchema));

export const handle: PageHandle = { title: "titles.login" };

// Document responses carry the action's Retry-After on a 429.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: LoginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), retryAfter: null }, { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const outcome = await attemptLogin(context.db, context.env, { email, password, ip: context.clientIp });
  if (!outcome.ok) {
    if (outcome.reason === "rate_limited" || outcome.reason === "use_sms") {
      return data(
        {
          result: submission.reply({
            formErrors: [outcome.reason === "use_sms" ? "validation.useSms" : "login.tooMany"],
            hideFields: ["password"],
          }),
          retryAfter: outcome.retryAfterSeconds,
        },
        { status: 429, headers: { "Retry-After": String(outcome.retryAfterSeconds) } },
      );
    }
    const message = outcome.reason === "suspended" ? "adminPanel.login.suspended" : "login.invalid";
    return data(
      { result: submission.reply({ formErrors: [message], hideFields: ["password"] }), retryAfter: null },
      { status: outcome.reason === "suspended" ? 403 : 400 },
    );
  }
  // A fresh session at every login: drop whatever session this browser carried before.
  const previous = await getCurrentAuth(request, context);
  if (previous) await invalidateSession(context.db, previous.session.id);
  const signedIn = await signIn(context.db, context.env, outcome.userId, request.headers.get("User-Agent"));
  const headers = new Headers(signedIn.headers);
  return redirect(safeRedirect(redirectTo, dashboardPath(outcome.role)), { headers });
}

export default function Login() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [searchParams] = useSearchParams();
  const navigation = useNavigation();
  // Straight from sign-up: the email just signed up with, so only the password is left to type.
  const toast = useRouteLoaderData<RootLoader>("root")?.toast;
  const signedUp = toast?.message === "signupDone" ? toast.values?.email : undefined;
  const [form, fields] = useCheckedForm({
    id: "login",
    lastResult: actionData?.result,
    defaultValue: typeof signedUp === "string" ? { email: signedUp } : undefined,
    onValidate: validateLogin,
  });
  const redirectTo = searchParams.get("redirectTo");
  return (
    <section className="stack narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("login.title")}</h1>
      {isInvitationPath(redirectTo) && <p className="notice">{t("login.forInvitation")}</p>}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormAlert id={form.errorId}>
          {form.errors?.map((e) => (
            <p key={e}>{t(e, { seconds: actionData?.retryAfter ?? 60 })}</p>
          ))}
        </FormAlert>
        <input type="hidden" name="redirectTo" value={redirectTo ?? ""} />
        <Field
          label={t("login.email")}
          errors={fields.email.errors}
          inputProps={{ ...getInputProps(fields.email, { type: "email" }), autoComplete: "email" }}
        />
        <Field
          label={t("login.password")}
          errors={fields.password.errors}
          inputProps={{ ...getInputProps(fields.password, { type: "password" }), autoComplete: "current-password" }}
        />
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {t("login.submit")}
        </button>
      </Form>
      <p>
        <Link to={withRedirect("/password/forgot", redirectTo)} className="link-target">
          {t("accountBasics.reset.forgotLink")}
        </Link>
      </p>
      <p>
        <Link to={withRedirect("/login/sms", redirectTo)} className="link-target">
          {t("smsLogin.link")}
        </Link>
      </p>
      <p>
        {t("login.noAccount")} <Link to={withRedirect("/signup", redirectTo)}>{t("login.signupLink")}</Link>
      </p>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
