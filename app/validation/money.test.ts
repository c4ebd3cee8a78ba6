import { describe, expect, it } from "vitest";
import { OfferFieldsSchema } from "~/chat/schemas";
import { VisitRequestSchema } from "~/visit-requests/schemas";
import { isWholeFen, toFen, yuan } from "./money";

describe("amounts in yuan", () => {
  it("takes whole fen, floating point or not, and stores them exactly", () => {
    for (const [value, fen] of [
      [120, 12_000],
      [0.01, 1],
      [19.99, 1999],
      [0.1 + 0.2, 30],
      [100_000, 10_000_000],
    ] as const) {
      expect(isWholeFen(value)).toBe(true);
      expect(toFen(value)).toBe(fen);
    }
  });

  it("refuses fractions of a fen beside the field, instead of rounding them to a price the database refuses", () => {
    const price = yuan({ min: 0.01, minError: "offer.errors.price" });
    for (const value of [0.004, 0.001, 1e-3, 12.345, 0.005]) {
      const result = price.safeParse(value);
      expect(result.success, String(value)).toBe(false);
      expect(result.error!.issues.map((i) => i.message)).toContain("errors.priceFen");
    }
    expect(price.safeParse(0).error!.issues[0]!.message).toBe("offer.errors.price");
    expect(price.safeParse(100_000.01).error!.issues[0]!.message).toBe("errors.priceHigh");
  });

  it("holds for every form with money: an offer's price and a request's budget", () => {
    expect(OfferFieldsSchema.shape.price.safeParse(0.004).success).toBe(false);
    expect(VisitRequestSchema.safeParse({ budget: 0.001 }).error!.issues.some((i) => i.path[0] === "budget")).toBe(
      true,
    );
  });
});
