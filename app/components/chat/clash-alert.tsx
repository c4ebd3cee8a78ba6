// The visits a new offer or an acceptance would overlap, each with its day and hours (and, for the
// parent's, with whom), and the box that says "I can do both" (or "book both"). Shown beside the form that was refused: the offer form, or the offer
// card whose Accept was tapped (which showed only the box, without saying what it clashed with).
import type { Clash } from "~/chat/offers.server";
import { dateTimeFormat } from "~/i18n/formatters";
import { useTranslation } from "~/i18n/react";

export function ClashAlert({
  clashes,
  timeZone,
  action,
}: {
  clashes: Clash[];
  /** The zone the offer's times are in: the parent's. */
  timeZone: string;
  /** What the box lets the person go ahead with. */
  action: "send" | "accept";
}) {
  const { t, i18n } = useTranslation();
  const options = { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;
  const start = dateTimeFormat(i18n.language, { ...options, weekday: "short", month: "short", day: "numeric" });
  const end = dateTimeFormat(i18n.language, options);
  // The carer's own visits, or the parent's with another carer (the family's warning, naming whom).
  const parent = clashes[0]?.kind === "parent" ? clashes[0] : null;
  const confirm = parent
    ? action === "send"
      ? "offer.parentClashConfirm"
      : "offer.parentClashConfirmAccept"
    : action === "send"
      ? "offer.clashConfirm"
      : "offer.clashConfirmAccept";
  return (
    <div className="form-alert" role="alert">
      <p>{parent ? t("offer.parentClash", { name: parent.parentName ?? "" }) : t("offer.clash")}</p>
      <ul>
        {clashes.map((c) => (
          <li key={c.visitId}>
            {`${start.format(new Date(c.startsAt))}–${end.format(new Date(c.endsAt))}`}
            {c.carerName ? ` · ${t("offer.parentClashWith", { carer: c.carerName })}` : null}
          </li>
        ))}
      </ul>
      <label className="choice">
        <input type="checkbox" name="overlapConfirmed" value="on" required />
        <span>{t(confirm)}</span>
      </label>
    </div>
  );
}
