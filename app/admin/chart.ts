// The geometry of the small inline-SVG charts on the admin figures page: pure, so the numbers are
// tested and the page ships no chart library.

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
  value: number;
}

/**
 * Bars for `values` in a `width` × `height` box, a `gap` apart, scaled so the largest fills the
 * height (a series of zeros draws nothing, never a division by zero). Negative values count as 0.
 */
export function barsFor(values: readonly number[], width: number, height: number, gap = 2): Bar[] {
  if (values.length === 0) return [];
  const max = Math.max(0, ...values);
  const barWidth = Math.max(1, (width - gap * (values.length - 1)) / values.length);
  return values.map((value, i) => {
    const h = max > 0 ? (Math.max(0, value) / max) * height : 0;
    return {
      x: round(i * (barWidth + gap)),
      y: round(height - h),
      width: round(barWidth),
      height: round(h),
      value,
    };
  });
}

/** An SVG polyline's points for `values` (a line chart), scaled like barsFor; "" for no values. */
export function linePoints(values: readonly number[], width: number, height: number): string {
  if (values.length === 0) return "";
  const max = Math.max(0, ...values);
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  return values
    .map((v, i) => {
      const y = max > 0 ? height - (Math.max(0, v) / max) * height : height;
      return `${round(i * step)},${round(y)}`;
    })
    .join(" ");
}

/** A share as a rate, 0 when there is nothing to divide by. */
export function rate(part: number, whole: number): number {
  return whole > 0 ? part / whole : 0;
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}
