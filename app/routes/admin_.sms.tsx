// /admin/sms: failed text messages, newest first, with why each failed, and a retry that sends at most
// once however often it is pressed, by however many admins (app/admin/failed-sms.server.ts).
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { failedSms, retrySms } from "~/admin/failed-sms.server";
import { ADMIN_LIST_MAX, shownOf } from "~/admin/shown";
import { RetrySmsSchema } from "~/admin/schemas";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { displayPhone } from "~/parents/phone-display";
import { GoneRowErrors, ReasonField, RowForm } from "~/components/admin/row-form";
import { When } from "~/components/admin/when";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

export const handle: PageHandle = { title: "titles.adminSms" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const max = ADMIN_LIST_MAX.queue;
  const { rows: messages, cutAt } = shownOf(await failedSms(context.db, admin, max + 1), max);
  return { messages, cutAt };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: RetrySmsSchema });
  if (submission.status !== "success") return invalid(submission);
  const result = await retrySms(context.db, context.jobs, admin, submission.value, new Date());
  if (!result.ok) {
    // Already retried (a second click, another admin): nothing more is sent.
    const status = result.error === "not_found" ? 404 : 409;
    return invalid(submission, { formErrors: [`adminPanel.sms.errors.${result.error}`], status });
  }
  return redirectWithToast(context.env, "/admin/sms", { message: "adminSmsRetried" });
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function FailedSms() {
  const { messages, cutAt } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("adminPanel.sms.title")}</h1>
      <AdminNav />
      <GoneRowErrors reply={reply} idField="messageId" forms={messages} />
      <p>{t("adminPanel.sms.intro")}</p>
      {cutAt !== null && <p className="notice">{t("adminPanel.moreWaiting", { n: cutAt })}</p>}
      {messages.length === 0 ? (
        <p className="notice">{t("adminPanel.sms.empty")}</p>
      ) : (
        <ul className="card-list">
          {messages.map((m) => {
            const formId = `retry-${m.id}`;
            return (
              <li key={m.id} className="card stack">
                <h2>{`${t(`adminPanel.sms.kinds.${m.kind}`)} · ${m.userName ?? t("adminPanel.sms.parentNumber")}`}</h2>
                <p className="muted">
                  {displayPhone(m.toPhone)} · <When at={m.updatedAt} /> ·{" "}
                  {t("adminPanel.sms.attemptsAndRetries", {
                    attempts: t("adminPanel.sms.attempts", { count: m.attempts }),
                    retries: t("adminPanel.sms.retries", { count: m.retries }),
                  })}
                </p>
                <p>
                  <strong>{t("adminPanel.sms.why")}</strong> {m.errorCode ?? "—"}
                  {m.errorMessage ? ` · ${m.errorMessage}` : ""}
                </p>
                <p className="pre-line muted">{m.body}</p>
                <RowForm
                  reply={reply}
                  idField="messageId"
                  id={m.id}
                  intent="retry"
                  formId={formId}
                  submit={t("adminPanel.sms.retry")}
                >
                  <ReasonField formId={formId} name="reason" label={t("adminPanel.reason")} required={false} />
                </RowForm>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
