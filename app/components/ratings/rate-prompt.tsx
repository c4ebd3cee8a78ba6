// The visit page's nudge for its family: rate the completed visit (until when), or see the rating.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { useFormat } from "~/i18n/use-format";

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
  const { t } = useTranslation();
  const format = useFormat();
  if (prompt.state === "rated") {
    return (
      <p className="card no-print" data-testid="rate-prompt">
        {t("ratings.prompt.rated")} <Link to={`/visits/${visitId}/rate`}>{t("ratings.prompt.view")}</Link>
      </p>
    );
  }
  const until = format.date(prompt.until, { timeZone });
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
