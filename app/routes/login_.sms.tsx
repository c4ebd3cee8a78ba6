import { GeneralErrorBoundary } from "~/components/error-boundary";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { isSuspended } from "~/auth/accounts.server";
import { eq } from "drizzle-orm";
import { users } from "~db/schema";
import { dashboardPath, requireAnonymous } from "~/auth/guards.server";
import { mobileProblem, toE164 } from "~/auth/phone.server";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import { signIn } from "~/auth/session.server";
import { PhoneCodeForm } from "~/components/phone-code-form";
import { parsePhoneCodeForm } from "~/sms/code-form.server";
import { codeErrorKey } from "~/sms/schemas";
import { checkCode, requestLoginCode } from "~/sms/verification.server";
import { afterResponse } from "~/http/after-response.server";
import { readFormData, unreachable } from "~/http/forms.server";
import { loginCodeStep } from "~/auth/code-step-cookie.server";
import type { PageHandle } from "~/components/page-title";
import { displayPhone } from "~/parents/phone-display";
import { isInvitationPath, safeRedirect, withRedirect } from "~/http/redirect";
import { RedirectQuery } from "~/http/redirect-target";
import { queryOf } from "~/http/params.server";

export const handle: PageHandle = { title: "titles.smsLogin" };

/** Where the login leads once done (the page's forms post to its URL, query and all). */

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return { sentTo: loginCodeStep.sentTo(request) };
}

/** Log in with a code texted to a verified number (carers' way in; anyone's when passwords are paused). */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const { submission, refuse } = parsePhoneCodeForm(await readFormData(request));
  if (submission.status !== "success") return refuse({});
  const command = submission.value;
  if (command.intent === "change") {
    return data(
      { result: submission.reply({ resetForm: true }), codeStepFor: null, retryAfter: null },
      { headers: { "Set-Cookie": loginCodeStep.set(context.env, null) } },
    );
  }
  const phone = toE164(command.phone);
  if (!phone) return refuse({ fieldErrors: { phone: [mobileProblem(command.phone) ?? "errors.phone"] } });
  switch (command.intent) {
    case "send": {
      const sent = await requestLoginCode(context.db, context.jobs, context.env, { phone, ip: context.clientIp });
      // Issued after this answer is sent: a registered number answers as fast as any other (ADR 015).
      if (sent.ok && sent.issue) afterResponse(context, "issuing a login code", sent.issue);
      if (!sent.ok) {
        const limited = sent.reason === "rate_limited";
        return refuse(
          { formErrors: [codeErrorKey[sent.reason]] },
          { status: limited ? 429 : 400, retryAfter: limited ? sent.retryAfterSeconds : null },
        );
      }
      // The cookie reaches the loader only from the next request on; this answer names the number itself.
      return data(
        { result: submission.reply({ resetForm: true }), codeStepFor: phone, retryAfter: null },
        { headers: { "Set-Cookie": loginCodeStep.set(context.env, phone) } },
      );
    }
    case "verify": {
      const guard = await consumeRateLimit(context.db, `code-check:ip:${context.clientIp}`, 60, 3600);
      if (!guard.allowed)
        return refuse(
          { formErrors: [codeErrorKey.rate_limited] },
          { status: 429, retryAfter: guard.retryAfterSeconds },
        );
      const checked = await checkCode(context.db, { phone, purpose: "login", code: command.code });
      if (!checked.ok) return refuse({ formErrors: [codeErrorKey[checked.reason]] });
      if (await isSuspended(context.db, checked.userId))
        return refuse({ formErrors: ["adminPanel.login.suspended"] }, { status: 403 });
      const signedIn = await signIn(context.db, context.env, checked.userId, request.headers.get("User-Agent"));
      const [who] = await context.db.select({ role: users.role }).from(users).where(eq(users.id, checked.userId));
      const headers = new Headers(signedIn.headers);
      headers.append("Set-Cookie", loginCodeStep.set(context.env, null));
      // Back where the login was asked for (the form posts to this page's URL, its ?redirectTo= too).
      const { redirectTo } = RedirectQuery.parse(queryOf(request));
      return redirect(safeRedirect(redirectTo, dashboardPath(who?.role ?? "carer")), { headers });
    }
    default:
      return unreachable(command);
  }
}

export default function SmsLogin() {
  // The code step comes from this browser's cookie, not from the answer to "send": it survives a reload.
  const { sentTo: pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const sentTo = pending ?? actionData?.codeStepFor ?? null;
  const { t } = useTranslation();
  // Where the login was asked for: the invitation notice, and the way to the password login, keep it.
  const redirectTo = new URLSearchParams(useLocation().search).get("redirectTo");
  return (
    <section className="stack narrow" aria-labelledby="sms-login-title">
      <h1 id="sms-login-title">{t("smsLogin.title")}</h1>
      {isInvitationPath(redirectTo) && <p className="notice">{t("login.forInvitation")}</p>}
      <p>{t("smsLogin.intro")}</p>
      <PhoneCodeForm
        key={sentTo ?? "send"}
        lastResult={actionData?.result}
        sentTo={sentTo}
        retryAfter={actionData?.retryAfter}
        labels={{
          phone: t("smsLogin.phone"),
          send: t("smsLogin.send"),
          sent: t("smsLogin.sent", { phone: sentTo ? displayPhone(sentTo) : "" }),
          code: t("smsLogin.code"),
          submit: t("smsLogin.submit"),
        }}
      />
      <p>
        <Link className="link-target" to={withRedirect("/login", redirectTo)}>
          {t("smsLogin.usePassword")}
        </Link>
      </p>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
