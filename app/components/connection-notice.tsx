// "No connection, nothing was sent": shown by holdFormsWhileOffline (connection.ts) over a form it held
// back. Before, such a form failed on the way and replaced the page with "500, we have been told",
// which was false and lost what was typed (a carer's tap, a half-written log). The form now stays as
// it was (a tap keeps its key, so sending it again later records once).
import { useTranslation } from "~/i18n/react";
import { OFFLINE_NOTICE_ID } from "./connection";
import { DismissButton } from "./ui/dismiss-button";

export function ConnectionNotice() {
  const { t } = useTranslation();
  // The error page for a request lost on the way is drawn in the browser, maybe before the rest of the
  // language has loaded: asking for its text here makes every page carry it.
  t("errorPage.lost.title");
  t("errorPage.lost.body");
  t("errorPage.retry");
  return (
    <div id={OFFLINE_NOTICE_ID} className="connection-notice" hidden>
      <p>{t("connection.offline")}</p>
      <DismissButton />
    </div>
  );
}
