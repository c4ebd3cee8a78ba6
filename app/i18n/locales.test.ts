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

  it("say one thing, not one things: every English text that counts a noun has its singular", () => {
    // Texts whose number stands alone or as a unit read the same for 1; every other text with
    // {{count}} needs a _one form, or "1 visits completed" shows.
    const sameForOne = new Set([
      "carers.replyMinutes",
      "carers.replyHours",
      "chat.unread",
      "ratings.profile.goodRateValue",
      "ratings.profile.share",
      "ratings.profile.reviews",
      "ratings.card.good",
    ]);
    const all = new Set(keys(en));
    const text = (key: string) =>
      key.split(".").reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en) as string;
    const missing = [...all].filter(
      (key) =>
        text(key).includes("{{count}}") &&
        !/_(zero|one|two|few|many|other)$/.test(key) &&
        !sameForOne.has(key) &&
        !all.has(`${key}_one`),
    );
    expect(missing).toEqual([]);
  });
});
