import { parseWithZod } from "~/http/forms.server";
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { isSuspended } from "~/auth/accounts.server";
import { eq } from "drizzle-orm";
import { users } from "~db/schema";
import { dashboardPath, requireAnonymous } from "~/auth/guards.server";
import { toE164 } from "~/auth/phone.server";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import { createSession, sessionCookie } from "~/auth/session.server";
import { PhoneCodeForm } from "~/components/phone-code-form";
import { codeErrorKey, PhoneCodeSchema } from "~/sms/schemas";
import { checkCode, requestLoginCode } from "~/sms/verification.server";
import { afterResponse } from "~/http/after-response.server";
import { readFormData } from "~/http/forms.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Log in by text" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAnonymous(request, context);
  return null;
}

/** Log in with a code texted to a verified number (carers' way in; anyone's when passwords are paused). */
export async function action({ request, context }: ActionFunctionArgs) {
  await requireAnonymous(request, context);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: PhoneCodeSchema });
  // A refused code keeps the code step on screen for the number it was sent to.
  const codeStepFor = formData.get("intent") === "verify" ? toE164(String(formData.get("phone") ?? "")) : null;
  if (submission.status !== "success")
    return data({ result: submission.reply(), sentTo: codeStepFor, retryAfter: null }, { status: 400 });
  const phone = toE164(submission.value.phone);
  if (!phone)
    return data(
      { result: submission.reply({ fieldErrors: { phone: ["errors.phone"] } }), sentTo: null, retryAfter: null },
      { status: 400 },
    );
  const fail = (key: string, status = 400, retryAfter: number | null = null) =>
    data(
      {
        result: submission.reply({ formErrors: [key] }),
        sentTo: submission.value.intent === "verify" ? phone : null,
        retryAfter,
      },
      { status },
    );

  if (submission.value.intent === "send") {
    const sent = await requestLoginCode(context.db, context.jobs, context.env, { phone, ip: context.clientIp });
    // Issued after this answer is sent: a registered number answers as fast as any other (ADR 015).
    if (sent.ok && sent.issue) afterResponse(context, "issuing a login code", sent.issue);
    if (!sent.ok)
      return fail(
        codeErrorKey[sent.reason],
        sent.reason === "rate_limited" ? 429 : 400,
        sent.reason === "rate_limited" ? sent.retryAfterSeconds : null,
      );
    return { result: submission.reply({ resetForm: true }), sentTo: phone, retryAfter: null };
  }
  const guard = await consumeRateLimit(context.db, `code-check:ip:${context.clientIp}`, 60, 3600);
  if (!guard.allowed) return fail(codeErrorKey.rate_limited, 429, guard.retryAfterSeconds);
  const checked = await checkCode(context.db, { phone, purpose: "login", code: submission.value.code });
  if (!checked.ok) return fail(codeErrorKey[checked.reason]);
  if (await isSuspended(context.db, checked.userId)) return fail("adminPanel.login.suspended", 403);
  const { token, absoluteExpiresAt } = await createSession(
    context.db,
    context.env,
    checked.userId,
    request.headers.get("User-Agent"),
  );
  const [who] = await context.db.select({ role: users.role }).from(users).where(eq(users.id, checked.userId));
  return redirect(dashboardPath(who?.role ?? "carer"), {
    headers: { "Set-Cookie": sessionCookie(context.env, token, absoluteExpiresAt) },
  });
}

export default function SmsLogin() {
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const sentTo = actionData?.sentTo ?? null;
  return (
    <section className="stack narrow" aria-labelledby="sms-login-title">
      <h1 id="sms-login-title">{t("smsLogin.title")}</h1>
      <p>{t("smsLogin.intro")}</p>
      <PhoneCodeForm
        key={sentTo ?? "send"}
        lastResult={actionData?.result}
        sentTo={sentTo}
        retryAfter={actionData?.retryAfter}
        labels={{
          phone: t("smsLogin.phone"),
          send: t("smsLogin.send"),
          sent: t("smsLogin.sent", { phone: sentTo }),
          code: t("smsLogin.code"),
          submit: t("smsLogin.submit"),
        }}
      />
      <p>
        <Link to="/login">{t("smsLogin.usePassword")}</Link>
      </p>
    </section>
  );
}
