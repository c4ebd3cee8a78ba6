// /admin/accounts: find an account by name, email or mobile number (or list the suspended ones), and suspend or
// reinstate it with a reason. Suspending a carer cancels their upcoming visits and texts the families.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat } from "~/i18n/formatters";
import { AccountActionSchema, AccountSearchSchema } from "~/admin/schemas";
import { findAccounts, reinstateUser, type SuspendError, suspendUser } from "~/admin/suspension.server";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { ADMIN_LIST_MAX, shownOf } from "~/admin/shown";
import { GoneRowErrors, ReasonField, replyIsFor, RowForm } from "~/components/admin/row-form";
import { ErrorList, Field } from "~/components/ui/field";
import { invalid, readFormData, unreachable } from "~/http/forms.server";
import { filterQueryOf, queryOf } from "~/http/params.server";
import { redirectWithToast } from "~/http/toast.server";
import type { PageHandle } from "~/components/page-title";
import { displayPhone } from "~/parents/phone-display";
import { revalidateWhenStale } from "~/http/revalidate";

/** A day as the admin pages write one: in UTC, with its year ("Dec 6, 2026"). */
const UTC_DAY = { dateStyle: "medium", timeZone: "UTC" } as const;

export const handle: PageHandle = { title: "titles.adminAccounts" };

const SUSPEND_ERRORS: Record<SuspendError, { key: string; status: number }> = {
  not_found: { key: "adminPanel.accounts.errors.notFound", status: 404 },
  already_suspended: { key: "adminPanel.accounts.errors.alreadySuspended", status: 409 },
  not_suspended: { key: "adminPanel.accounts.errors.notSuspended", status: 409 },
  is_admin: { key: "adminPanel.accounts.errors.isAdmin", status: 403 },
};

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const query = parseWithZod(filterQueryOf(request), { schema: AccountSearchSchema });
  if (query.status !== "success") {
    // A hand-edited URL (a search too long, ?suspended=yes): the message goes beside the box, and nothing is searched.
    const asked = queryOf(request);
    return data(
      {
        q: (asked.q ?? "").slice(0, 254),
        suspended: false,
        accounts: [],
        cutAt: null,
        searched: false,
        errors: query.error ?? {},
      },
      { status: 400 },
    );
  }
  const { q, suspended } = query.value;
  const searched = Boolean(q) || Boolean(suspended);
  const max = ADMIN_LIST_MAX.accounts;
  const found = searched
    ? await findAccounts(context.db, admin, { q, suspended: Boolean(suspended), limit: max + 1 })
    : [];
  const { rows: accounts, cutAt } = shownOf(found, max);
  return {
    q: q ?? "",
    suspended: Boolean(suspended),
    accounts,
    cutAt,
    searched,
    errors: {} as Record<string, string[] | null>,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: AccountActionSchema });
  if (submission.status !== "success") return invalid(submission);
  const command = submission.value;
  const now = new Date();
  const back = new URL(request.url);
  const to = `/admin/accounts${back.search}`;
  switch (command.intent) {
    case "suspend": {
      const effects = { jobs: context.jobs, env: context.env, hub: context.hub };
      const result = await suspendUser(context.db, effects, admin, command, now);
      if (!result.ok) {
        const e = SUSPEND_ERRORS[result.error];
        return invalid(submission, { formErrors: [e.key], status: e.status });
      }
      return redirectWithToast(context.env, to, {
        message: "adminSuspended",
        values: { visits: result.cancelledVisits },
      });
    }
    case "reinstate": {
      const result = await reinstateUser(context.db, admin, command, now);
      if (!result.ok) {
        const e = SUSPEND_ERRORS[result.error];
        return invalid(submission, { formErrors: [e.key], status: e.status });
      }
      return redirectWithToast(context.env, to, { message: "adminReinstated" });
    }
    default:
      return unreachable(command);
  }
}

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

/** The one form an account's row shows: none for an admin, Reinstate once suspended, else Suspend. */
function intentsFor(account: { role: string; suspendedAt: unknown }): string[] {
  if (account.role === "admin") return [];
  return account.suspendedAt ? ["reinstate"] : ["suspend"];
}

export default function Accounts() {
  const { q, suspended, accounts, cutAt, searched, errors } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("adminPanel.accounts.title")}</h1>
      <AdminNav />
      <GoneRowErrors
        reply={reply}
        idField="userId"
        forms={accounts.map((a) => ({ id: a.id, intents: intentsFor(a) }))}
      />
      <Form method="get" className="card stack" role="search">
        <Field
          label={t("adminPanel.accounts.search")}
          errors={errors.q ?? undefined}
          inputProps={{ id: "q", name: "q", type: "search", defaultValue: q, maxLength: 254 }}
        />
        <label className="choice">
          <input type="checkbox" name="suspended" defaultChecked={suspended} /> {t("adminPanel.accounts.onlySuspended")}
        </label>
        <ErrorList errors={errors.suspended} />
        <button type="submit" className="button button--secondary">
          {t("adminPanel.accounts.find")}
        </button>
      </Form>
      {searched && accounts.length === 0 && <p className="notice">{t("adminPanel.accounts.none")}</p>}
      {cutAt !== null && <p className="notice">{t("adminPanel.moreMatches", { n: cutAt })}</p>}
      <ul className="card-list">
        {accounts.map((a) => {
          const formId = `account-${a.id}`;
          // The reason box of the row's one form (suspend or reinstate).
          const reason = <ReasonField formId={formId} name="reason" label={t("adminPanel.reason")} />;
          return (
            <li key={a.id} className="card stack">
              <h2>
                {a.name}{" "}
                {a.suspendedAt ? (
                  <span className="badge badge--muted">{t("adminPanel.accounts.suspendedBadge")}</span>
                ) : null}
              </h2>
              <p className="muted">
                {a.email}
                {a.phone ? ` · ${displayPhone(a.phone)}` : ""} · {t(`account.roles.${a.role}`)}
              </p>
              {a.awaitingVerification && !a.suspendedAt && (
                <p>
                  <span className="badge badge--muted">{t("adminPanel.accounts.awaitingVerification")}</span>{" "}
                  {/* The email is unique: the queue's search finds this carer's card alone. */}
                  <Link to={`/admin/carers?${new URLSearchParams({ q: a.email })}#carer-${a.id}`}>
                    {t("adminPanel.accounts.openVerification")}
                  </Link>
                </p>
              )}
              {a.suspendedAt && (
                <p>
                  {t("adminPanel.accounts.suspendedOn", {
                    date: dateTimeFormat(i18n.language, UTC_DAY).format(new Date(a.suspendedAt)),
                  })}
                  : {a.suspendedReason}
                </p>
              )}
              {a.role === "admin" ? null : a.suspendedAt ? (
                <RowForm
                  reply={reply}
                  idField="userId"
                  id={a.id}
                  intent="reinstate"
                  formId={formId}
                  submit={t("adminPanel.accounts.reinstate")}
                >
                  {reason}
                </RowForm>
              ) : (
                // Folded: a search lists many accounts, and each open form (its hint, a reason box and a
                // red button) made one search many screens of buttons to mis-tap. Open after a refusal.
                <details
                  className="tap-more"
                  open={replyIsFor(reply, "userId", { id: a.id, intents: ["suspend"] }) || undefined}
                >
                  <summary>{t("adminPanel.accounts.suspendOpen")}</summary>
                  <RowForm
                    reply={reply}
                    idField="userId"
                    id={a.id}
                    intent="suspend"
                    formId={formId}
                    submit={t("adminPanel.accounts.suspend")}
                    danger
                  >
                    {a.role === "carer" && <p className="muted">{t("adminPanel.accounts.suspendCarerHint")}</p>}
                    {reason}
                  </RowForm>
                </details>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
