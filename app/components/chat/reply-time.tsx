// "Usually replies within …": the carer's median first-reply time over the last 30 days.
import { useTranslation } from "react-i18next";

export function replyTimeText(t: ReturnType<typeof useTranslation>["t"], minutes: number): string {
  if (minutes < 60) return t("carers.replyMinutes", { count: Math.max(1, minutes) });
  return t("carers.replyHours", { count: Math.round(minutes / 60) });
}

export function ReplyTime({ minutes }: { minutes: number | null }) {
  const { t } = useTranslation();
  if (minutes === null) return null;
  return <span className="muted reply-time">{t("carers.replyTime", { time: replyTimeText(t, minutes) })}</span>;
}
