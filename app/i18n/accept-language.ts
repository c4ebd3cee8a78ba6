// The language a browser asks for, from its Accept-Language header (RFC 9110 §12.5.4).
import { type Locale, supportedLocales } from "./config";

const TAG = /^(?:[a-z]{1,8}(?:-[a-z0-9]{1,8})*|\*)$/i;
const QUALITY = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/i;

/**
 * The supported locale the header asks for first, or null (no header, nothing supported, only `*`).
 * Entries go by quality, the header's order between equals; `q=0` refuses a language. A language is
 * matched by its primary subtag, whatever its region or script: "zh", "zh-CN", "zh-Hans-CN" and "zh-TW"
 * read Chinese (ours is Simplified: closer for a Traditional reader than English), "en-GB" English.
 * A malformed entry is passed over, not the whole header.
 */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale | null {
  if (!header) return null;
  const wanted: { language: string; q: number; at: number }[] = [];
  header.split(",").forEach((entry, at) => {
    const [tag = "", ...params] = entry.split(";").map((part) => part.trim().replace(/\s*=\s*/, "="));
    if (!TAG.test(tag)) return;
    const qParam = params.find((p) => /^q=/i.test(p));
    const quality = qParam === undefined ? "1" : QUALITY.exec(qParam)?.[1];
    if (quality === undefined) return;
    const q = Number(quality);
    if (q > 0) wanted.push({ language: tag.split("-")[0]!.toLowerCase(), q, at });
  });
  wanted.sort((a, b) => b.q - a.q || a.at - b.at);
  for (const { language } of wanted) {
    const locale = supportedLocales.find((l) => l.split("-")[0]!.toLowerCase() === language);
    if (locale) return locale;
  }
  return null;
}
