import { describe, expect, it } from "vitest";
import { formatMoney } from "./format";

describe("formatMoney", () => {
  it("writes yuan as ¥ in both languages, as the labels do, with fen only when there are some", () => {
    expect(formatMoney(8000, "en")).toBe("¥80");
    expect(formatMoney(8000, "zh-CN")).toBe("¥80");
    expect(formatMoney(20250, "en")).toBe("¥202.50");
    expect(formatMoney(1234500, "zh-CN")).toBe("¥12,345");
  });
});
