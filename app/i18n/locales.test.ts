import { describe, expect, it } from "vitest";
import { en } from "./locales/en";
import { zhCN } from "./locales/zh-CN";

function keys(obj: object, prefix = ""): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === "object" ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );
}

describe("locales", () => {
  it("have the same keys in English and Chinese", () => {
    expect(keys(zhCN).sort()).toEqual(keys(en).sort());
  });

  it("have no empty strings and keep interpolation placeholders", () => {
    const zhFlat = new Map(
      keys(zhCN).map((k) => [
        k,
        k.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], zhCN) as string,
      ]),
    );
    for (const key of keys(en)) {
      const enText = key.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) as string;
      const zhText = zhFlat.get(key)!;
      expect(zhText.trim(), key).not.toBe("");
      const placeholders = (s: string) => (s.match(/\{\{\w+\}\}/g) ?? []).sort();
      expect(placeholders(zhText), key).toEqual(placeholders(enText));
    }
  });
});
