// The decision on a dispute: the form (an outcome and the reasons both sides are told), or the decision
// that stands. Loaded with the page, not before it; the server draws it whole, and a form sent before
// its code arrives is posted as without JavaScript.
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { DisputeEvidence } from "~/admin/disputes.server";
import { DISPUTE_OUTCOMES } from "~/admin/vocabulary";
import { ErrorList } from "~/components/ui/field";
import { EvidencePart } from "./evidence-part";
import { When } from "./when";

export function DisputeDecision({
  dispute,
  timeZone,
  reply,
}: {
  dispute: DisputeEvidence["dispute"];
  timeZone: string;
  /** The refusal of the last decision sent, if it was refused. */
  reply: SubmissionResult<string[]> | undefined;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const sent = reply?.initialValue as { outcome?: string; note?: string } | undefined;
  return (
    <EvidencePart id="decision" title={t("adminPanel.disputes.decision")}>
      {/* A refusal; a second decision (a retry, another admin) is said above the one that stands. */}
      <ErrorList errors={reply?.error?.[""] ?? undefined} />
      {dispute.status === "resolved" ? (
        <p>
          {t(`adminPanel.disputes.outcomes.${dispute.outcome as "done"}`)} ·{" "}
          <When at={dispute.resolvedAt} timeZone={timeZone} />
          <br />
          <span className="pre-line">{dispute.outcomeNote}</span>
        </p>
      ) : (
        <Form method="post" className="stack" id="resolve-dispute" noValidate>
          <input type="hidden" name="intent" value="resolve" />
          <fieldset>
            <legend>{t("adminPanel.disputes.outcome")}</legend>
            {DISPUTE_OUTCOMES.map((o) => (
              <label key={o} className="choice">
                <input type="radio" name="outcome" value={o} required defaultChecked={sent?.outcome === o} />{" "}
                {t(`adminPanel.disputes.outcomes.${o}`)}
              </label>
            ))}
            <ErrorList errors={reply?.error?.outcome ?? undefined} />
          </fieldset>
          <div className="field">
            <label htmlFor="resolve-note">{t("adminPanel.disputes.note")}</label>
            <p className="field-hint">{t("adminPanel.disputes.noteHint")}</p>
            {/* What was typed comes back with a refusal, with or without JavaScript (a new-user walk). */}
            <textarea id="resolve-note" name="note" required maxLength={500} rows={3} defaultValue={sent?.note} />
            <ErrorList errors={reply?.error?.note ?? undefined} />
          </div>
          <button type="submit" className="button" disabled={navigation.state === "submitting"}>
            {t("adminPanel.disputes.resolve")}
          </button>
        </Form>
      )}
    </EvidencePart>
  );
}
