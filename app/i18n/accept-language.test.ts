import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./accept-language";

describe("localeFromAcceptLanguage", () => {
  it("reads what browsers send", () => {
    expect(localeFromAcceptLanguage("zh-CN,zh;q=0.9,en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en-GB,en;q=0.9")).toBe("en");
    expect(localeFromAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en");
  });

  it("reads Chinese in any region or script, and English in any region", () => {
    for (const header of ["zh", "zh-Hans-CN", "zh-TW", "ZH-hk", "zh-Hant"]) {
      expect(localeFromAcceptLanguage(header), header).toBe("zh-CN");
    }
    expect(localeFromAcceptLanguage("en-AU")).toBe("en");
  });

  it("goes by quality, then by the header's order", () => {
    expect(localeFromAcceptLanguage("en;q=0.5, zh-CN;q=0.9")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("fr, de;q=0.9, zh;q=0.8, en;q=0.8")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("en;q=0.8, zh;q=0.8")).toBe("en");
  });

  it("takes q=0 as a refusal", () => {
    expect(localeFromAcceptLanguage("zh-CN;q=0")).toBeNull();
    expect(localeFromAcceptLanguage("zh-CN;q=0.000, en;q=0.1")).toBe("en");
    expect(localeFromAcceptLanguage("zh;q=0, *;q=0.5")).toBeNull();
  });

  it("passes over a malformed entry, not the whole header", () => {
    expect(localeFromAcceptLanguage("zh-CN;q=2, en")).toBe("en");
    expect(localeFromAcceptLanguage("<script>, zh ; q = 0.5")).toBe("zh-CN");
    expect(localeFromAcceptLanguage("zh-CN;q=abc")).toBeNull();
    expect(localeFromAcceptLanguage(";;;,,,")).toBeNull();
  });

  it("says nothing for no header, only *, or no supported language", () => {
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
    expect(localeFromAcceptLanguage("")).toBeNull();
    expect(localeFromAcceptLanguage("*")).toBeNull();
    expect(localeFromAcceptLanguage("fr-FR, de;q=0.5")).toBeNull();
  });
});
