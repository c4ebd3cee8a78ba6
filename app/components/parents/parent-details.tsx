// A parent's details as their family sees them, private fields marked as such.
import { useTranslation } from "~/i18n/react";
import type { EmergencyContact, ParentMemberRole } from "~db/schema";
import { Link } from "@remix-run/react";
import { formatList, formatTimeZone, inBrackets } from "~/i18n/formatters";
import { goalShape } from "~/ledger/ledger";
import { PhoneLink } from "~/components/ui/phone-link";

export interface ParentDetailsData {
  birthYear: number | null;
  address: string;
  phone: string | null;
  lat: number;
  lng: number;
  timeZone: string;
  languages: string[];
  needs: string[];
  interests: string;
  emergencyContacts: EmergencyContact[];
  accessNotes: string;
  visitGoalVisits: number | null;
  visitGoalMinutes: number | null;
  memberRole: ParentMemberRole | null;
}

export function ParentDetails({ parent }: { parent: ParentDetailsData & { id: string } }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const goal = goalShape({ visits: parent.visitGoalVisits, minutes: parent.visitGoalMinutes });
  return (
    <>
      <dl className="card details">
        {parent.birthYear ? (
          <div>
            <dt>{t("parents.birthYear")}</dt>
            <dd>{parent.birthYear}</dd>
          </div>
        ) : null}
        <div>
          <dt>
            {t("parents.address")} <span className="badge">{t("parents.private")}</span>
          </dt>
          {/* Required since a walk found parents saved without one; older ones are asked for it here. */}
          <dd>
            {parent.address || (
              <>
                {t("parents.addressMissing")}{" "}
                <Link to={`/family/parents/${parent.id}/edit?step=where`} className="link-target">
                  {t("parents.addressAdd")}
                </Link>
              </>
            )}
          </dd>
        </div>
        <div>
          <dt>{t("location.legend")}</dt>
          <dd>
            {/* Where the pin is, in words (the address above); never the coordinates. */}
            {t("phoneUx.map.pinned")}{" "}
            <Link to={`/family/parents/${parent.id}/edit?step=where`} className="link-target">
              {t("phoneUx.map.change")}
            </Link>
          </dd>
        </div>
        {parent.phone ? (
          <div>
            <dt>{t("parents.phoneShown")}</dt>
            <dd>
              <PhoneLink phone={parent.phone} />
            </dd>
          </div>
        ) : null}
        <div>
          <dt>{t("parents.timeZone")}</dt>
          <dd>{formatTimeZone(lang, parent.timeZone)}</dd>
        </div>
        <div>
          <dt>{t("parents.languages")}</dt>
          <dd>
            {formatList(
              lang,
              parent.languages.map((l) => t(`catalogue.languages.${l}`)),
            ) || "—"}
          </dd>
        </div>
        <div>
          <dt>{t("parents.needs")}</dt>
          <dd>
            {formatList(
              lang,
              parent.needs.map((n) => t(`catalogue.needs.${n}`)),
            ) || "—"}
          </dd>
        </div>
        {parent.interests ? (
          <div>
            <dt>{t("parents.interests")}</dt>
            <dd>{parent.interests}</dd>
          </div>
        ) : null}
        {parent.emergencyContacts.length > 0 && (
          <div>
            <dt>{t("parents.emergencyContacts")}</dt>
            <dd>
              <ul>
                {parent.emergencyContacts.map((c, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a static list, never reordered on the page
                  <li key={i}>
                    {c.name}
                    {c.relation ? inBrackets(lang, c.relation) : ""} {c.phone && <PhoneLink phone={c.phone} />}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>
            {t("parents.accessNotes")} <span className="badge">{t("parents.private")}</span>
          </dt>
          <dd className="pre-line">{parent.accessNotes || "—"}</dd>
        </div>
        {goal ? (
          <div>
            <dt>{t("parents.visitGoal")}</dt>
            <dd>
              {t(`parents.goalSummary.${goal}`, { visits: parent.visitGoalVisits, minutes: parent.visitGoalMinutes })}
            </dd>
          </div>
        ) : null}
      </dl>
      <p className="muted">{t("parents.privateNote")}</p>
    </>
  );
}
