import { parseWithZod } from "~/http/forms.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/auth/guards.server";
import { toE164 } from "~/auth/phone.server";
import { PhoneCodeForm } from "~/components/phone-code-form";
import { codeErrorKey, PhoneCodeSchema } from "~/sms/schemas";
import { checkCode, requestVerificationCode } from "~/sms/verification.server";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import { readFormData, unreachable } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Mobile number" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { phone: user.phone, verified: user.phoneVerifiedAt !== null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const formData = await readFormData(request);
  const submission = parseWithZod(formData, { schema: PhoneCodeSchema });
  // A refused code keeps the code step on screen for the number it was sent to.
  const codeStepFor = formData.get("intent") === "verify" ? toE164(String(formData.get("phone") ?? "")) : null;
  const refuse = (
    reply: Parameters<typeof submission.reply>[0],
    { status = 400, sentTo = codeStepFor, retryAfter = null as number | null } = {},
  ) => data({ result: submission.reply(reply), sentTo, retryAfter }, { status });
  if (submission.status !== "success") return refuse({});
  const phone = toE164(submission.value.phone);
  if (!phone) return refuse({ fieldErrors: { phone: ["errors.phone"] } }, { sentTo: null });
  const command = submission.value;
  switch (command.intent) {
    case "send": {
      const sent = await requestVerificationCode(context.db, context.jobs, context.env, {
        userId: user.id,
        phone,
        ip: context.clientIp,
      });
      if (!sent.ok) {
        const limited = sent.reason === "rate_limited";
        return refuse(
          { formErrors: [codeErrorKey[sent.reason]] },
          { status: limited ? 429 : 400, sentTo: null, retryAfter: limited ? sent.retryAfterSeconds : null },
        );
      }
      return { result: submission.reply({ resetForm: true }), sentTo: phone, retryAfter: null };
    }
    case "verify": {
      const guard = await consumeRateLimit(context.db, `code-check:ip:${context.clientIp}`, 60, 3600);
      if (!guard.allowed) {
        return refuse(
          { formErrors: [codeErrorKey.rate_limited] },
          { status: 429, sentTo: phone, retryAfter: guard.retryAfterSeconds },
        );
      }
      const checked = await checkCode(context.db, {
        phone,
        purpose: "verify_phone",
        code: command.code,
        userId: user.id,
      });
      if (!checked.ok) return refuse({ formErrors: [codeErrorKey[checked.reason]] }, { sentTo: phone });
      return redirectWithToast(context.env, "/account/phone", { message: "phoneVerified", values: { phone } });
    }
    default:
      return unreachable(command);
  }
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
      <p className="muted">{verified ? t("phone.verified", { phone }) : t("phone.unverified")}</p>
      <PhoneCodeForm
        // A new form for a new saved number: after verifying, the field shows the number just verified.
        key={sentTo ?? `send:${phone ?? ""}`}
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
        <Link to="/account" className="link-target">
          {t("nav.account")}
        </Link>
      </p>
    </section>
  );
}
