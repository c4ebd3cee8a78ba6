import { describe, expect, it } from "vitest";
import { mobileProblem, phoneCountry, timeZoneForPhone, toE164 } from "./phone.server";

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

describe("toE164 for numbers that are called, not texted", () => {
  it("takes a landline when asked, and still refuses what is not a number", () => {
    expect(toE164("0571 8888 1234", { landline: true })).toBe("+8657188881234");
    expect(toE164("0571 8888 1234")).toBeNull();
    for (const input of ["2026-02-30", "-99999999", "99999999999999999999"])
      expect(toE164(input, { landline: true }), input).toBeNull();
  });
});

describe("phoneCountry and timeZoneForPhone", () => {
  it("counts UK mobiles filed under Guernsey, Jersey or the Isle of Man as GB", () => {
    // libphonenumber files +44 7911 as Guernsey: the allow-list and the time zone must still see the UK.
    expect(phoneCountry("+447911123456")).toBe("GB");
    expect(phoneCountry("+447400123456")).toBe("GB");
    expect(timeZoneForPhone("+447911123456")).toBe("Europe/London");
  });

  it.each([
    ["+8613800138000", "Asia/Shanghai"],
    ["+85291234567", "Asia/Hong_Kong"],
    ["+6581234567", "Asia/Singapore"],
    ["+61412345678", "Australia/Sydney"],
  ])("%s → %s", (phone, zone) => {
    expect(timeZoneForPhone(phone)).toBe(zone);
  });
});

describe("mobileProblem", () => {
  it("says a landline given with its country code is one, and anything else is no mobile", () => {
    expect(mobileProblem("+44 20 7946 0123")).toBe("errors.phoneLandline");
    expect(mobileProblem("+86 0571 8765 4321")).toBe("errors.phoneLandline");
    // Without a code, read as mainland China's: a UK mobile typed as at home reads as a landline there.
    expect(mobileProblem("07700 900123")).toBe("errors.phone");
    expect(mobileProblem("0571 8888 1234")).toBe("errors.phone");
    expect(mobileProblem("138 0013 800")).toBe("errors.phone");
    expect(mobileProblem("12")).toBe("errors.phone");
    expect(mobileProblem("+86 138 0013 8000")).toBeNull();
  });
});
