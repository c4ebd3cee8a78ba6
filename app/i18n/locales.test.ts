import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { en } from "./locales/en";
import { zhCN } from "./locales/zh-CN";
import { PLACE_EXCEPTIONS } from "~/visits/exceptions";
import { SYSTEM_REASONS } from "~/visits/visit-status";

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

  it("hold every key the code names in full: a key that is not there shows a generic text", () => {
    // Quoted dotted strings that start with a catalogue section are keys, except these names, in these
    // files, that happen to start like one (an audit action, a column). A key built at run time
    // (`catalogue.services.${s}`) is checked as far as its section.
    const notKeys = new Set([
      "admin/audit.ts: carer.check",
      "admin/verification.server.ts: carer.check",
      "geo/search-cells.ts: carers.search_key",
    ]);
    const section = `(?:${Object.keys(en).join("|")})`;
    const quoted = new RegExp(`["'\`](${section}\\.[A-Za-z0-9_.-]*[A-Za-z0-9_])["'\`]`, "g");
    const built = new RegExp(`\`(${section}(?:\\.[A-Za-z0-9_]+)*)\\.\\$\\{`, "g");
    const all = new Set(keys(en));
    const sections = new Set(
      [...all].flatMap((key) => key.split(".").map((_, i, parts) => parts.slice(0, i).join("."))),
    );
    const unknown: string[] = [];
    const root = join(import.meta.dirname, "..");
    for (const file of readdirSync(root, { recursive: true, encoding: "utf8" })) {
      if (!/\.tsx?$/.test(file) || /\.test\.tsx?$/.test(file) || file.startsWith(join("i18n", "locales"))) continue;
      const code = readFileSync(join(root, file), "utf8");
      for (const [, key] of code.matchAll(quoted)) {
        const known = all.has(key!) || all.has(`${key}_one`) || notKeys.has(`${file}: ${key}`);
        if (!known) unknown.push(`${file}: ${key}`);
      }
      for (const [, section] of code.matchAll(built)) {
        if (!sections.has(section!)) unknown.push(`${file}: ${section}.\${…}`);
      }
    }
    expect(unknown).toEqual([]);
  });

  it("name every reason the app writes on a visit, and every place exception, in both languages", () => {
    for (const catalogue of [en, zhCN]) {
      const track = catalogue.visits.track as Record<string, unknown>;
      expect(Object.keys(track.systemReasons as object).sort()).toEqual([...SYSTEM_REASONS].sort());
      const record = track.record as Record<string, Record<string, string>>;
      // The place exceptions, and the visit's own: shorter than booked, over before its start (visit-record.tsx).
      expect(Object.keys(record.exception!).sort()).toEqual([...PLACE_EXCEPTIONS, "short", "beforeStart"].sort());
    }
  });
});
