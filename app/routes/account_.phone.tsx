import { GeneralErrorBoundary } from "~/components/error-boundary";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/auth/guards.server";
import { mobileProblem, toE164 } from "~/auth/phone.server";
import { PhoneCodeForm } from "~/components/phone-code-form";
import { parsePhoneCodeForm } from "~/sms/code-form.server";
import { codeErrorKey } from "~/sms/schemas";
import { checkCode, pendingCode, requestVerificationCode, withdrawCodes } from "~/sms/verification.server";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import { readFormData, unreachable } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import type { PageHandle } from "~/components/page-title";
import { displayPhone } from "~/parents/phone-display";
import { safeRedirect } from "~/http/redirect";
import { redirectTarget } from "~/http/redirect-target";
import { queryOf } from "~/http/params.server";
import { z } from "zod";
import { smsSettingsOf } from "~/sms/preferences.server";

export const handle: PageHandle = { title: "titles.phone" };

/** Where a verification leads once done (the page's forms post to its URL, query and all). */
const PhoneQuery = z.object({ redirectTo: redirectTarget });

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  // The code step comes from the database, not from the answer to "send": it survives a reload.
  const pending = await pendingCode(context.db, { userId: user.id, purpose: "verify_phone" });
  return { phone: user.phone, verified: user.phoneVerifiedAt !== null, pending };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const { submission, refuse } = parsePhoneCodeForm(await readFormData(request));
  if (submission.status !== "success") return refuse({});
  const command = submission.value;
  if (command.intent === "change") {
    await withdrawCodes(context.db, { userId: user.id, purpose: "verify_phone" });
    return { result: submission.reply({ resetForm: true }), codeStepFor: null, retryAfter: null };
  }
  const phone = toE164(command.phone);
  if (!phone) return refuse({ fieldErrors: { phone: [mobileProblem(command.phone) ?? "errors.phone"] } });
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
          { status: limited ? 429 : 400, retryAfter: limited ? sent.retryAfterSeconds : null },
        );
      }
      return { result: submission.reply({ resetForm: true }), codeStepFor: null, retryAfter: null };
    }
    case "verify": {
      const guard = await consumeRateLimit(context.db, `code-check:ip:${context.clientIp}`, 60, 3600);
      if (!guard.allowed) {
        return refuse(
          { formErrors: [codeErrorKey.rate_limited] },
          { status: 429, retryAfter: guard.retryAfterSeconds },
        );
      }
      const checked = await checkCode(context.db, {
        phone,
        purpose: "verify_phone",
        code: command.code,
        userId: user.id,
      });
      // The same code sent again after it verified this number (an answer lost, a second tap): done, as
      // the first answer said. It said "That code is wrong" beside "Verified" (an outside probe).
      const now = !checked.ok && checked.reason === "invalid" ? await smsSettingsOf(context.db, user.id) : null;
      const repeat = Boolean(now?.verifiedAt) && now?.phone === phone;
      if (!checked.ok && !repeat) return refuse({ formErrors: [codeErrorKey[checked.reason]] });
      // Back where the person was sent from (the carer's checklist, the family's dashboard), else here.
      const { redirectTo } = PhoneQuery.parse(queryOf(request));
      return redirectWithToast(context.env, safeRedirect(redirectTo, "/account/phone"), {
        message: "phoneVerified",
        values: { phone: displayPhone(phone) },
      });
    }
    default:
      return unreachable(command);
  }
}

export default function AccountPhone() {
  const { phone, verified, pending } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  // A new number refused (a stale page posted one while a code waits): its field, with the message,
  // not the code step, which has no place for it.
  const numberRefused = Boolean(actionData?.result?.error?.phone?.length);
  const sentTo = numberRefused ? null : (pending?.phone ?? actionData?.codeStepFor ?? null);
  return (
    <section className="stack narrow" aria-labelledby="phone-title">
      <h1 id="phone-title">{t("phone.title")}</h1>
      <p>{t("phone.intro")}</p>
      <p className="muted">{verified ? t("phone.verified", { phone: displayPhone(phone) }) : t("phone.unverified")}</p>
      {verified && !sentTo && <p>{t("phone.changeIntro")}</p>}
      <PhoneCodeForm
        // A new form for a new saved number: after verifying, the field shows the number just verified.
        key={sentTo ?? `send:${phone ?? ""}`}
        lastResult={actionData?.result}
        sentTo={sentTo}
        resendIn={pending && pending.phone === sentTo ? pending.resendInSeconds : null}
        retryAfter={actionData?.retryAfter}
        defaultPhone={phone}
        labels={{
          phone: t("phone.number"),
          send: t("phone.send"),
          sent: t("phone.sent", { phone: displayPhone(sentTo) }),
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

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
