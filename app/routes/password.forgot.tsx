// /password/forgot: a reset code by text to a verified number, or a link by email. The answer is the
// same whether or not an account has that number or address (ADR 021).
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps, getInputProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { parseWithZod } from "~/http/forms.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { displayPhone } from "~/parents/phone-display";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { requestPasswordReset, resetWithCode } from "~/account/password-reset.server";
import { dashboardPath, requireAnonymous } from "~/auth/guards.server";
import { resetCodeStep } from "~/auth/code-step-cookie.server";
import { mobileProblem, toE164 } from "~/auth/phone.server";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import { signIn } from "~/auth/session.server";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { Field, FormAlert } from "~/components/ui/field";
import { afterResponse } from "~/http/after-response.server";
import { readFormData, unreachable } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { safeRedirect, withRedirect } from "~/http/redirect";
import { RedirectQuery } from "~/http/redirect-target";
import { queryOf } from "~/http/params.server";
import { ForgotPasswordSchema } from "~/account/schemas";
import type { PageHandle } from "~/components/page-title";

const validateForgot = deferredValidation(() => import("~/account/schemas").then((m) => m.ForgotPasswordSchema));

export const handle: PageHandle = { title: "titles.forgot" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  // The code step comes from this browser's cookie too, not only from the answer to "send": it
  // survives a reload while the code can still be typed.
  return { pending: resetCodeStep.sentTo(request) };
}

type Sent = { kind: "phone"; to: string } | { kind: "email"; to: string } | null;

export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: ForgotPasswordSchema });
  const reply = (
    options: Parameters<typeof submission.reply>[0],
    { status = 400, sent = null as Sent, retryAfter = null as number | null } = {},
  ) => data({ result: submission.reply({ ...options, hideFields: ["password"] }), sent, retryAfter }, { status });
  if (submission.status !== "success") {
    const phone = submission.payload.intent === "reset" ? toE164(String(submission.payload.phone ?? "")) : null;
    return reply({}, { sent: phone ? { kind: "phone", to: phone } : null });
  }
  const command = submission.value;
  const now = new Date();
  switch (command.intent) {
    case "change":
      return data(
        { result: submission.reply({ resetForm: true }), sent: null as Sent, retryAfter: null },
        { headers: { "Set-Cookie": resetCodeStep.set(context.env, null) } },
      );
    case "send": {
      const asEmail = z.email().safeParse(command.identifier.toLowerCase());
      const phone = asEmail.success ? null : toE164(command.identifier);
      if (!asEmail.success && !phone)
        return reply({ fieldErrors: { identifier: ["accountBasics.reset.identifierInvalid"] } });
      const target = asEmail.success
        ? ({ kind: "email", email: asEmail.data } as const)
        : ({ kind: "phone", phone: phone! } as const);
      const sent = await requestPasswordReset(
        context.db,
        { jobs: context.jobs, env: context.env, logger: context.logger },
        { target, ip: context.clientIp, redirectTo: RedirectQuery.parse(queryOf(request)).redirectTo },
        now,
      );
      // Issued after this answer is sent: an address with an account answers as fast as any other (ADR 015).
      if (sent.ok && sent.issue) afterResponse(context, "issuing a password reset", sent.issue);
      if (!sent.ok) {
        if (sent.reason === "rate_limited")
          return reply({ formErrors: ["errors.codeRateLimited"] }, { status: 429, retryAfter: sent.retryAfterSeconds });
        return reply({ fieldErrors: { identifier: ["errors.countryNotAllowed"] } });
      }
      // The cookie reaches the loader only from the next request on; this answer names the number itself.
      return data(
        {
          result: submission.reply({ resetForm: true }),
          sent: (target.kind === "email"
            ? { kind: "email", to: target.email }
            : { kind: "phone", to: target.phone }) as Sent,
          retryAfter: null,
        },
        { headers: { "Set-Cookie": resetCodeStep.set(context.env, target.kind === "phone" ? target.phone : null) } },
      );
    }
    case "reset": {
      const phone = toE164(command.phone);
      if (!phone) return reply({ fieldErrors: { phone: [mobileProblem(command.phone) ?? "errors.phone"] } });
      const sent: Sent = { kind: "phone", to: phone };
      const guard = await consumeRateLimit(context.db, `code-check:ip:${context.clientIp}`, 60, 3600);
      if (!guard.allowed)
        return reply(
          { formErrors: ["errors.codeRateLimited"] },
          { status: 429, sent, retryAfter: guard.retryAfterSeconds },
        );
      const reset = await resetWithCode(context.db, { phone, code: command.code, password: command.password }, now);
      if (!reset.ok)
        return reply(
          { formErrors: [reset.reason === "invalid" ? "errors.codeInvalid" : "errors.codeTooMany"] },
          { sent },
        );
      const signedIn = await signIn(context.db, context.env, reset.userId, request.headers.get("User-Agent"), now);
      // Back where the login was asked for (an invitation, say), as a login is: the forms post to this
      // page's URL, its ?redirectTo= with it.
      return redirectWithToast(
        context.env,
        safeRedirect(RedirectQuery.parse(queryOf(request)).redirectTo, dashboardPath(reset.role)),
        { message: "passwordReset" },
        {
          headers: [...signedIn.headers, ["Set-Cookie", resetCodeStep.set(context.env, null)]],
        },
      );
    }
    default:
      return unreachable(command);
  }
}

export default function ForgotPassword() {
  const { pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  // Where the login was asked for (an invitation): the way back to the login keeps it.
  const redirectTo = new URLSearchParams(useLocation().search).get("redirectTo");
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  // An answer decides; without one (a reload), the number this browser last asked a code for.
  const sent: Sent = actionData ? actionData.sent : pending ? { kind: "phone", to: pending } : null;
  const [form, fields] = useCheckedForm({
    id: sent?.kind === "phone" ? "reset-code" : "reset-send",
    lastResult: actionData?.result,
    defaultValue: sent?.kind === "phone" ? { phone: sent.to } : undefined,
    onValidate: validateForgot,
  });
  return (
    <section className="stack narrow" aria-labelledby="forgot-title">
      <h1 id="forgot-title">{t("accountBasics.reset.title")}</h1>
      {sent?.kind === "email" ? (
        <div className="card stack">
          <p role="status">{t("accountBasics.reset.emailSent", { email: sent.to })}</p>
          <p className="muted">{t("accountBasics.reset.emailHint")}</p>
          <p>
            <Link className="link-target" to="/password/forgot">
              {t("accountBasics.reset.tryAgain")}
            </Link>
          </p>
        </div>
      ) : (
        <Form method="post" className="stack card" {...getFormProps(form)} key={form.id}>
          <FormAlert id={form.errorId}>
            {form.errors?.map((e) => (
              <p key={e}>{t(e, { seconds: actionData?.retryAfter ?? 60 })}</p>
            ))}
          </FormAlert>
          {sent?.kind === "phone" ? (
            <>
              <p role="status">{t("accountBasics.reset.codeSent", { phone: displayPhone(sent.to) })}</p>
              <input type="hidden" name="intent" value="reset" />
              <input type="hidden" name="phone" value={sent.to} />
              <Field
                label={t("accountBasics.reset.code")}
                errors={fields.code?.errors}
                inputProps={{
                  ...getInputProps(fields.code!, { type: "text" }),
                  inputMode: "numeric",
                  autoComplete: "one-time-code",
                  // Room for a code typed with a space ("427 235"); the schema reads it (oneTimeCode).
                  maxLength: 12,
                }}
              />
              <Field
                label={t("accountBasics.reset.newPassword")}
                hint={t("signup.passwordHint")}
                errors={fields.password?.errors}
                inputProps={{ ...getInputProps(fields.password!, { type: "password" }), autoComplete: "new-password" }}
              />
              <button type="submit" className="button" disabled={busy}>
                {t("accountBasics.reset.submit")}
              </button>
            </>
          ) : (
            <>
              <p>{t("accountBasics.reset.intro")}</p>
              <input type="hidden" name="intent" value="send" />
              <Field
                label={t("accountBasics.reset.identifier")}
                hint={t("accountBasics.reset.identifierHint")}
                errors={fields.identifier?.errors}
                inputProps={{ ...getInputProps(fields.identifier!, { type: "text" }), autoComplete: "username" }}
              />
              <button type="submit" className="button" disabled={busy}>
                {t("accountBasics.reset.send")}
              </button>
            </>
          )}
        </Form>
      )}
      {sent?.kind === "phone" && (
        <Form method="post">
          <button type="submit" name="intent" value="change" className="button button--secondary" disabled={busy}>
            {t("accountBasics.reset.tryAgain")}
          </button>
        </Form>
      )}
      <p>
        <Link className="link-target" to={withRedirect("/login", redirectTo)}>
          {t("accountBasics.reset.backToLogin")}
        </Link>
      </p>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
