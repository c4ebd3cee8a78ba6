// One metric of the rate form: five radio buttons, each with its fixed text anchor, and the field's
// errors. Plain radios, so the form works without JavaScript and with a keyboard.
import { useTranslation } from "~/i18n/react";
import type { Metric } from "~/ratings/scores";
import { ErrorList } from "../ui/field";

export function StarFieldset({
  metric,
  name,
  errors,
  defaultValue,
}: {
  metric: Metric;
  name: string;
  errors?: string[];
  defaultValue?: string;
}) {
  const { t } = useTranslation();
  const errorId = errors?.length ? `${name}-error` : undefined;
  return (
    <fieldset className="star-fieldset" aria-describedby={errorId} data-metric={metric}>
      <legend>
        <strong>{t(`ratings.metrics.${metric}`)}</strong> — {t(`ratings.questions.${metric}`)}
      </legend>
      <div className="star-options">
        {(["1", "2", "3", "4", "5"] as const).map((level) => (
          <label key={level} className="star-option">
            <input type="radio" name={name} value={level} defaultChecked={defaultValue === level} required />
            <span className="star-glyphs" aria-hidden="true">
              {"★".repeat(Number(level))}
              {"☆".repeat(5 - Number(level))}
            </span>{" "}
            <span className="visually-hidden">
              {t("ratings.starsOf", { stars: level })}
              {t("app.labelColon")}
            </span>
            {t(`ratings.anchors.${metric}.${level}`)}
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

/** Stars given, read-only: "★★★★☆" with the count for screen readers. */
export function Stars({ value }: { value: number }) {
  const { t } = useTranslation();
  return (
    <span className="stars" title={t("ratings.starsOf", { stars: value })}>
      <span aria-hidden="true">
        {"★".repeat(value)}
        {"☆".repeat(5 - value)}
      </span>
      <span className="visually-hidden">{t("ratings.starsOf", { stars: value })}</span>
    </span>
  );
}
