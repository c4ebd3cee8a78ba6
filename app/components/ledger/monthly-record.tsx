// The printable monthly record: every visit checked in during the month, with the six EVV elements
// (service, person receiving, date, location, carer, start and end) and the GPS accuracy, the
// distance from home and the reason given away from home.
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";
import { useVisitTime } from "../visits/visit-time";

export interface RecordRow {
  id: string;
  service: ServiceKind;
  carerName: string;
  checkedInAt: string;
  checkedOutAt: string | null;
  minutes: number;
  point: { lat: number; lng: number } | null;
  accuracyM: number | null;
  distanceM: number | null;
  reason: string | null;
  verified: boolean;
}

export function MonthlyRecord({
  rows,
  parent,
  monthLabel,
}: {
  rows: RecordRow[];
  parent: { name: string; address: string; timeZone: string };
  monthLabel: string;
}) {
  const { t } = useTranslation();
  const time = useVisitTime(parent.timeZone);
  const metres = (m: number | null) => (m === null ? "—" : t("ledger.metres", { m: Math.round(m) }));
  return (
    <section className="card stack ledger-record" aria-labelledby="record-title">
      <h2 id="record-title">
        {t("ledger.record")} · {monthLabel}
      </h2>
      <p className="muted">{t("ledger.recordIntro")}</p>
      <p>
        {t("ledger.person", { name: parent.name })}
        {parent.address && (
          <>
            <br />
            {t("ledger.location", { address: parent.address })}
          </>
        )}
      </p>
      {rows.length === 0 ? (
        <p className="muted">{t("ledger.none")}</p>
      ) : (
        <div className="table-scroll">
          <table className="record-table">
            <thead>
              <tr>
                {(
                  [
                    "date",
                    "service",
                    "carer",
                    "start",
                    "end",
                    "minutes",
                    "accuracy",
                    "distance",
                    "reason",
                    "verified",
                  ] as const
                ).map((c) => (
                  <th key={c} scope="col">
                    {t(`ledger.columns.${c}`)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>{time.date(r.checkedInAt)}</td>
                  <td>{t(`catalogue.services.${r.service}`)}</td>
                  <td>{r.carerName}</td>
                  <td>{time.clock(r.checkedInAt)}</td>
                  <td>{r.checkedOutAt ? time.clock(r.checkedOutAt) : "—"}</td>
                  <td>{r.minutes}</td>
                  <td>{metres(r.accuracyM)}</td>
                  <td>{metres(r.distanceM)}</td>
                  <td>{r.reason || "—"}</td>
                  <td>{t(r.verified ? "ledger.yes" : "ledger.no")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="muted no-print">{t("ledger.print")}</p>
    </section>
  );
}
