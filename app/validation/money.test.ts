import { describe, expect, it } from "vitest";
import { OfferFieldsSchema } from "~/chat/schemas";
import { VisitRequestSchema } from "~/visit-requests/schemas";
import { z } from "zod";
import { isWholeFen, parseYuan, toFen, yuan } from "./money";
import { parseFormWithZod } from "./form-coercion";

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
    const price = yuan({ zeroError: "offer.errors.price" });
    for (const value of [0.004, 0.001, 1e-3, 12.345, 0.005, 1e-9]) {
      const result = price.safeParse(value);
      expect(result.success, String(value)).toBe(false);
      // Only its decimals: it is more than ¥0, and was told it was not (an outside probe).
      expect(result.error!.issues.map((i) => i.message)).toEqual(["errors.priceFen"]);
    }
    expect(price.safeParse(0).error!.issues[0]!.message).toBe("offer.errors.price");
    expect(price.safeParse(-5).error!.issues[0]!.message).toBe("offer.errors.price");
    expect(price.safeParse(0.01).success).toBe(true);
    expect(price.safeParse(100_000.01).error!.issues[0]!.message).toBe("errors.priceHigh");
  });

  it("refuses more than two decimals however close to whole fen they come, and takes trailing zeros", () => {
    const price = yuan({ zeroError: "offer.errors.price" });
    for (const text of ["99.999999999", "0.0100000001", "100.00000000001"]) {
      const result = price.safeParse(parseYuan(text));
      expect(
        result.error?.issues.map((i) => i.message),
        text,
      ).toEqual(["errors.priceFen"]);
    }
    for (const [text, fen] of [
      ["99.990000", 9999],
      ["¥100.000", 10000],
      ["0.10元", 10],
    ] as const) {
      expect(toFen(price.parse(parseYuan(text))), text).toBe(fen);
    }
  });

  it("holds for every form with money: an offer's price and a request's budget", () => {
    expect(OfferFieldsSchema.shape.price.safeParse(0.004).success).toBe(false);
    expect(VisitRequestSchema.safeParse({ budget: 0.001 }).error!.issues.some((i) => i.path[0] === "budget")).toBe(
      true,
    );
  });
});

describe("amounts as people write money", () => {
  it("reads the currency's signs around the number, and nothing else", () => {
    for (const text of [
      "200",
      "¥200",
      "￥200",
      "¥ 200",
      "200元",
      "200 元",
      "200块",
      "200块钱",
      "RMB 200",
      "cny200",
      "２００元",
    ])
      expect(parseYuan(text), text).toBe(200);
    for (const text of ["¥", "元", "200$", "US$200", "¥¥200", "200元元", "0x10元", "1e3元"])
      expect(parseYuan(text), text).toBeNaN();
  });

  it("holds in every money field of a form (and in no other number field)", () => {
    // The request form refuses its other, missing fields, but not the budget.
    const budget = parseFormWithZod(new URLSearchParams({ budget: "¥200" }), { schema: VisitRequestSchema });
    expect(budget.status).toBe("error");
    expect(budget.reply().error?.budget).toBeUndefined();
    const badBudget = parseFormWithZod(new URLSearchParams({ budget: "US$200" }), { schema: VisitRequestSchema });
    expect(badBudget.reply().error?.budget).toEqual(["errors.number"]);
    const offer = parseFormWithZod(new URLSearchParams({ price: "120元" }), {
      schema: OfferFieldsSchema.pick({ price: true }),
    });
    expect(offer.status).toBe("success");
    expect((offer as { value: { price: number } }).value.price).toBe(120);
    // A minute count is no amount of money.
    const minutes = parseFormWithZod(new URLSearchParams({ n: "30元" }), {
      schema: z.object({ n: z.number({ error: "errors.number" }) }),
    });
    expect(minutes.status).toBe("error");
  });
});
