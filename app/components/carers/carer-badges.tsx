// Verification badge, rating line and reply time for a carer, the same on the search list and the profile page.
import { useTranslation } from "~/i18n/react";
import { useFormat } from "~/i18n/use-format";

export function VerifiedBadge({ verifiedAt }: { verifiedAt: string | null }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!verifiedAt) return <span className="badge badge--muted">{t("carers.unverified")}</span>;
  // On the reader's calendar, with the year only when it is not this year (PRODUCT §1).
  const date = format.date(verifiedAt, { timeZone: format.readerZone, weekday: false });
  // The date of the last check is part of the badge (PRODUCT §1), not only a tooltip.
  return (
    <span className="verified-badge">
      <span className="badge badge--ok" title={t("carers.verifiedOn", { date })}>
        {t("carers.verified")}
      </span>{" "}
      <span className="muted">{t("adminPanel.badge.lastChecked", { date })}</span>
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

export function replyTimeText(t: ReturnType<typeof useTranslation>["t"], minutes: number): string {
  if (minutes < 60) return t("carers.replyMinutes", { count: Math.max(1, minutes) });
  return t("carers.replyHours", { count: Math.round(minutes / 60) });
}

/** "Usually replies within …": the carer's median first reply over the last 30 days. */
export function ReplyTime({ minutes }: { minutes: number | null }) {
  const { t } = useTranslation();
  if (minutes === null) return null;
  return <span className="muted reply-time">{t("carers.replyTime", { time: replyTimeText(t, minutes) })}</span>;
}
