// A parent's booked visits for the family: the next ones, then the latest past ones.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";
import type { VisitStatus } from "~db/schema";

interface VisitRow {
  id: string;
  status: VisitStatus;
  service: ServiceKind;
  /** When it starts, written by the loader in the reader's language (the zone named when not theirs). */
  when: string;
  carerName: string;
}

export function ParentVisits({ visits }: { visits: { upcoming: VisitRow[]; past: VisitRow[] } }) {
  const { t } = useTranslation();
  if (visits.upcoming.length === 0 && visits.past.length === 0) return null;
  const list = (rows: VisitRow[]) => (
    <ul className="card-list">
      {rows.map((v) => (
        <li key={v.id}>
          <Link to={`/visits/${v.id}`} className="row-link">
            {v.when} · {t(`catalogue.services.${v.service}`)} · {v.carerName}{" "}
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
