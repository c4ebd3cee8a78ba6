// The visits a new offer or an acceptance would overlap, each with its day and hours (and, for the
// parent's, with whom), and the box that says "I can do both" (or "book both"). Shown beside the form that was refused: the offer form, or the offer
// card whose Accept was tapped (which showed only the box, without saying what it clashed with).
import type { Clash } from "~/chat/offers.server";
import { dateTimeFormat, inBrackets } from "~/i18n/formatters";
import { useFormat } from "~/i18n/use-format";
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
  const format = useFormat();
  const end = dateTimeFormat(i18n.language, { timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  // The year when not this year's, and the parent's zone named when the reader's is another (an outside probe).
  const zone = format.readerZone === timeZone ? "" : inBrackets(i18n.language, format.zone(timeZone));
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
            {`${format.date(c.startsAt, { timeZone, time: true })}–${end.format(new Date(c.endsAt))}${zone}`}
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
