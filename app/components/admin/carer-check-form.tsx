// An admin records a carer's ID or background check: which, the day it was done (not after today, in
// the admin's own zone), and a note. The check still missing is chosen first. Loaded with the queue's page, not before it.
import { useTranslation } from "~/i18n/react";
import { ErrorList } from "~/components/ui/field";
import { type AdminReply, ReasonField, RowForm, useRowReply } from "./row-form";

export function CarerCheckForm({
  carerId,
  nextKind,
  today,
  reply,
}: {
  carerId: string;
  /** The check still missing, likely the next one. */
  nextKind: "id" | "background";
  /** Today in UTC (YYYY-MM-DD): the latest day a check can be recorded for. */
  today: string;
  reply: AdminReply;
}) {
  const { t } = useTranslation();
  const formId = `check-${carerId}`;
  return (
    <RowForm
      reply={reply}
      idField="carerId"
      id={carerId}
      intent="check"
      formId={formId}
      submit={t("adminPanel.verification.submit")}
    >
      <CheckFields formId={formId} nextKind={nextKind} today={today} />
      <ReasonField formId={formId} name="note" label={t("adminPanel.verification.note")} />
    </RowForm>
  );
}

/** The check's kind and day, with the row's refusal: its errors, and what was chosen (without JavaScript too). */
function CheckFields({ formId, nextKind, today }: { formId: string; nextKind: string; today: string }) {
  const { t } = useTranslation();
  const refused = useRowReply();
  const sent = refused?.initialValue as { kind?: string; checkedOn?: string } | undefined;
  return (
    <>
      <fieldset>
        <legend>{t("adminPanel.verification.kind")}</legend>
        {(["id", "background"] as const).map((kind) => (
          <label key={kind} className="choice">
            <input type="radio" name="kind" value={kind} required defaultChecked={kind === (sent?.kind ?? nextKind)} />{" "}
            {t(`adminPanel.verification.kinds.${kind}`)}
          </label>
        ))}
        <ErrorList errors={refused?.error?.kind ?? undefined} />
      </fieldset>
      <div className="field">
        <label htmlFor={`${formId}-checkedOn`}>{t("adminPanel.verification.checkedOn")}</label>
        <input
          id={`${formId}-checkedOn`}
          type="date"
          name="checkedOn"
          max={today}
          defaultValue={sent?.checkedOn ?? today}
          required
        />
        <ErrorList errors={refused?.error?.checkedOn ?? undefined} />
      </div>
    </>
  );
}
