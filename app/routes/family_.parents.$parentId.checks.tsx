// /family/parents/:parentId/checks: the parent's own word. The family confirms the parent's own
// number (a code texted to it, which the parent reads out), then turns on the "did the carer come?"
// text after each visit and picks its language. A child of the parent layout; other families get 404.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { FormAlert } from "~/components/ui/field";
import { requireFamily } from "~/auth/guards.server";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import { readFormData, unreachable } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { requireMemberParent } from "~/parents/guards.server";
import {
  confirmParentCode,
  parentCheckSettings,
  type ParentCodeResult,
  pendingParentCode,
  saveParentChecks,
  sendParentCode,
} from "~/parents/parent-checks.server";
import { ParentChecksSchema } from "~/parents/schemas";
import { codeErrorKey } from "~/sms/schemas";
import type { PageHandle } from "~/components/page-title";
import { displayPhone } from "~/parents/phone-display";
import { parentStepOfField } from "~/parents/form-steps";

/** The edit form's step that holds the parent's number, not its first (a new-user walk landed on "Who they are"). */
const phoneStepOf = (parentId: string) => `/family/parents/${parentId}/edit?step=${parentStepOfField("phone")}`;
import { refusalOf } from "~/components/ui/refusal";
import { revalidateWhenStale } from "~/http/revalidate";

export const handle: PageHandle = { title: "titles.parentChecks" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  // The code step comes from the database, not only from the answer to "send": it survives a reload.
  const pending = await pendingParentCode(context.db, parent);
  return { parent: { id: parent.id, name: parent.name }, settings: parentCheckSettings(parent), pending };
}

const SEND_ERRORS = {
  ...codeErrorKey,
  no_phone: "parentChecks.noPhone",
  not_mobile: "parentChecks.notMobile",
} as const satisfies Record<Extract<ParentCodeResult, { ok: false }>["reason"], string>;

export async function action({ request, context, params }: ActionFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  const submission = parseWithZod(await readFormData(request), { schema: ParentChecksSchema });
  const refuse = (
    reply: Parameters<typeof submission.reply>[0],
    { status = 400, sentTo = null as string | null, retryAfter = null as number | null } = {},
  ) => data({ result: submission.reply(reply), sentTo, retryAfter }, { status });
  if (submission.status !== "success") return refuse({});
  const here = `/family/parents/${parent.id}/checks`;
  const command = submission.value;
  switch (command.intent) {
    case "send-code": {
      const member = await requireFamily(request, context);
      const sent = await sendParentCode(context.db, context.jobs, context.env, parent, {
        memberName: member.name,
        ip: context.clientIp,
      });
      if (!sent.ok) {
        const limited = sent.reason === "rate_limited";
        return refuse(
          { formErrors: [SEND_ERRORS[sent.reason]] },
          { status: limited ? 429 : 400, retryAfter: limited ? sent.retryAfterSeconds : null },
        );
      }
      return { result: submission.reply({ resetForm: true }), sentTo: sent.phone ?? null, retryAfter: null };
    }
    case "verify-code": {
      const guard = await consumeRateLimit(context.db, `code-check:ip:${context.clientIp}`, 60, 3600);
      if (!guard.allowed) {
        return refuse(
          { formErrors: [codeErrorKey.rate_limited] },
          { status: 429, sentTo: parent.phone, retryAfter: guard.retryAfterSeconds },
        );
      }
      const checked = await confirmParentCode(context.db, parent, command.code);
      if (!checked.ok) return refuse({ formErrors: [codeErrorKey[checked.reason]] }, { sentTo: parent.phone });
      return redirectWithToast(context.env, here, {
        message: "parentPhoneConfirmed",
        values: { phone: parent.phone ? displayPhone(parent.phone) : "" },
      });
    }
    case "save": {
      const saved = await saveParentChecks(context.db, parent, {
        askAfterVisit: command.askAfterVisit === "on",
        smsLocale: command.smsLocale,
      });
      if (!saved.ok) return refuse({ formErrors: ["parentChecks.unverified"] }, { status: 409 });
      return redirectWithToast(context.env, here, { message: "parentChecksSaved" });
    }
    default:
      return unreachable(command);
  }
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function ParentChecks() {
  const { parent, settings, pending } = useLoaderData<typeof loader>();
  const answer = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const busy = navigation.state === "submitting";
  const sentTo = answer?.sentTo ?? pending?.phone ?? null;
  const errors = refusalOf(answer?.result, ["code"]) ?? null;
  const codeErrors = answer?.result.error?.code ?? null;
  const alert = [...(errors ?? []), ...(codeErrors ?? [])];
  return (
    <section className="stack narrow" aria-labelledby="title">
      <h1 id="title">{t("parentChecks.title", { name: parent.name })}</h1>
      <p>{t("parentChecks.intro", { name: parent.name })}</p>
      <FormAlert>
        {alert.length > 0 && alert.map((e) => <p key={e}>{t(e, { seconds: answer?.retryAfter ?? 60 })}</p>)}
      </FormAlert>
      {!settings.phone ? (
        <p className="notice">
          {t("parentChecks.noPhone", { name: parent.name })}{" "}
          <Link to={phoneStepOf(parent.id)}>{t("parents.edit")}</Link>
        </p>
      ) : !settings.textable ? (
        <p className="notice">
          {t("parentChecks.notMobile")} <Link to={phoneStepOf(parent.id)}>{t("parents.edit")}</Link>
        </p>
      ) : settings.verified ? (
        <p role="status">{t("parentChecks.confirmed", { phone: displayPhone(settings.phone) })}</p>
      ) : sentTo ? (
        <>
          <Form method="post" className="stack card" noValidate>
            <p role="status">{t("parentChecks.sent", { phone: displayPhone(sentTo), name: parent.name })}</p>
            <input type="hidden" name="intent" value="verify-code" />
            <div className="field">
              <label htmlFor="parent-code">{t("parentChecks.code")}</label>
              <input
                id="parent-code"
                name="code"
                inputMode="numeric"
                autoComplete="one-time-code"
                // Room for a code read out with a space ("427 235") or typed in full width; the schema reads both.
                maxLength={12}
                required
              />
            </div>
            <button type="submit" className="button" disabled={busy}>
              {t("parentChecks.confirm")}
            </button>
          </Form>
          {/* No text arrived, or the code ran out: ask again (the send limits still apply). */}
          <Form method="post" className="stack">
            {pending?.resendInSeconds ? (
              <p className="muted">{t("codeForm.resendIn", { seconds: pending.resendInSeconds })}</p>
            ) : null}
            <button type="submit" name="intent" value="send-code" className="button button--secondary" disabled={busy}>
              {t("codeForm.resend")}
            </button>
          </Form>
        </>
      ) : (
        <Form method="post" className="stack card">
          <p>{t("parentChecks.confirmFirst", { phone: displayPhone(settings.phone), name: parent.name })}</p>
          <button type="submit" name="intent" value="send-code" className="button" disabled={busy}>
            {t("parentChecks.sendCode")}
          </button>
        </Form>
      )}
      <Form method="post" className="stack card">
        <input type="hidden" name="intent" value="save" />
        <label className="choice">
          <input
            type="checkbox"
            name="askAfterVisit"
            defaultChecked={settings.askAfterVisit}
            disabled={!settings.verified}
          />
          <span>{t("parentChecks.ask", { name: parent.name })}</span>
        </label>
        <div className="field">
          <label htmlFor="sms-locale">{t("parentChecks.locale")}</label>
          <select id="sms-locale" name="smsLocale" defaultValue={settings.smsLocale}>
            <option value="zh-CN">中文</option>
            <option value="en">English</option>
          </select>
        </div>
        <button type="submit" className="button" disabled={busy}>
          {t("parentChecks.save")}
        </button>
      </Form>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
