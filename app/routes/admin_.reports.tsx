// /admin/reports: open reports of every kind (chat messages now; reviews once ratings exist), each
// with what was said as written and as its receiver saw it, to hide or dismiss with a reason.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { openReports, resolveReport } from "~/admin/reports.server";
import { ADMIN_LIST_MAX, shownOf } from "~/admin/shown";
import { ReportActionSchema } from "~/admin/schemas";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { dateTimeFormat } from "~/i18n/formatters";
import { GoneRowErrors, ReasonField, RowForm } from "~/components/admin/row-form";
import { invalid, readFormData, unreachable } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

/** A moment as <When> writes one (components/admin/when.tsx): to the second, in UTC, named. */
const UTC_MOMENT = { dateStyle: "medium", timeStyle: "long", hourCycle: "h23", timeZone: "UTC" } as const;

export const handle: PageHandle = { title: "titles.adminReports" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const max = ADMIN_LIST_MAX.queue;
  // Each kind's oldest max + 1: the oldest max of them all are among them.
  const { rows: reports, cutAt } = shownOf(await openReports(context.db, admin, max + 1), max);
  return { reports, cutAt };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: ReportActionSchema });
  // The report's kind is a hidden field of its row.
  if (submission.status !== "success") return invalid(submission, { hidden: ["kind"] });
  const command = submission.value;
  const now = new Date();
  const input = { kind: command.kind, id: command.reportId, reason: command.reason };
  let hide: boolean;
  switch (command.intent) {
    case "hide":
      hide = true;
      break;
    case "dismiss":
      hide = false;
      break;
    default:
      return unreachable(command);
  }
  const result = await resolveReport(context.db, admin, { ...input, hide }, now);
  if (!result.ok) {
    const status = result.error === "not_found" ? 404 : 409;
    return invalid(submission, { formErrors: [`adminPanel.reports.errors.${result.error}`], status });
  }
  return redirectWithToast(context.env, "/admin/reports", {
    message: hide ? "adminReportHidden" : "adminReportDismissed",
  });
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function Reports() {
  const { reports, cutAt } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("adminPanel.reports.title")}</h1>
      <AdminNav />
      <GoneRowErrors reply={reply} idField="reportId" forms={reports} />
      {cutAt !== null && <p className="notice">{t("adminPanel.moreWaiting", { n: cutAt })}</p>}
      {reports.length === 0 ? (
        <p className="notice">{t("adminPanel.reports.empty")}</p>
      ) : (
        <ul className="card-list">
          {reports.map((r) => {
            return (
              <li key={`${r.kind}-${r.id}`} className="card stack">
                <h2>
                  {t(`adminPanel.reports.kinds.${r.kind}`)} · {t(`chat.reasons.${r.reason}`)}
                </h2>
                <p className="muted">
                  {t("adminPanel.reports.by", {
                    name: r.reporterName,
                    date: dateTimeFormat(i18n.language, UTC_MOMENT).format(new Date(r.createdAt)),
                  })}{" "}
                  · {r.context}
                </p>
                {r.note && <p className="pre-line">{t("adminPanel.reports.note", { note: r.note })}</p>}
                <blockquote className="admin-quote pre-line">
                  <strong>{r.authorName}:</strong> {r.text}
                </blockquote>
                {r.around.length > 1 && (
                  <details className="admin-around">
                    <summary>{t("adminPanel.reports.around")}</summary>
                    <ol className="stack">
                      {r.around.map((m) => (
                        <li key={m.seq} className="pre-line" aria-current={m.reported ? "true" : undefined}>
                          <strong>{m.authorName}:</strong> {m.text}
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
                {r.authorEmail && (
                  <p>
                    <Link to={`/admin/accounts?${new URLSearchParams({ q: r.authorEmail })}`}>
                      {t("adminPanel.reports.findAuthor", { name: r.authorName })}
                    </Link>
                  </p>
                )}
                {r.maskedText !== null && (
                  <p className="muted pre-line">{t("adminPanel.reports.receiverSaw", { text: r.maskedText })}</p>
                )}
                {r.hidden && <p className="badge badge--muted">{t("adminPanel.reports.alreadyHidden")}</p>}
                <RowForm
                  reply={reply}
                  idField="reportId"
                  id={r.id}
                  formId={`report-${r.id}`}
                  submit={t("adminPanel.reports.hide")}
                  intent={[
                    { intent: "hide", label: t("adminPanel.reports.hide"), danger: true },
                    { intent: "dismiss", label: t("adminPanel.reports.dismiss") },
                  ]}
                >
                  <input type="hidden" name="kind" value={r.kind} />
                  <ReasonField formId={`report-${r.id}`} name="reason" label={t("adminPanel.reason")} />
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
