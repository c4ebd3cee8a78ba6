import { describe, expect, it } from "vitest";
import { displayPhone } from "./phone-display";

describe("displayPhone", () => {
  it("groups mainland mobiles and landlines as people write them", () => {
    expect(displayPhone("+8613800138000")).toBe("+86\u00A0138\u00A00013\u00A08000");
    expect(displayPhone("+8657167777278")).toBe("+86\u00A0571\u00A06777\u00A07278");
    expect(displayPhone("+861012345678")).toBe("+86\u00A010\u00A01234\u00A05678");
    expect(displayPhone("+86216543210")).toBe("+86\u00A021\u00A0654\u00A03210");
  });

  it("groups UK mobiles and North American numbers, where families abroad most often are", () => {
    expect(displayPhone("+447911123456")).toBe("+44\u00A07911\u00A0123456");
    expect(displayPhone("+14155550100")).toBe("+1\u00A0415\u00A0555\u00A00100");
  });

  it("keeps a number on one line: its groups are joined by no-break spaces", () => {
    expect(displayPhone("+8613938635010")).not.toMatch(/ /);
    expect(displayPhone("+8613938635010").split("\u00A0")).toEqual(["+86", "139", "3863", "5010"]);
  });

  it("leaves other numbers as stored", () => {
    expect(displayPhone("+442079460000")).toBe("+442079460000");
    expect(displayPhone("+4915112345678")).toBe("+4915112345678");
    expect(displayPhone("+86123")).toBe("+86123");
  });
});
