// Localised error pages for 400, 403, 404, 405, 413, 429 and 500; the details stay in the server log.
import { isRouteErrorResponse, Link, useRouteError } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

const known = new Set([400, 403, 404, 405, 413, 429]);

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = known.has(status) ? String(status) : "500";
  return (
    <section className="stack narrow error-page" aria-labelledby="error-title">
      <p className="error-code">{status}</p>
      <h1 id="error-title">{t(`errorPage.${key}.title` as "errorPage.404.title")}</h1>
      <p>{t(`errorPage.${key}.body` as "errorPage.404.body")}</p>
      <Link className="button" to="/">
        {t("errorPage.back")}
      </Link>
    </section>
  );
}
