// The printable monthly record: every visit checked in during the month, with the six EVV elements
// (service, person receiving, date, location, carer, start and end) and, for the check-in and the
// check-out alike, the distance from home, the GPS accuracy and the reason given away from home.
import { formatTimeZone, inBrackets } from "~/i18n/formatters";
import type { NotCounted } from "~/ledger/ledger";
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";
import type { PlaceException } from "~/visits/exceptions";
import { useReasonText, useVisitFormat } from "../visits/format";
import { useVisitTime } from "../visits/visit-time";

export interface RecordPlace {
  accuracyM: number | null;
  distanceM: number | null;
  reason: string | null;
  exceptions: PlaceException[];
}

export interface RecordRow {
  id: string;
  service: ServiceKind;
  carerName: string;
  checkedInAt: string;
  checkedOutAt: string | null;
  minutes: number;
  checkIn: RecordPlace;
  /** Null until the carer checks out. */
  checkOut: RecordPlace | null;
  verified: boolean;
  /** Why it is not counted (null when it is, or while under way). */
  notCounted: NotCounted | null;
  /** Checked in and not yet out: neither verified nor not. */
  underWay: boolean;
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
  const { t, i18n } = useTranslation();
  const time = useVisitTime(parent.timeZone);
  const reasonText = useReasonText();
  // As the visit's record and timeline write them ("7.4 km", not "7442 m": an outside probe).
  const format = useVisitFormat(parent.timeZone);
  const metres = (m: number | null) => (m === null ? "—" : format.distance(m));
  const place = (p: RecordPlace | null) => {
    if (!p) return "—";
    if (p.exceptions.includes("no_fix")) return t("ledger.noFix");
    if (p.accuracyM === null) return t("ledger.placeNoAccuracy", { distance: metres(p.distanceM) });
    return t("ledger.place", { distance: metres(p.distanceM), accuracy: metres(p.accuracyM) });
  };
  const reasons = (r: RecordRow) =>
    (
      [
        ["checkIn", r.checkIn.reason],
        ["checkOut", r.checkOut?.reason ?? null],
      ] as const
    ).filter((pair): pair is readonly ["checkIn" | "checkOut", string] => !!pair[1]);
  return (
    <section className="card stack ledger-record" aria-labelledby="record-title">
      <h2 id="record-title">
        {t("ledger.record")} · {monthLabel}
      </h2>
      <p className="muted">{t("ledger.recordIntro", { zone: formatTimeZone(i18n.language, parent.timeZone) })}</p>
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
        <>
          {/* A shadow marks an edge the table can still scroll past (browsers let the keyboard scroll it). */}
          <p className="muted scroll-hint no-print">{t("ledger.scrollHint")}</p>
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
                      "startPlace",
                      "endPlace",
                      "reasons",
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
                    {/* Under way: no minutes yet, not 0 (a phone walk). */}
                    <td>{r.underWay ? "—" : r.minutes}</td>
                    <td>{place(r.checkIn)}</td>
                    <td>{place(r.checkOut)}</td>
                    <td>
                      {reasons(r).length === 0
                        ? "—"
                        : reasons(r).map(([end, reason]) => (
                            <span key={end} className="record-reason">
                              {`${t(`ledger.ends.${end}`)}${t("app.labelColon")}${reasonText(reason)}`}
                              <br />
                            </span>
                          ))}
                    </td>
                    <td>
                      {r.underWay
                        ? t("ledger.underWayCell")
                        : r.verified
                          ? t("ledger.yes")
                          : r.notCounted
                            ? `${t("ledger.no")}${inBrackets(i18n.language, t(`ledger.why.${r.notCounted}`))}`
                            : t("ledger.no")}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="muted no-print">{t("ledger.print")}</p>
    </section>
  );
}
