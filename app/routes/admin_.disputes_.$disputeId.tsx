// /admin/disputes/:disputeId: all the evidence of one disputed visit on one page (the chat with the
// masked originals, the EVV record, the visit log and its corrections, the photo, every event, the
// parent's own SMS answer), and the decision, which both sides are told by text and on the visit page.
import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { disputeEvidence, resolveDispute } from "~/admin/disputes.server";
import { DISPUTE_OUTCOMES, ResolveDisputeSchema } from "~/admin/schemas";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { When } from "~/components/admin/when";
import { ErrorList } from "~/components/ui/field";
import { invalid, readFormData } from "~/http/forms.server";
import { uuidParam } from "~/http/params.server";
import { invariantResponse } from "~/http/responses.server";
import { redirectWithToast } from "~/http/toast.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Dispute" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const evidence = await disputeEvidence(context.db, admin, uuidParam(params, "disputeId"));
  invariantResponse(evidence);
  return evidence;
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const disputeId = uuidParam(params, "disputeId");
  const submission = parseWithZod(await readFormData(request), { schema: ResolveDisputeSchema });
  if (submission.status !== "success") return invalid(submission);
  const effects = { jobs: context.jobs, env: context.env, hub: context.hub };
  const result = await resolveDispute(context.db, effects, admin, { disputeId, ...submission.value }, new Date());
  invariantResponse(result);
  if (!result.ok)
    return invalid(submission, { formErrors: [`adminPanel.disputes.errors.${result.error}`], status: 409 });
  return redirectWithToast(context.env, `/admin/disputes/${disputeId}`, { message: "adminDisputeResolved" });
}

export default function DisputeEvidencePage() {
  const e = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const navigation = useNavigation();
  const { t } = useTranslation();
  const zone = e.visit.timeZone;
  const m = (v: number | null) => (v === null ? "—" : `${Math.round(v)} m`);
  return (
    <article className="stack" aria-labelledby="title">
      <h1 id="title">{t("adminPanel.disputes.visitOf", { parent: e.visit.parentName, carer: e.visit.carerName })}</h1>
      <AdminNav />
      <section className="card stack" aria-labelledby="claim">
        <h2 id="claim">{t("adminPanel.disputes.claim")}</h2>
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
          {t("adminPanel.disputes.status")}:{" "}
          <span className={`badge visit-status--${e.visit.status}`}>
            {t(`visits.status.${e.visit.status}` as "visits.status.scheduled")}
          </span>
        </p>
      </section>

      <section className="card stack" aria-labelledby="terms">
        <h2 id="terms">{t("adminPanel.disputes.terms")}</h2>
        <p>
          {t(`catalogue.services.${e.visit.service}` as "catalogue.services.companionship")} ·{" "}
          <When at={e.visit.startsAt} timeZone={zone} /> · {e.visit.durationMinutes} min · ¥{e.visit.priceCents / 100}
        </p>
        <p>{e.visit.tasks.join(" · ") || "—"}</p>
      </section>

      <section className="card stack" aria-labelledby="evv">
        <h2 id="evv">{t("adminPanel.disputes.evv")}</h2>
        <div className="table-scroll">
          <table className="record-table">
            <tbody>
              <tr>
                <th scope="row">{t("adminPanel.disputes.onTheWay")}</th>
                <td>
                  <When at={e.evv.onTheWayAt} timeZone={zone} />
                </td>
              </tr>
              <tr>
                <th scope="row">{t("adminPanel.disputes.checkIn")}</th>
                <td>
                  <When at={e.evv.checkedInAt} timeZone={zone} /> ·{" "}
                  {t("adminPanel.disputes.fromHome", {
                    distance: m(e.evv.checkInDistanceM),
                    accuracy: m(e.evv.checkInAccuracyM),
                  })}
                  {e.evv.checkInReason ? ` · ${e.evv.checkInReason}` : ""}
                </td>
              </tr>
              <tr>
                <th scope="row">{t("adminPanel.disputes.checkOut")}</th>
                <td>
                  <When at={e.evv.checkedOutAt} timeZone={zone} /> ·{" "}
                  {t("adminPanel.disputes.fromHome", {
                    distance: m(e.evv.checkOutDistanceM),
                    accuracy: m(e.evv.checkOutAccuracyM),
                  })}
                  {e.evv.checkOutReason ? ` · ${e.evv.checkOutReason}` : ""}
                </td>
              </tr>
              {e.evv.gpsFlagged && (
                <tr>
                  <th scope="row">GPS</th>
                  <td>{t("adminPanel.disputes.gpsFlagged")}</td>
                </tr>
              )}
            </tbody>
          </table>
        </div>
      </section>

      <section className="card stack" aria-labelledby="log">
        <h2 id="log">{t("adminPanel.disputes.log")}</h2>
        {e.log ? (
          <>
            <p>
              {t("adminPanel.disputes.tasksDone")}: {e.log.tasksDone.join(" · ") || "—"}
            </p>
            {e.log.notes && <p className="pre-line">{e.log.notes}</p>}
            <p className="muted">{[e.log.mood, e.log.appetite, e.log.mobility].map((v) => v ?? "—").join(" · ")}</p>
            {e.log.concerns && <p className="pre-line">{e.log.concerns}</p>}
            {e.log.hasPhoto && (
              <img
                className="visit-photo"
                src={`/admin/disputes/${e.dispute.id}/photo`}
                alt={t("adminPanel.disputes.photo")}
                width={320}
              />
            )}
          </>
        ) : (
          <p>{t("adminPanel.disputes.noLog")}</p>
        )}
        {e.corrections.length > 0 && (
          <ul>
            {e.corrections.map((c) => (
              <li key={`${c.field}-${c.at}`}>
                <When at={c.at} timeZone={zone} /> · {c.field}: {c.oldValue ?? "—"} → {c.newValue ?? "—"} ({c.reason})
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card stack" aria-labelledby="parent">
        <h2 id="parent">{t("adminPanel.disputes.parentAnswer")}</h2>
        {e.parentAnswer ? (
          <p>
            {t("adminPanel.disputes.asked")} <When at={e.parentAnswer.sentAt} timeZone={zone} /> ·{" "}
            {e.parentAnswer.answer
              ? t(`adminPanel.disputes.answers.${e.parentAnswer.answer}`)
              : t("adminPanel.disputes.noAnswer")}
            {e.parentAnswer.reply && (
              <>
                {" "}
                · {t("adminPanel.disputes.replied")} “{e.parentAnswer.reply.body}” (
                <When at={e.parentAnswer.reply.at} timeZone={zone} />)
              </>
            )}
          </p>
        ) : (
          <p>{t("adminPanel.disputes.notAsked")}</p>
        )}
      </section>

      <section className="card stack" aria-labelledby="events">
        <h2 id="events">{t("adminPanel.disputes.events")}</h2>
        <ol className="timeline">
          {e.events.map((ev) => (
            <li key={ev.id}>
              <When at={ev.at} timeZone={zone} /> · {ev.fromStatus ?? "—"} → {ev.toStatus} ·{" "}
              {ev.actorName ?? "Kinvisit"}
              {ev.reason ? ` · ${ev.reason}` : ""}
            </li>
          ))}
        </ol>
      </section>

      <section className="card stack" aria-labelledby="chat">
        <h2 id="chat">{t("adminPanel.disputes.chat")}</h2>
        <p className="muted">{t("adminPanel.disputes.chatIntro")}</p>
        {e.transcript.length === 0 ? (
          <p>—</p>
        ) : (
          <ol className="thread">
            {e.transcript.map((msg) => (
              <li key={msg.seq} className="stack">
                <span className="muted">
                  #{msg.seq} · {msg.senderName} · <When at={msg.at} timeZone={zone} />
                  {msg.hidden ? ` · ${t("adminPanel.disputes.hiddenMessage")}` : ""}
                </span>
                <span className="pre-line">{msg.kind === "event" ? `[${msg.event}]` : msg.body}</span>
                {msg.maskedBody !== null && (
                  <span className="muted pre-line">
                    {t("adminPanel.reports.receiverSaw", { text: msg.maskedBody })}
                  </span>
                )}
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="card stack" aria-labelledby="decision">
        <h2 id="decision">{t("adminPanel.disputes.decision")}</h2>
        {e.dispute.status === "resolved" ? (
          <p>
            {t(`adminPanel.disputes.outcomes.${e.dispute.outcome as "done"}`)} ·{" "}
            <When at={e.dispute.resolvedAt} timeZone={zone} />
            <br />
            <span className="pre-line">{e.dispute.outcomeNote}</span>
          </p>
        ) : (
          <Form method="post" className="stack" id="resolve-dispute">
            <ErrorList errors={reply?.error?.[""] ?? undefined} />
            <input type="hidden" name="intent" value="resolve" />
            <fieldset>
              <legend>{t("adminPanel.disputes.outcome")}</legend>
              {DISPUTE_OUTCOMES.map((o) => (
                <label key={o} className="choice">
                  <input type="radio" name="outcome" value={o} required /> {t(`adminPanel.disputes.outcomes.${o}`)}
                </label>
              ))}
              <ErrorList errors={reply?.error?.outcome ?? undefined} />
            </fieldset>
            <div className="field">
              <label htmlFor="resolve-note">{t("adminPanel.disputes.note")}</label>
              <p className="field-hint">{t("adminPanel.disputes.noteHint")}</p>
              <textarea id="resolve-note" name="note" required maxLength={500} rows={3} />
              <ErrorList errors={reply?.error?.note ?? undefined} />
            </div>
            <button type="submit" className="button" disabled={navigation.state === "submitting"}>
              {t("adminPanel.disputes.resolve")}
            </button>
          </Form>
        )}
      </section>
    </article>
  );
}
