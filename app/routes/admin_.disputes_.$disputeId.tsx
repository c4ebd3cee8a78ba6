// /admin/disputes/:disputeId: all the evidence of one disputed visit on one page (the chat with the
// masked originals, the EVV record, the visit log and its corrections, the photo, every event, the
// parent's own SMS answer), and the decision, which both sides are told by text and on the visit page.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { lazyIsland } from "~/components/ui/lazy-island";
import { useTranslation } from "~/i18n/react";
import { disputeDecided, disputeEvidence, resolveDispute } from "~/admin/disputes.server";
import { ResolveDisputeSchema } from "~/admin/schemas";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { EvidencePart } from "~/components/admin/evidence-part";
import { When } from "~/components/admin/when";
import { VisitStatusBadge } from "~/components/visits/visit-status-badge";
import { useReasonText, useVisitFormat } from "~/components/visits/format";
import { invalid, readFormData } from "~/http/forms.server";
import { uuidParam } from "~/http/params.server";
import { invariantResponse } from "~/http/responses.server";
import { redirectWithToast } from "~/http/toast.server";
import { formatMoney } from "~/visit-requests/format";
import type { PageHandle } from "~/components/page-title";
import { revalidateWhenStale } from "~/http/revalidate";

export const handle: PageHandle = { title: "titles.adminDispute" };

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const evidence = await disputeEvidence(context.db, admin, uuidParam(params, "disputeId"), new Date());
  invariantResponse(evidence);
  return evidence;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const disputeId = uuidParam(params, "disputeId");
  const submission = parseWithZod(await readFormData(request), { schema: ResolveDisputeSchema });
  if (submission.status !== "success") {
    // Decided meanwhile: the page shows the decision, not the form's fields; it says so above it.
    if (await disputeDecided(context.db, admin, disputeId)) {
      return invalid(submission, { formErrors: ["adminPanel.disputes.errors.already_resolved"], status: 409 });
    }
    return invalid(submission);
  }
  const effects = { jobs: context.jobs, env: context.env, hub: context.hub };
  const result = await resolveDispute(context.db, effects, admin, { disputeId, ...submission.value }, new Date());
  invariantResponse(result);
  if (!result.ok)
    return invalid(submission, { formErrors: [`adminPanel.disputes.errors.${result.error}`], status: 409 });
  return redirectWithToast(context.env, `/admin/disputes/${disputeId}`, { message: "adminDisputeResolved" });
}

const DisputeRecord = lazyIsland(() => import("~/components/admin/dispute-record").then((m) => m.DisputeRecord));
// The decision (its form, or the one that stands) loads with the page too: the server draws it whole,
// and a form sent before its code arrives is posted as without JavaScript.
const DisputeDecision = lazyIsland(() => import("~/components/admin/dispute-decision").then((m) => m.DisputeDecision));

/** A refusal because the page is out of date (409, 403) reads it again (app/http/revalidate.ts). */
export const shouldRevalidate = revalidateWhenStale;

export default function DisputeEvidencePage() {
  const e = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const reasonText = useReasonText();
  const zone = e.visit.timeZone;
  const clockIn = useVisitFormat(zone).clock;
  const m = (v: number | null) => (v === null ? "—" : `${Math.round(v)} m`);
  return (
    <article className="stack" aria-labelledby="title">
      <h1 id="title">{t("adminPanel.disputes.visitOf", { parent: e.visit.parentName, carer: e.visit.carerName })}</h1>
      <AdminNav />
      <EvidencePart id="claim" title={t("adminPanel.disputes.claim")}>
        <p className="muted">
          {e.dispute.byParent
            ? t("adminPanel.disputes.openedByParent")
            : t("adminPanel.disputes.openedBy", { name: e.dispute.openedByName ?? "—" })}{" "}
          · <When at={e.dispute.createdAt} timeZone={zone} />
        </p>
        <p className="pre-line">
          {e.dispute.reason === "parent_said_no" ? t("adminPanel.disputes.parentSaidNo") : e.dispute.reason}
        </p>
        <p>
          {t("adminPanel.disputes.status")}: <VisitStatusBadge status={e.visit.status} />
        </p>
      </EvidencePart>

      <EvidencePart id="terms" title={t("adminPanel.disputes.terms")}>
        <p>
          {t(`catalogue.services.${e.visit.service}`)} · <When at={e.visit.startsAt} timeZone={zone} /> ·{" "}
          {t("jobs.duration", { minutes: e.visit.durationMinutes })} · {formatMoney(e.visit.priceCents, i18n.language)}
        </p>
        <p>{e.visit.tasks.join(" · ") || "—"}</p>
      </EvidencePart>

      <EvidencePart id="evv" title={t("adminPanel.disputes.evv")}>
        <div className="table-scroll">
          <table className="record-table">
            <tbody>
              {(
                [
                  ["onTheWay", e.evv.onTheWayAt, null, null, null],
                  ["checkIn", e.evv.checkedInAt, e.evv.checkInDistanceM, e.evv.checkInAccuracyM, e.evv.checkInReason],
                  [
                    "checkOut",
                    e.evv.checkedOutAt,
                    e.evv.checkOutDistanceM,
                    e.evv.checkOutAccuracyM,
                    e.evv.checkOutReason,
                  ],
                ] as const
              ).map(([label, at, distance, accuracy, reason]) => (
                <tr key={label}>
                  <th scope="row">{t(`adminPanel.disputes.${label}`)}</th>
                  <td>
                    <When at={at} timeZone={zone} />
                    {label !== "onTheWay" &&
                      ` · ${t("adminPanel.disputes.fromHome", { distance: m(distance), accuracy: m(accuracy) })}`}
                    {reason ? ` · ${reasonText(reason)}` : ""}
                  </td>
                </tr>
              ))}
              {e.evv.gpsFlagged && (
                <tr>
                  <th scope="row">{t("adminPanel.disputes.gps")}</th>
                  <td>{t("adminPanel.disputes.gpsFlagged")}</td>
                </tr>
              )}
              {/* The exceptions the family's page lists, said here too (only raw times were). */}
              {(e.evv.shortByMinutes !== null || e.evv.endedBeforeStart) && (
                <tr>
                  <th scope="row">{t("adminPanel.disputes.exceptions")}</th>
                  <td>
                    {[
                      e.evv.shortByMinutes !== null &&
                        t("visits.track.record.exception.short", { minutes: e.evv.shortByMinutes }),
                      e.evv.endedBeforeStart &&
                        t("visits.track.record.exception.beforeStart", { time: clockIn(e.visit.startsAt) }),
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  </td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </EvidencePart>

      <EvidencePart id="rating" title={t("adminPanel.disputes.rating")}>
        <p>
          {!e.rating
            ? t("adminPanel.disputes.notRated")
            : e.rating.isDefault
              ? t("adminPanel.disputes.ratedDefault")
              : (["asAgreed", "care", "punctuality"] as const)
                  .map((k) => `${t(`ratings.metrics.${k}`)} ${t("ratings.starsOf", { stars: e.rating![k] })}`)
                  .join(" · ")}
          {e.rating && !e.rating.counts && ` · ${t("adminPanel.disputes.ratingNotCounted")}`}
        </p>
        {e.rating?.comment && <blockquote className="admin-quote pre-line">{e.rating.comment}</blockquote>}
      </EvidencePart>

      {/* The long record (log, photo, the parent's answer, events, chat) loads with the page, not before it. */}
      <DisputeRecord evidence={e} />

      <DisputeDecision dispute={e.dispute} timeZone={zone} reply={reply} />
    </article>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
