// The × that hides the notice it sits in (a toast, the connection notice): no state, just the element.
import { useTranslation } from "~/i18n/react";

export function DismissButton() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      onClick={(e) => {
        e.currentTarget.parentElement!.hidden = true;
      }}
      aria-label={t("app.dismiss")}
    >
      ×
    </button>
  );
}
