// The way on after the carer saves the profile's last step or a photo: the first item of the
// getting-started checklist still to do, or, once all are done, the nearby jobs and the public profile.
import { Link } from "@remix-run/react";
import type { ChecklistItem } from "~/account/onboarding.server";
import { useTranslation } from "~/i18n/react";

export function NextStep({ carerId, next }: { carerId: string; next: Pick<ChecklistItem, "step" | "href"> | null }) {
  const { t } = useTranslation();
  return (
    <section className="card stack next-step" aria-labelledby="next-step-title">
      <h2 id="next-step-title">{t("carerProfile.next.title")}</h2>
      <p>{t(next ? "carerProfile.next.todo" : "carerProfile.next.ready")}</p>
      {next ? (
        <p className="actions">
          <Link className="button" to={next.href}>
            {t(`accountBasics.checklist.steps.${next.step}`)}
          </Link>
          <Link className="button button--secondary" to="/carer">
            {t("carerProfile.next.checklist")}
          </Link>
        </p>
      ) : (
        <p className="actions">
          <Link className="button" to="/carer/jobs">
            {t("jobs.title")}
          </Link>
          <Link className="button button--secondary" to={`/carers/${carerId}`}>
            {t("carerProfile.viewPublic")}
          </Link>
        </p>
      )}
    </section>
  );
}
