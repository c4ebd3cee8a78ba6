// /admin/carers: the carers waiting to be verified, longest waiting first, a page at a time with how many
// wait in all, searchable by name, email or phone; and a form per carer to record an ID check or a
// background check (the day it was done, and a note). Both on record: the carer is verified.
import { lazyIsland } from "~/components/ui/lazy-island";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import { type ActionFunctionArgs, data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { CarerCheckSchema, VerificationQueueSchema } from "~/admin/schemas";
import { recordCarerCheck, verificationQueue } from "~/admin/verification.server";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { dateTimeFormat } from "~/i18n/formatters";
import { detectLocale } from "~/i18n/i18n.server";
import { GoneRowErrors } from "~/components/admin/row-form";
import { Field } from "~/components/ui/field";
import { filterQueryOf, queryOf } from "~/http/params.server";
import { dateIn } from "~/geo/time-zone";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import type { PageHandle } from "~/components/page-title";
import { displayPhone } from "~/parents/phone-display";

/** A day as the admin pages write one: in UTC, with its year ("Dec 6, 2026"). */
const UTC_DAY = { dateStyle: "medium", timeZone: "UTC" } as const;

// The form of each carer's check loads with the page, not before it: the server draws it whole, and a
// form sent before its code arrives is posted as without JavaScript.
const CarerCheckForm = lazyIsland(() => import("~/components/admin/carer-check-form").then((m) => m.CarerCheckForm));

export const handle: PageHandle = { title: "titles.adminCarers" };

/** How old a check may be when it is recorded. */
const CHECK_MAX_AGE_DAYS = 365;
const DAY_MS = 86_400_000;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  // The admin's own today (their account's zone): in UTC, an admin in China could not record a check
  // done that morning before 08:00 (an outside probe).
  const today = dateIn(admin.timeZone, new Date());
  const query = parseWithZod(filterQueryOf(request), { schema: VerificationQueueSchema });
  if (query.status !== "success") {
    // A search form: a bad value is shown beside its field (ADR 013), as it was sent, and nothing is listed.
    const empty = { carers: [], total: 0, offset: 0, next: null };
    return data({ ...empty, q: queryOf(request).q ?? "", today, errors: query.error ?? {} }, { status: 400 });
  }
  const { q, after } = query.value;
  const page = await verificationQueue(context.db, admin, { q, after });
  // The day each signed up, written here in the reader's language (a language change reads it again):
  // the page's script need not carry the formatting.
  const day = dateTimeFormat(detectLocale(request, admin.locale), UTC_DAY);
  const carers = page.carers.map((c) => ({ ...c, signedUp: day.format(new Date(c.createdAt)) }));
  return { ...page, carers, q: q ?? "", today, errors: {} as Record<string, string[] | null> };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: CarerCheckSchema });
  if (submission.status !== "success") return invalid(submission);
  const now = new Date();
  const input = submission.value;
  // A check is recorded on the day it was done: never a day still to come (in the admin's zone, where
  // the day was lived), nor one too old to vouch for the carer now (the badge would show "last checked 1926").
  if (input.checkedOn > dateIn(admin.timeZone, now)) {
    return invalid(submission, { fieldErrors: { checkedOn: ["errors.futureDate"] } });
  }
  if (input.checkedOn < dateIn(admin.timeZone, new Date(now.getTime() - CHECK_MAX_AGE_DAYS * DAY_MS))) {
    return invalid(submission, { fieldErrors: { checkedOn: ["adminPanel.verification.tooOld"] } });
  }
  const result = await recordCarerCheck(context.db, admin, input, now);
  // Back to the same page of the queue (its search and cursor), where the next carer waits.
  const back = `/admin/carers${new URL(request.url).search}`;
  if (!result.ok && result.error === "not_a_carer") {
    return invalid(submission, { formErrors: ["adminPanel.verification.notACarer"], status: 404 });
  }
  // Verified or suspended since this page was drawn: the queue as it now is, which no longer lists them.
  if (!result.ok) return redirectWithToast(context.env, back, { message: "adminCarerNotWaiting", kind: "error" });
  return redirectWithToast(context.env, back, {
    message: result.verified ? "adminCarerVerified" : "adminCarerChecked",
  });
}

export default function VerificationQueue() {
  const { carers, total, offset, next, q, today, errors } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t } = useTranslation();
  const searchErrors = errors.q ?? undefined;
  const pageUrl = (cursor: string | null) => {
    const p = new URLSearchParams();
    if (q) p.set("q", q);
    if (cursor) p.set("after", cursor);
    return `/admin/carers${p.size ? `?${p}` : ""}`;
  };
  const range = { from: offset + 1, to: offset + carers.length, total, q };
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("adminPanel.verification.title")}</h1>
      <AdminNav />
      <GoneRowErrors reply={reply} idField="carerId" forms={carers} />
      <p>{t("adminPanel.verification.intro")}</p>
      <Form method="get" className="card stack" role="search">
        <Field
          label={t("adminPanel.verification.search")}
          errors={searchErrors}
          inputProps={{ id: "q", name: "q", type: "search", defaultValue: q, maxLength: 254 }}
        />
        <button type="submit" className="button button--secondary">
          {t("adminPanel.verification.find")}
        </button>
      </Form>
      {searchErrors ? null : carers.length === 0 ? (
        <p className="notice">
          {total > 0
            ? // Past the last page (a link kept, or the last ones just verified): not "nobody is waiting".
              t(q ? "adminPanel.verification.pastTheEndMatching" : "adminPanel.verification.pastTheEnd", { total, q })
            : q
              ? t("adminPanel.verification.noMatch", { q })
              : t("adminPanel.verification.empty")}
        </p>
      ) : (
        <p role="status">
          {q ? t("adminPanel.verification.countMatching", range) : t("adminPanel.verification.count", range)}
        </p>
      )}
      {(q || offset > 0) && (
        <p>
          <Link to={q ? "/admin/carers" : pageUrl(null)}>
            {q ? t("adminPanel.verification.showAll") : t("adminPanel.verification.first")}
          </Link>
        </p>
      )}
      {carers.length > 0 && (
        <ul className="card-list">
          {carers.map((c) => {
            return (
              <li key={c.id} id={`carer-${c.id}`} className="card stack">
                <h2>
                  <a href={`/carers/${c.id}`}>{c.name}</a>
                </h2>
                <p className="muted">
                  {c.email} · {displayPhone(c.phone)} · {t("adminPanel.verification.since", { date: c.signedUp })}
                  {c.listed ? "" : ` · ${t("adminPanel.verification.unlisted")}`}
                </p>
                {c.checks.length > 0 ? (
                  <ul>
                    {c.checks.map((k) => (
                      <li key={`${k.kind}-${k.checkedOn}-${k.note}`}>
                        {t(`adminPanel.verification.kinds.${k.kind}`)} · {k.checkedOn} · {k.note}
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p>{t("adminPanel.verification.noChecks")}</p>
                )}
                <CarerCheckForm
                  carerId={c.id}
                  nextKind={c.checks.some((k) => k.kind === "id") ? "background" : "id"}
                  today={today}
                  reply={reply}
                />
              </li>
            );
          })}
        </ul>
      )}
      {next !== null && (
        <nav className="pager" aria-label={t("adminPanel.verification.pages")}>
          <Link to={pageUrl(next)}>{t("adminPanel.verification.next")}</Link>
        </nav>
      )}
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
