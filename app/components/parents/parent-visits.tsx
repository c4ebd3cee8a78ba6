// A parent's booked visits for the family: the next ones, then the latest past ones.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";
import type { VisitStatus } from "~db/schema";
import { formatDate } from "~/i18n/formatters";

interface VisitRow {
  id: string;
  status: VisitStatus;
  service: ServiceKind;
  startsAt: string;
  carerName: string;
}

export function ParentVisits({
  visits,
  timeZone,
  now,
}: {
  visits: { upcoming: VisitRow[]; past: VisitRow[] };
  timeZone: string;
  /** The loader's clock: a date says its year only when it is not this year. */
  now: string;
}) {
  const { t, i18n } = useTranslation();
  if (visits.upcoming.length === 0 && visits.past.length === 0) return null;
  const at = (iso: string) => formatDate(i18n.language, iso, { now, timeZone, time: true });
  const list = (rows: VisitRow[]) => (
    <ul className="card-list">
      {rows.map((v) => (
        <li key={v.id}>
          <Link to={`/visits/${v.id}`} className="row-link">
            {at(v.startsAt)} · {t(`catalogue.services.${v.service}`)} · {v.carerName}{" "}
            <span className="badge">{t(`visits.status.${v.status}`)}</span>
          </Link>
        </li>
      ))}
    </ul>
  );
  return (
    <section className="card stack" aria-labelledby="visits-title">
      <h2 id="visits-title">{t("visits.upcoming")}</h2>
      {visits.upcoming.length === 0 ? <p className="muted">{t("visits.none")}</p> : list(visits.upcoming)}
      {visits.past.length > 0 && (
        <>
          <h3>{t("visits.past")}</h3>
          {list(visits.past)}
        </>
      )}
    </section>
  );
}
