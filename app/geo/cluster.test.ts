import { describe, expect, it } from "vitest";
import { gridCluster } from "./cluster";

describe("gridCluster", () => {
  it("merges points in the same cell and keeps distant ones apart", () => {
    const clusters = gridCluster(
      [
        { id: "a", x: 10, y: 10 },
        { id: "b", x: 20, y: 30 },
        { id: "c", x: 200, y: 200 },
      ],
      60,
    );
    expect(clusters).toHaveLength(2);
    const big = clusters.find((c) => c.members.length === 2)!;
    expect(big.members.map((m) => m.id)).toEqual(["a", "b"]);
    expect(big.x).toBe(15);
    expect(big.y).toBe(20);
  });
  it("turns 300 points at one approximate spot into one marker", () => {
    const points = Array.from({ length: 300 }, (_, i) => ({ id: String(i), x: 500.2, y: 300.7 }));
    expect(gridCluster(points, 60)).toHaveLength(1);
  });
});
