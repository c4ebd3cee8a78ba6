// On the parent's overview: whether the parent is asked by text after each visit, with a link to
// the page that confirms their number and turns it on or off.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

export function ParentChecksCard({
  parent,
  checks,
}: {
  parent: { id: string; name: string };
  checks: { askAfterVisit: boolean; verified: boolean };
}) {
  const { t } = useTranslation();
  const on = checks.askAfterVisit && checks.verified;
  return (
    <section className="card stack" aria-labelledby="checks-title">
      <h2 id="checks-title">{t("parentChecks.nav", { name: parent.name })}</h2>
      <p>{on ? t("parentChecks.on", { name: parent.name }) : t("parentChecks.off")}</p>
      <p>
        <Link to={`/family/parents/${parent.id}/checks`} className="link-target">
          {t("parentChecks.change")}
        </Link>
      </p>
    </section>
  );
}
