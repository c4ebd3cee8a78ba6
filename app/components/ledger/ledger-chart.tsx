// The last twelve months as bars, in inline SVG (no chart library): verified visit minutes, with the
// family's own visit minutes stacked on top. Each bar has a title; the figures are in the text too.
import { useMemo } from "react";
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat } from "~/i18n/formatters";

export interface ChartMonth {
  month: string;
  verifiedVisits: number;
  verifiedMinutes: number;
  familyMinutes: number;
}

const WIDTH = 360;
const HEIGHT = 140;
const AXIS = 18;
const GAP = 6;

export function LedgerChart({ months, selected }: { months: ChartMonth[]; selected: string }) {
  const { t, i18n } = useTranslation();
  const label = useMemo(() => {
    const f = dateTimeFormat(i18n.language, { month: "short", timeZone: "UTC" });
    return (m: string) => f.format(new Date(`${m}-01T00:00:00Z`));
  }, [i18n.language]);
  const max = Math.max(60, ...months.map((m) => m.verifiedMinutes + m.familyMinutes));
  const bar = (WIDTH - GAP) / months.length - GAP;
  const scale = (minutes: number) => (minutes / max) * (HEIGHT - AXIS - 4);
  return (
    <figure className="ledger-chart">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={t("ledger.chartLabel")}>
        {months.map((m, i) => {
          const x = GAP + i * (bar + GAP);
          const carer = scale(m.verifiedMinutes);
          const family = scale(m.familyMinutes);
          const base = HEIGHT - AXIS;
          return (
            <g key={m.month} className={m.month === selected ? "ledger-chart__selected" : undefined}>
              <title>
                {t("ledger.chartValue", { month: label(m.month), carer: m.verifiedMinutes, family: m.familyMinutes })}
              </title>
              <rect className="ledger-chart__carer" x={x} y={base - carer} width={bar} height={carer} />
              <rect className="ledger-chart__family" x={x} y={base - carer - family} width={bar} height={family} />
              <text x={x + bar / 2} y={HEIGHT - 4} textAnchor="middle">
                {label(m.month)}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption className="ledger-chart__legend">
        {/* Each colour with its words: the key's square was left at a line's end, its words on the next. */}
        <span className="ledger-chart__item">
          <span className="ledger-chart__key ledger-chart__key--carer" /> {t("ledger.chartCarer")}
        </span>{" "}
        <span className="ledger-chart__item">
          <span className="ledger-chart__key ledger-chart__key--family" /> {t("ledger.chartFamily")}
        </span>
      </figcaption>
    </figure>
  );
}
