// A small inline-SVG bar chart of a weekly series, with its numbers in a visually hidden table for
// screen readers (the picture is decoration; the table is the data).
import { barsFor } from "~/admin/chart";

const WIDTH = 240;
const HEIGHT = 60;

export function MiniChart({
  title,
  weeks,
  values,
  format = (v) => String(v),
}: {
  title: string;
  weeks: string[];
  values: number[];
  format?: (v: number) => string;
}) {
  const bars = barsFor(values, WIDTH, HEIGHT, 3);
  const latest = values.at(-1) ?? 0;
  return (
    <figure className="card stack admin-chart">
      <figcaption>
        <strong>{title}</strong> <span className="admin-chart__latest">{format(latest)}</span>
      </figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width="100%" height={HEIGHT} role="img" aria-hidden="true">
        <line className="admin-chart__axis" x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} />
        {bars.map((b, i) => (
          <rect key={weeks[i]} x={b.x} y={b.y} width={b.width} height={Math.max(b.height, 0.5)}>
            <title>{`${weeks[i]}: ${format(b.value)}`}</title>
          </rect>
        ))}
      </svg>
      <table className="visually-hidden">
        <caption>{title}</caption>
        <tbody>
          {weeks.map((w, i) => (
            <tr key={w}>
              <th scope="row">{w}</th>
              <td>{format(values[i] ?? 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
