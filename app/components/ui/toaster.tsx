// Shows the flash message the server passed to the root loader. Server-rendered, so it works without
// JavaScript; with it, the message can be dismissed and leaves by itself after a while.
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Toast } from "~/http/toast.server";

const SHOW_MS = 8000;

export function Toaster({ toast }: { toast: Toast | null }) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState<string | null>(null);
  useEffect(() => {
    if (!toast) return;
    const timer = setTimeout(() => setHidden(toast.id), SHOW_MS);
    return () => clearTimeout(timer);
  }, [toast]);
  if (!toast || hidden === toast.id) return null;
  return (
    <div className={`toast toast--${toast.kind}`} role={toast.kind === "error" ? "alert" : "status"}>
      <p>{t(`toast.${toast.message}`, toast.values ?? {})}</p>
      <button type="button" onClick={() => setHidden(toast.id)} aria-label={t("app.dismiss")}>
        ×
      </button>
    </div>
  );
}
