// /family/parents/:parentId/ledger?month=YYYY-MM: the visiting-time ledger of one parent and month.
// Verified visits and minutes against the goal, the family's own visits and calls (logged here),
// the last twelve months as a chart, and the printable monthly record. A child of the parent layout;
// another family's parent is a 404, for reading and for logging alike.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { queryOf } from "~/http/params.server";
import { getFormProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useMemo } from "react";
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat, formatList } from "~/i18n/formatters";
import { LedgerChart } from "~/components/ledger/ledger-chart";
import { MonthlyRecord } from "~/components/ledger/monthly-record";
import { InputFor, SelectFor } from "~/components/ui/conform-fields";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { ErrorList } from "~/components/ui/field";
import { SubmissionKeyInput } from "~/components/ui/submission-key-input";
import { useVisitTime } from "~/components/visits/visit-time";
import { invalid, readFormData, unreachable } from "~/http/forms.server";
import { newSubmissionKey, oncePerSubmission, submissionOf } from "~/http/once.server";
import { redirectWithToast } from "~/http/toast.server";
import { contactDateRange, goalShape, monthOf, type NotCounted } from "~/ledger/ledger";
import { ledgerMonth, logContact, removeContact } from "~/ledger/ledger.server";
import { LedgerActionSchema, LedgerQuerySchema } from "~/ledger/schemas";
import { requireMemberParent } from "~/parents/guards.server";
import { dateIn } from "~/geo/time-zone";
import type { PageHandle } from "~/components/page-title";

// The schema loads after hydration (deferred-validation.ts); the action parses with it.
const validateContact = deferredValidation(() => import("~/ledger/schemas").then((m) => m.ContactSchema));

export const handle: PageHandle = { title: "titles.ledger" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  const query = LedgerQuerySchema.parse(queryOf(request));
  const now = new Date();
  const ledger = await ledgerMonth(context.db, parent, query.month ?? monthOf(parent.timeZone, now), now, {
    radiusM: context.env.GEOFENCE_RADIUS_M,
  });
  return {
    parent: { id: parent.id, name: parent.name, address: parent.address, timeZone: parent.timeZone },
    ledger,
    dates: contactDateRange(dateIn(parent.timeZone, now)),
    submissionKey: newSubmissionKey(),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const parent = await requireMemberParent(request, context, params);
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: LedgerActionSchema });
  if (submission.status !== "success") return invalid(submission);
  const back = `/family/parents/${parent.id}/ledger${new URL(request.url).search}`;
  const command = submission.value;
  switch (command.intent) {
    case "add-contact": {
      if (!submissionOf(form)) return invalid(submission, { formErrors: ["errors.generic"] });
      const done = await oncePerSubmission<"future" | "too_old">(context.db, parent.viewer.id, form, async (tx) => {
        const logged = await logContact(tx, parent, command, new Date());
        return logged.ok ? { redirectTo: back } : { failure: logged.error };
      });
      if ("failure" in done) {
        const message = done.failure === "future" ? "errors.futureDate" : "errors.contactDateTooOld";
        return invalid(submission, { fieldErrors: { date: [message] } });
      }
      return redirectWithToast(context.env, done.redirectTo, { message: "contactLogged" });
    }
    case "remove-contact": {
      // A contact that is not this parent's, or is gone, is not found (it said "removed" to any id; an
      // outside probe). The same form posted twice, a double tap, gets the first post's answer.
      const done = await oncePerSubmission<"not_found">(context.db, parent.viewer.id, form, async (tx) =>
        (await removeContact(tx, parent, command.contactId)) ? { redirectTo: back } : { failure: "not_found" },
      );
      // Said on the page, with 404: another family member may have removed it since the page was shown.
      if ("failure" in done) return invalid(submission, { formErrors: ["ledger.entryGone"], status: 404 });
      return redirectWithToast(context.env, done.redirectTo, { message: "contactRemoved" });
    }
    default:
      return unreachable(command);
  }
}

export default function Ledger() {
  const { parent, ledger, dates, submissionKey } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t, i18n } = useTranslation();
  const time = useVisitTime(parent.timeZone);
  const monthLabel = useMemo(() => {
    const f = dateTimeFormat(i18n.language, { year: "numeric", month: "long", timeZone: "UTC" });
    return (m: string) => f.format(new Date(`${m}-01T00:00:00Z`));
  }, [i18n.language]);
  const [form, fields] = useCheckedForm({
    id: "family-contact",
    lastResult,
    defaultValue: { kind: "visit", date: dates.max },
    onValidate: validateContact,
  });
  // Why the visits not counted are not: each reason that occurred, with its count when there are several.
  const notCountedText = (by: Partial<Record<NotCounted, number>>) => {
    const found = (Object.entries(by) as [NotCounted, number][]).filter(([, n]) => n > 0);
    const items = found.map(([why, n]) =>
      found.length === 1 ? t(`ledger.why.${why}`) : t("ledger.whyCount", { count: n, why: t(`ledger.why.${why}`) }),
    );
    return formatList(i18n.language, items, "sentence");
  };
  const base = `/family/parents/${parent.id}/ledger`;
  const { totals, progress, goal } = ledger;
  const shape = goalShape(goal);
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("ledger.title", { name: parent.name })}</h1>
      <nav className="pager no-print" aria-label={t("ledger.month")}>
        <Link to={`${base}?month=${ledger.previous}`} rel="prev">
          ‹ {t("ledger.previous")}
        </Link>
        <strong>{monthLabel(ledger.month)}</strong>
        {ledger.next && (
          <Link to={`${base}?month=${ledger.next}`} rel="next">
            {t("ledger.next")} ›
          </Link>
        )}
      </nav>
      <div className="card stack">
        <dl className="stats">
          <div>
            <dt>{t("ledger.verified")}</dt>
            <dd>{totals.verifiedVisits}</dd>
          </div>
          <div>
            <dt>{t("ledger.verifiedMinutes")}</dt>
            <dd>{totals.verifiedMinutes}</dd>
          </div>
        </dl>
        <p className="muted">{t("ledger.verifiedHint")}</p>
        {shape ? (
          <>
            <p>{t(`ledger.goal.${shape}`, { visits: goal.visits, minutes: goal.minutes })}</p>
            {progress.visits !== null && (
              <p>
                <meter min={0} max={100} value={Math.min(progress.visits, 100)} />{" "}
                {t("ledger.goalVisits", { pct: progress.visits })}
              </p>
            )}
            {progress.minutes !== null && (
              <p>
                <meter min={0} max={100} value={Math.min(progress.minutes, 100)} />{" "}
                {t("ledger.goalMinutes", { pct: progress.minutes })}
              </p>
            )}
            {progress.met && <p className="badge badge--ok">{t("ledger.goalMet")}</p>}
          </>
        ) : (
          <p className="muted">{t("ledger.noGoal")}</p>
        )}
        {totals.otherVisits > 0 && (
          <p className="muted">
            {t("ledger.others", { count: totals.otherVisits, why: notCountedText(totals.notCounted) })}
          </p>
        )}
        {totals.underWayVisits > 0 && <p className="muted">{t("ledger.underWay", { count: totals.underWayVisits })}</p>}
      </div>
      <section className="card stack no-print" aria-labelledby="chart-title">
        <h2 id="chart-title">{t("ledger.chart")}</h2>
        <LedgerChart months={ledger.chart} selected={ledger.month} />
      </section>
      <section className="card stack" aria-labelledby="own-title">
        <h2 id="own-title">{t("ledger.own")}</h2>
        {ledger.contacts.length === 0 ? (
          <p className="muted">{t("ledger.ownNone")}</p>
        ) : (
          <>
            <p>
              {t("ledger.ownSummary", {
                visits: totals.familyVisits,
                visitMinutes: totals.familyVisitMinutes,
                calls: totals.calls,
                callMinutes: totals.callMinutes,
              })}
            </p>
            <ul className="card-list">
              {ledger.contacts.map((c) => (
                <li key={c.id} className="request-row">
                  <span>
                    {time.date(c.at)} · {t(`ledger.kinds.${c.kind}`)} ·{" "}
                    {t("visits.track.timeline.minutes", { minutes: c.minutes })} · {t("ledger.by", { name: c.byName })}
                    {c.note && <span className="muted"> · {c.note}</span>}
                  </span>
                  <Form method="post" className="no-print">
                    <input type="hidden" name="intent" value="remove-contact" />
                    <input type="hidden" name="contactId" value={c.id} />
                    <SubmissionKeyInput value={submissionKey} />
                    <button type="submit" className="button button--secondary button--small">
                      {t("ledger.remove")}
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </>
        )}
        <Form method="post" className="stack no-print" {...getFormProps(form)}>
          <h3>{t("ledger.log")}</h3>
          <ErrorList id={form.errorId} errors={form.errors} />
          <input type="hidden" name="intent" value="add-contact" />
          <SubmissionKeyInput value={submissionKey} />
          <div className="field-row">
            <SelectFor
              field={fields.kind}
              label={t("ledger.kind")}
              options={(["visit", "call"] as const).map((k) => ({ value: k, label: t(`ledger.kinds.${k}`) }))}
            />
            <InputFor field={fields.date} type="date" label={t("ledger.date")} min={dates.min} max={dates.max} />
            <InputFor field={fields.minutes} type="amount" label={t("ledger.minutes")} />
          </div>
          {/* One line, as the list shows it (a box of several lines took line breaks the rule refused). */}
          <InputFor field={fields.note} type="text" label={t("ledger.note")} maxLength={300} />
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("ledger.submit")}
          </button>
        </Form>
      </section>
      <MonthlyRecord rows={ledger.record} parent={parent} monthLabel={monthLabel(ledger.month)} />
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
