import { describe, expect, it } from "vitest";
import { barsFor, linePoints, rate } from "./chart";

describe("barsFor", () => {
  it("scales the largest value to the full height and keeps the gaps", () => {
    // Width 100, 4 bars, gap 4: each bar is (100 - 12) / 4 = 22 wide.
    const bars = barsFor([0, 5, 10, 2.5], 100, 40, 4);
    expect(bars.map((b) => b.x)).toEqual([0, 26, 52, 78]);
    expect(bars.map((b) => b.width)).toEqual([22, 22, 22, 22]);
    expect(bars.map((b) => b.height)).toEqual([0, 20, 40, 10]);
    expect(bars.map((b) => b.y)).toEqual([40, 20, 0, 30]);
  });

  it("draws nothing for an all-zero series, and nothing for no series", () => {
    expect(barsFor([0, 0, 0], 30, 10, 0).every((b) => b.height === 0 && b.y === 10)).toBe(true);
    expect(barsFor([], 30, 10)).toEqual([]);
  });

  it("treats a negative value as zero", () => {
    expect(barsFor([-3, 3], 10, 10, 0).map((b) => b.height)).toEqual([0, 10]);
  });
});

describe("linePoints", () => {
  it("spreads the points across the width, the largest at the top", () => {
    expect(linePoints([0, 2, 4], 100, 20)).toBe("0,20 50,10 100,0");
  });

  it("puts a flat zero series on the baseline, and a single value at x = 0", () => {
    expect(linePoints([0, 0], 10, 5)).toBe("0,5 10,5");
    expect(linePoints([7], 10, 5)).toBe("0,0");
    expect(linePoints([], 10, 5)).toBe("");
  });
});

describe("rate", () => {
  it("divides, and is 0 over nothing", () => {
    expect(rate(1, 4)).toBe(0.25);
    expect(rate(3, 0)).toBe(0);
  });
});
