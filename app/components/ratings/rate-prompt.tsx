// The visit page's nudge for its family: rate the completed visit (until when), or see the rating.
import { Link } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { useFormat } from "~/i18n/use-format";
import type { RatingPrompt } from "~/ratings/ratings.server";

export function RatePrompt({
  visitId,
  prompt,
  carerName,
  timeZone,
}: {
  visitId: string;
  prompt: RatingPrompt;
  carerName: string;
  timeZone: string;
}) {
  const { t } = useTranslation();
  const format = useFormat();
  if (prompt.state === "rated") {
    return (
      <p className="card no-print" data-testid="rate-prompt">
        {prompt.by === "you"
          ? t("ratings.prompt.rated")
          : prompt.by === "family"
            ? prompt.name
              ? t("ratings.prompt.ratedBy", { name: prompt.name })
              : t("ratings.prompt.ratedByOther")
            : t("ratings.prompt.ratedDefault")}{" "}
        <Link to={`/visits/${visitId}/rate`}>
          {t(prompt.by === "you" ? "ratings.prompt.view" : "ratings.prompt.viewOther")}
        </Link>
      </p>
    );
  }
  // A deadline: on the reader's clock with its time, as the dashboard says it (a walk found the two apart).
  const until = format.deadline(prompt.until, timeZone);
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
