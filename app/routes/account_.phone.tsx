import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { toE164 } from "~/auth/phone.server";
import { PhoneCodeForm } from "~/components/phone-code-form";
import { codeErrorKey, PhoneCodeSchema } from "~/sms/schemas";
import { checkCode, requestVerificationCode } from "~/sms/verification.server";
import { consumeRateLimit } from "~/auth/rate-limit.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Mobile number" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { phone: user.phone, verified: user.phoneVerifiedAt !== null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: PhoneCodeSchema });
  // A refused code keeps the code step on screen for the number it was sent to.
  const codeStepFor = formData.get("intent") === "verify" ? toE164(String(formData.get("phone") ?? "")) : null;
  if (submission.status !== "success")
    return data({ result: submission.reply(), sentTo: codeStepFor, verified: null, retryAfter: null }, { status: 400 });
  const phone = toE164(submission.value.phone);
  const fail = (key: string, status = 400, retryAfter: number | null = null) =>
    data(
      {
        result: submission.reply({ formErrors: [key] }),
        sentTo: submission.value.intent === "verify" ? phone : null,
        verified: null,
        retryAfter,
      },
      { status },
    );
  if (!phone)
    return data(
      {
        result: submission.reply({ fieldErrors: { phone: ["errors.phone"] } }),
        sentTo: null,
        verified: null,
        retryAfter: null,
      },
      { status: 400 },
    );

  if (submission.value.intent === "send") {
    const sent = await requestVerificationCode(context.db, context.jobs, context.env, {
      userId: user.id,
      phone,
      ip: context.clientIp,
    });
    if (!sent.ok)
      return fail(
        codeErrorKey[sent.reason],
        sent.reason === "rate_limited" ? 429 : 400,
        sent.reason === "rate_limited" ? sent.retryAfterSeconds : null,
      );
    return { result: submission.reply({ resetForm: true }), sentTo: phone, verified: null, retryAfter: null };
  }
  const guard = await consumeRateLimit(context.db, `code-check:ip:${context.clientIp}`, 60, 3600);
  if (!guard.allowed) return fail(codeErrorKey.rate_limited, 429, guard.retryAfterSeconds);
  const checked = await checkCode(context.db, {
    phone,
    purpose: "verify_phone",
    code: submission.value.code,
    userId: user.id,
  });
  if (!checked.ok) return fail(codeErrorKey[checked.reason]);
  return { result: submission.reply({ resetForm: true }), sentTo: null, verified: phone, retryAfter: null };
}

export default function AccountPhone() {
  const { phone, verified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const sentTo = actionData?.sentTo ?? null;
  return (
    <section className="stack narrow" aria-labelledby="phone-title">
      <h1 id="phone-title">{t("phone.title")}</h1>
      <p>{t("phone.intro")}</p>
      {actionData?.verified ? (
        <p className="card" role="status">
          {t("phone.done", { phone: actionData.verified })}
        </p>
      ) : (
        <p className="muted">{verified ? t("phone.verified", { phone }) : t("phone.unverified")}</p>
      )}
      <PhoneCodeForm
        key={sentTo ?? "send"}
        lastResult={actionData?.result}
        sentTo={sentTo}
        retryAfter={actionData?.retryAfter}
        defaultPhone={phone}
        labels={{
          phone: t("phone.number"),
          send: t("phone.send"),
          sent: t("phone.sent", { phone: sentTo }),
          code: t("phone.code"),
          submit: t("phone.verify"),
        }}
      />
      <p>
        <Link to="/account">{t("nav.account")}</Link>
      </p>
    </section>
  );
}
