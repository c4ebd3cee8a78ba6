// What the family confirms or disputes: the visit's times and its check-in and check-out.
import { useTranslation } from "~/i18n/react";
import type { completionView } from "~/visits/completion.server";
import { useVisitTime } from "./visit-time";
import { ZoneNote } from "./zone-note";

type View = Pick<NonNullable<Awaited<ReturnType<typeof completionView>>>, "visit" | "parent" | "carer">;

export function VisitRecordSummary({ view }: { view: View }) {
  const { t } = useTranslation();
  const time = useVisitTime(view.parent.timeZone);
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
            in: time.clock(visit.checkedInAt),
            out: time.clock(visit.checkedOutAt),
            minutes: visit.minutes,
          })}
        </p>
      ) : (
        visit.checkedInAt && <p>{t("visitConfirm.notOut", { carer: carer.name })}</p>
      )}
      <ZoneNote timeZone={view.parent.timeZone} />
      {visit.checkInReason && <p className="muted">{t("visitConfirm.reason", { reason: visit.checkInReason })}</p>}
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
