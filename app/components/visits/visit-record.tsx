// The printable visit record: the six Electronic Visit Verification elements (service, person
// receiving, date, location, carer, start and end) with the server's times, the GPS accuracy, the
// distance from home and every reason given. Print CSS keeps this and drops the rest of the page.
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import type { EvvPlace, VisitRecord as Record } from "~/visits/tracking.server";
import { useReasonText, useVisitFormat } from "./format";

function PrintButton() {
  const { t } = useTranslation();
  // Printing needs the script; without it the browser's own Print does the same. Rendered hidden on the
  // server, so that its text travels with the page's (a text shown only after mount is not carried).
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);
  return (
    <button type="button" className="button button--secondary no-print" hidden={!ready} onClick={() => window.print()}>
      {t("visits.track.print")}
    </button>
  );
}

/**
 * The record's exceptions in words, each end's named with the end: "Check-out: away from home (reason
 * given)", "59 min shorter than booked", "over before the booked start (14:00)".
 */
export function useRecordExceptions(record: Record, timeZone: string): string[] {
  const { t } = useTranslation();
  const format = useVisitFormat(timeZone);
  const reasonText = useReasonText();
  return (
    [
      ["start", record.checkIn],
      ["end", record.checkOut],
    ] as const
  )
    .flatMap(([end, p]) =>
      p.exceptions.map(
        // The reason is said with it: the list is also shown at the top of the visit page, far from the
        // record ("reason above" pointed at nothing there: a new-user walk).
        (e) =>
          `${t(`visits.track.record.${end}`)}${t("app.labelColon")}${t(`visits.track.record.exception.${e}`, {
            reason: p.reason ? reasonText(p.reason) : t("visits.track.record.notRecorded"),
          })}`,
      ),
    )
    .concat(
      record.shortByMinutes !== null
        ? [t("visits.track.record.exception.short", { minutes: record.shortByMinutes })]
        : [],
      record.endedBeforeStart
        ? [t("visits.track.record.exception.beforeStart", { time: format.clock(record.scheduledStart) })]
        : [],
    );
}

export function VisitRecord({
  record,
  address,
  timeZone,
}: {
  record: Record;
  /** The home's address when this viewer may see it. */
  address: string | null;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const format = useVisitFormat(timeZone);
  const reasonText = useReasonText();
  const none = t("visits.track.record.notRecorded");
  // Left out for this viewer, not missing: a carer once the visit no longer gives them the home.
  const familyOnly = t("visits.track.record.familyOnly");
  const flags = useRecordExceptions(record, timeZone);

  const place = (label: string, p: EvvPlace) => (
    <div>
      <dt>{label}</dt>
      <dd>
        {p.at ? format.dateTime(p.at) : none}
        {p.at && (
          <ul className="record-place">
            <li>
              {t("visits.track.record.accuracy")}
              {t("app.labelColon")}
              {p.accuracyM !== null ? format.distance(p.accuracyM) : none}
            </li>
            <li>
              {t("visits.track.record.distance")}
              {t("app.labelColon")}
              {p.distanceM !== null ? format.distance(p.distanceM) : record.homeWithheld ? familyOnly : none}
            </li>
            {p.reason && (
              <li className="record-reason">
                {t("visits.track.record.reason")}
                {t("app.labelColon")}
                {reasonText(p.reason)}
              </li>
            )}
          </ul>
        )}
      </dd>
    </div>
  );

  return (
    <section className="card stack visit-record" aria-labelledby="record-title">
      <div className="record-head">
        <h2 id="record-title">{t("visits.track.recordTitle")}</h2>
        <PrintButton />
      </div>
      <dl className="details">
        <div>
          <dt>{t("visits.track.record.service")}</dt>
          <dd>{t(`catalogue.services.${record.service}`)}</dd>
        </div>
        <div>
          <dt>{t("visits.track.record.person")}</dt>
          <dd>{record.parentName}</dd>
        </div>
        <div>
          <dt>{t("visits.track.record.date")}</dt>
          <dd>{format.day(record.date)}</dd>
        </div>
        <div>
          <dt>{t("visits.track.record.location")}</dt>
          <dd>{address || (record.homeWithheld ? familyOnly : "—")}</dd>
        </div>
        <div>
          <dt>{t("visits.track.record.carer")}</dt>
          <dd>{record.carerName}</dd>
        </div>
        <div>
          <dt>{t("visits.track.record.booked")}</dt>
          <dd>
            {format.dateTime(record.scheduledStart)}–{format.clock(record.scheduledEnd)}
          </dd>
        </div>
        {record.onTheWayAt && (
          <div>
            <dt>{t("visits.track.record.onTheWay")}</dt>
            <dd>{format.dateTime(record.onTheWayAt)}</dd>
          </div>
        )}
        {place(t("visits.track.record.start"), record.checkIn)}
        {place(t("visits.track.record.end"), record.checkOut)}
        <div>
          <dt>{t("visits.track.record.duration")}</dt>
          <dd>{record.minutes !== null ? t("visits.track.timeline.minutes", { minutes: record.minutes }) : none}</dd>
        </div>
        <div>
          <dt>{t("visits.track.record.exceptions")}</dt>
          {flags.length === 0 ? (
            <dd>{t("visits.track.record.noExceptions")}</dd>
          ) : (
            <dd className="record-flag">
              <ul className="record-place">
                {flags.map((f) => (
                  <li key={f}>{f}</li>
                ))}
              </ul>
            </dd>
          )}
        </div>
      </dl>
      <p className="muted">{t("visits.track.record.timesNote", { zone: format.zone(timeZone) })}</p>
    </section>
  );
}
