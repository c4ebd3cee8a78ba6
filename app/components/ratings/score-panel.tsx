// A carer's ratings at a glance: the three scores, each coloured higher, lower or level with peers
// and by how much; the good-rating rate; and punctuality as the check-ins measured it.
import { Form } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { ServiceKind } from "~db/catalogue";
import type { MetricView } from "~/ratings/profile.server";
import { MIN_RATINGS_FOR_PEERS } from "~/ratings/scores";

export interface ScorePanelProps {
  summary: {
    metrics: MetricView[];
    goodRate: number | null;
    ratedCount: number;
    scoredCount: number;
    /** The peer city's name in both languages (a grid cell has none). */
    peerCity: { en: string; zh: string } | null;
    peerService: ServiceKind | null;
    peerCarers: number;
  };
  punctuality: {
    due: number;
    onTimeShare: number | null;
    finished: number;
    fullLengthShare: number | null;
    lateCancellations: number;
  };
  services: ServiceKind[];
  compareService: ServiceKind | null;
}

const pct = (share: number) => Math.round(share * 100);

export function ScorePanel({ summary, punctuality, services, compareService }: ScorePanelProps) {
  const { t, i18n } = useTranslation();
  const named = summary.peerCity;
  const city = named ? (i18n.language.startsWith("zh") ? named.zh : named.en) : t("ratings.profile.nearby");
  return (
    <section className="card stack" aria-labelledby="ratings-title" data-testid="score-panel">
      <h2 id="ratings-title">
        {t("ratings.profile.title")} <span className="muted">· {t("ratings.profile.window")}</span>
      </h2>
      {summary.ratedCount === 0 ? (
        <p className="muted">{t("ratings.profile.none")}</p>
      ) : (
        <>
          <ul className="score-list">
            {summary.metrics.map((m) => (
              <li key={m.metric} className={`score score--${m.peer?.level ?? "none"}`} data-metric={m.metric}>
                <span className="score-name">{t(`ratings.metrics.${m.metric}`)}</span>
                <span className="score-value">
                  {m.score === null ? "—" : t("ratings.profile.score", { score: m.score.toFixed(2) })}
                </span>
                {m.peer && (
                  <span className="score-peer" data-level={m.peer.level}>
                    {m.peer.level === "level"
                      ? t("ratings.profile.level")
                      : t(`ratings.profile.${m.peer.level}`, { percent: pct(m.peer.share) })}
                  </span>
                )}
              </li>
            ))}
          </ul>
          {summary.scoredCount < MIN_RATINGS_FOR_PEERS ? (
            <p className="muted">{t("ratings.profile.notEnough", { min: MIN_RATINGS_FOR_PEERS })}</p>
          ) : (
            summary.peerService && (
              <p className="muted">
                {t("ratings.profile.peers", {
                  count: summary.peerCarers,
                  service: t(`catalogue.services.${summary.peerService}`),
                  city,
                })}{" "}
                {t("ratings.profile.peersHow")}
              </p>
            )
          )}
          {services.length > 1 && summary.scoredCount >= MIN_RATINGS_FOR_PEERS && (
            // A plain GET form: works without JavaScript, and the URL says what is compared.
            <Form method="get" className="inline-form">
              <label htmlFor="compare-service">{t("ratings.profile.compareWith")}</label>{" "}
              <select id="compare-service" name="service" defaultValue={compareService ?? undefined}>
                {services.map((s) => (
                  <option key={s} value={s}>
                    {t(`catalogue.services.${s}`)}
                  </option>
                ))}
              </select>{" "}
              <button type="submit" className="button button--secondary">
                {t("ratings.profile.compare")}
              </button>
            </Form>
          )}
          <p>
            <strong>
              {t("ratings.profile.goodRate")}
              {t("app.labelColon")}
            </strong>
            {summary.goodRate === null
              ? "—"
              : t("ratings.profile.goodRateValue", { percent: pct(summary.goodRate), count: summary.ratedCount })}
          </p>
        </>
      )}
      <h3>{t("ratings.profile.measured")}</h3>
      <dl className="details" data-testid="measured-punctuality">
        <div>
          <dt>{t("ratings.profile.onTime")}</dt>
          <dd>
            {punctuality.onTimeShare === null
              ? t("ratings.profile.noVisits")
              : t("ratings.profile.share", { percent: pct(punctuality.onTimeShare), count: punctuality.due })}
          </dd>
        </div>
        <div>
          <dt>{t("ratings.profile.fullLength")}</dt>
          <dd>
            {punctuality.fullLengthShare === null
              ? t("ratings.profile.noVisits")
              : t("ratings.profile.share", {
                  percent: pct(punctuality.fullLengthShare),
                  count: punctuality.finished,
                })}
          </dd>
        </div>
        <div>
          <dt>{t("ratings.profile.lateCancellations")}</dt>
          <dd>{punctuality.lateCancellations}</dd>
        </div>
      </dl>
    </section>
  );
}
