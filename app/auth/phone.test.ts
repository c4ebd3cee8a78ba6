import { describe, expect, it } from "vitest";
import { toE164 } from "./phone.server";

describe("toE164", () => {
  it.each([
    ["+86 138 0013 8000", "+8613800138000"],
    ["13800138000", "+8613800138000"],
    ["+44 7911 123456", "+447911123456"],
    ["+1 (415) 555-2671", "+14155552671"],
  ])("%s → %s", (input, expected) => {
    expect(toE164(input)).toBe(expected);
  });

  it.each(["12", "+86 10 1234 5678", "not a phone", "+999 1234567"])("refuses %s", (input) => {
    expect(toE164(input)).toBeNull();
  });
});
