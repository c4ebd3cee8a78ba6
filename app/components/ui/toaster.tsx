// Shows the flash message the server passed to the root loader. Server-rendered, so it works without
// JavaScript; it fades by itself after a while (CSS), and with JavaScript it can be dismissed. No
// state or effects: this sits on every page, and every page pays for its bytes before hydration.
import { useTranslation } from "~/i18n/react";
import { DismissButton } from "./dismiss-button";
import type { Toast } from "~/http/toast.server";

export function Toaster({ toast }: { toast: Toast | null }) {
  const { t } = useTranslation();
  if (!toast) return null;
  return (
    <div key={toast.id} className={`toast toast--${toast.kind}`} role={toast.kind === "error" ? "alert" : "status"}>
      <p>{t(`toast.${toast.message}`, toast.values ?? {})}</p>
      <DismissButton />
    </div>
  );
}
