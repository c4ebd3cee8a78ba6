// Verification badge and rating line for a carer, the same on the search list and the profile page.
import { useTranslation } from "react-i18next";
import { dateTimeFormat } from "~/i18n/formatters";

export function VerifiedBadge({ verifiedAt }: { verifiedAt: string | null }) {
  const { t, i18n } = useTranslation();
  if (!verifiedAt) return <span className="badge badge--muted">{t("carers.unverified")}</span>;
  const date = dateTimeFormat(i18n.language, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(verifiedAt));
  return (
    <span className="badge badge--ok" title={t("carers.verifiedOn", { date })}>
      {t("carers.verified")}
    </span>
  );
}

export function RatingLine({ score, visits }: { score: number | null; visits: number }) {
  const { t } = useTranslation();
  return (
    <span className="muted">
      {score === null ? t("carers.noRating") : t("carers.rating", { score: score.toFixed(1) })} ·{" "}
      {t("carers.visits", { count: visits })}
    </span>
  );
}
