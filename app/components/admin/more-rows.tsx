import { useTranslation } from "~/i18n/react";

/** Under a list cut at `max` rows (app/admin/shown.ts): that there are more, and how to reach them. */
export function MoreRows({ more, max, search = false }: { more: boolean; max: number; search?: boolean }) {
  const { t } = useTranslation();
  if (!more) return null;
  return (
    <p className="notice" role="status">
      {t(search ? "adminPanel.moreMatches" : "adminPanel.moreWaiting", { n: max })}
    </p>
  );
}
