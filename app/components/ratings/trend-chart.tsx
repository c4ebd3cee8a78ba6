// The carer's monthly average stars over 12 months, as a small inline SVG (no chart library): a line
// through the months that have ratings, a dot per month, every third month's name under it. The figures
// are also in the chart's label and a visually hidden table, for screen readers.
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat } from "~/i18n/formatters";

export interface TrendPoint {
  month: string;
  mean: number | null;
  count: number;
}

const W = 320;
const H = 120;
const PAD = { left: 22, right: 8, top: 8, bottom: 22 };

export function TrendChart({ points }: { points: TrendPoint[] }) {
  const { t, i18n } = useTranslation();
  const rated = points.filter((p) => p.mean !== null);
  if (rated.length === 0) return <p className="muted">{t("ratings.dashboard.noTrend")}</p>;
  const monthName = (m: string) =>
    dateTimeFormat(i18n.language, { month: "short", timeZone: "UTC" }).format(new Date(`${m}-01T00:00:00Z`));
  const x = (i: number) => PAD.left + (i * (W - PAD.left - PAD.right)) / Math.max(1, points.length - 1);
  // 1 to 5 stars, bottom to top.
  const y = (v: number) => PAD.top + ((5 - v) / 4) * (H - PAD.top - PAD.bottom);
  const path = points
    .map((p, i) => (p.mean === null ? null : `${x(i).toFixed(1)},${y(p.mean).toFixed(1)}`))
    .filter((p): p is string => p !== null)
    .join(" ");
  const summary = rated.map((p) => `${monthName(p.month)} ${p.mean!.toFixed(2)}`).join(", ");
  return (
    <figure className="trend-chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        width="100%"
        role="img"
        aria-label={t("ratings.dashboard.trendLabel", { summary })}
        data-testid="trend-chart"
      >
        {[1, 3, 5].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#d5d2c8" strokeWidth="1" />
            <text x={PAD.left - 6} y={y(v) + 4} fontSize="10" textAnchor="end" fill="#4a5561">
              {v}
            </text>
          </g>
        ))}
        <polyline points={path} fill="none" stroke="#0b5d4b" strokeWidth="2" />
        {points.map((p, i) =>
          p.mean === null ? null : <circle key={p.month} cx={x(i)} cy={y(p.mean)} r="3" fill="#0b5d4b" />,
        )}
        {/* Every third month named in full, counted back from this one: a row of initials was "J J" in
            English and "1 … 12" in Chinese (January, or the oldest month?). */}
        {points.map((p, i) =>
          (points.length - 1 - i) % 3 === 0 ? (
            // The newest month ends at the chart's edge rather than past it.
            <text
              key={p.month}
              x={x(i)}
              y={H - 6}
              fontSize="10"
              textAnchor={i === points.length - 1 ? "end" : "middle"}
              fill="#4a5561"
            >
              {monthName(p.month)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption className="muted">{t("ratings.dashboard.trend")}</figcaption>
    </figure>
  );
}
