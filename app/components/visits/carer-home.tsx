// What the carer reads of the parent's home inside the access window: the address with the way there
// in their maps app, the door code, the parent's phone and the family's emergency contacts, each
// number a tap to call. Outside the window the page shows the approximate area instead (never this).
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { EmergencyContact } from "~db/schema";
import { directionsTo } from "~/geo/directions";
import { inBrackets } from "~/i18n/formatters";
import { useFormat } from "~/i18n/use-format";
import { PhoneLink } from "~/components/ui/phone-link";
import { useVisitFormat } from "./format";

export interface ExactHome {
  point: { lat: number; lng: number };
  address: string;
  accessNotes: string;
  phone: string | null;
  emergencyContacts: EmergencyContact[];
  /** The end of the window the page speaks of: this visit's own while it is open, else another's. */
  until: string | null;
  /**
   * Another of the carer's visits to the home that keeps it open: after this one's window (`after`), or
   * now that this one's is over.
   */
  otherVisit: { id: string; startsAt: string; after: boolean } | null;
}

export function CarerHome({ home, timeZone }: { home: ExactHome; timeZone: string }) {
  const { t } = useTranslation();
  const { lang } = useFormat();
  const format = useVisitFormat(timeZone);
  const way = directionsTo(home.point);
  return (
    <>
      <dl className="details">
        <div>
          <dt>{t("visits.address")}</dt>
          <dd>{home.address || "—"}</dd>
        </div>
        <div>
          <dt>{t("visits.directions")}</dt>
          <dd className="actions">
            <a href={way.amap} className="link-target" target="_blank" rel="noreferrer noopener">
              {t("visits.directionsAmap")}
            </a>
            <a href={way.apple} className="link-target" target="_blank" rel="noreferrer noopener">
              {t("visits.directionsApple")}
            </a>
            <a href={way.geo} className="link-target directions-geo">
              {t("visits.directionsOther")}
            </a>
          </dd>
        </div>
        {home.accessNotes && (
          <div>
            <dt>{t("visits.accessNotes")}</dt>
            <dd className="pre-line">{home.accessNotes}</dd>
          </div>
        )}
        {home.phone && (
          <div>
            <dt>{t("visits.phone")}</dt>
            <dd>
              <PhoneLink phone={home.phone} />
            </dd>
          </div>
        )}
        {home.emergencyContacts.length > 0 && (
          <div>
            <dt>{t("visits.emergencyContacts")}</dt>
            <dd>
              <ul>
                {home.emergencyContacts.map((c) => (
                  <li key={`${c.name}|${c.phone}`}>
                    {c.name}
                    {c.relation ? inBrackets(lang, c.relation) : ""} {c.phone && <PhoneLink phone={c.phone} />}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      {home.until && (!home.otherVisit || home.otherVisit.after) && (
        <p className="muted">{t("visits.homeUntil", { when: format.dateTimeZoned(home.until) })}</p>
      )}
      {home.otherVisit && (
        <p className="muted">
          {home.otherVisit.after
            ? t("visits.homeThenOther")
            : t("visits.homeUntilOther", { when: format.dateTimeZoned(home.until!) })}{" "}
          <Link to={`/visits/${home.otherVisit.id}`}>{format.dateTimeZoned(home.otherVisit.startsAt)}</Link>
        </p>
      )}
    </>
  );
}
