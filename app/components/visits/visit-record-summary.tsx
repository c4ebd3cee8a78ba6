// What the family confirms or disputes: the visit's times and its check-in and check-out.
import { useTranslation } from "~/i18n/react";
import type { completionView } from "~/visits/completion.server";
import { useReasonText } from "./format";
import { useVisitTime } from "./visit-time";
import { ZoneNote } from "./zone-note";

type View = Pick<NonNullable<Awaited<ReturnType<typeof completionView>>>, "visit" | "parent" | "carer">;

export function VisitRecordSummary({ view }: { view: View }) {
  const { t } = useTranslation();
  const time = useVisitTime(view.parent.timeZone);
  const reasonText = useReasonText();
  const { visit, carer } = view;
  return (
    <div className="card stack">
      <p>
        {time.full(visit.startsAt)}–{time.clock(visit.endsAt)} · {t(`catalogue.services.${visit.service}`)} ·{" "}
        {carer.name} <span className="badge">{t(`visits.status.${visit.status}`)}</span>
      </p>
      {visit.checkedInAt && visit.checkedOutAt ? (
        <p>
          {t("visitConfirm.record", {
            carer: carer.name,
            in: time.clockBeside(visit.checkedInAt, visit.startsAt),
            out: time.clockBeside(visit.checkedOutAt, visit.startsAt),
            minutes: visit.minutes,
          })}
        </p>
      ) : (
        visit.checkedInAt && <p>{t("visitConfirm.notOut", { carer: carer.name })}</p>
      )}
      <ZoneNote timeZone={view.parent.timeZone} />
      {/* A reason in the carer's words, or a code named in the reader's language (a walk saw "gps_wrong"). */}
      {visit.checkInReason && (
        <p className="muted">{t("visitConfirm.inReason", { reason: reasonText(visit.checkInReason) })}</p>
      )}
      {visit.checkOutReason && (
        <p className="muted">{t("visitConfirm.outReason", { reason: reasonText(visit.checkOutReason) })}</p>
      )}
      {visit.confirmedAt && (
        <p className="muted">
          {t(visit.autoConfirmed ? "visitConfirm.autoConfirmed" : "visitConfirm.confirmed", {
            when: time.full(visit.confirmedAt),
          })}
        </p>
      )}
    </div>
  );
}
