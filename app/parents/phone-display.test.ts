import { describe, expect, it } from "vitest";
import { displayPhone } from "./phone-display";

describe("displayPhone", () => {
  it("groups mainland mobiles and landlines as people write them", () => {
    expect(displayPhone("+8613800138000")).toBe("+86 138 0013 8000");
    expect(displayPhone("+8657167777278")).toBe("+86 571 6777 7278");
    expect(displayPhone("+861012345678")).toBe("+86 10 1234 5678");
    expect(displayPhone("+86216543210")).toBe("+86 21 654 3210");
  });

  it("groups UK mobiles and North American numbers, where families abroad most often are", () => {
    expect(displayPhone("+447911123456")).toBe("+44 7911 123456");
    expect(displayPhone("+14155550100")).toBe("+1 415 555 0100");
  });

  it("leaves other numbers as stored", () => {
    expect(displayPhone("+442079460000")).toBe("+442079460000");
    expect(displayPhone("+4915112345678")).toBe("+4915112345678");
    expect(displayPhone("+86123")).toBe("+86123");
  });
});
