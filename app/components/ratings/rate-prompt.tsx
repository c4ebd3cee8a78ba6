// The visit page's nudge for its family: rate the completed visit (until when), or see the rating.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat } from "~/i18n/formatters";

export function RatePrompt({
  visitId,
  prompt,
  carerName,
  timeZone,
}: {
  visitId: string;
  prompt: { state: "open"; until: string } | { state: "rated" };
  carerName: string;
  timeZone: string;
}) {
  const { t, i18n } = useTranslation();
  if (prompt.state === "rated") {
    return (
      <p className="card no-print" data-testid="rate-prompt">
        {t("ratings.prompt.rated")} <Link to={`/visits/${visitId}/rate`}>{t("ratings.prompt.view")}</Link>
      </p>
    );
  }
  const until = dateTimeFormat(i18n.language, { dateStyle: "medium", timeZone }).format(new Date(prompt.until));
  return (
    <section className="card stack rate-prompt no-print" aria-labelledby="rate-prompt-title" data-testid="rate-prompt">
      <h2 id="rate-prompt-title">{t("ratings.prompt.title")}</h2>
      <p>{t("ratings.prompt.body", { carer: carerName, until })}</p>
      <p>
        <Link className="button" to={`/visits/${visitId}/rate`}>
          {t("ratings.prompt.link")}
        </Link>
      </p>
    </section>
  );
}
