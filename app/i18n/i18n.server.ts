// Picks the request's language (the logged-in user's choice, then the lng cookie, then Accept-Language)
// and hands out one translator per language, made once and shared by every request.
import { readCookie, serializeCookie } from "~/auth/cookies.server";
import type { Env } from "~/env.server";
import { localeFromAcceptLanguage } from "./accept-language";
import { fallbackLocale, isLocale, type Locale } from "./config";
import { type Catalogue, createLiteI18n, type LiteI18n, recordingI18n } from "./lite-i18n";
import { en } from "./locales/en";
import { zhCN } from "./locales/zh-CN";

export const LOCALE_COOKIE = "kv_lng";

const catalogues: Record<Locale, Catalogue> = { en, "zh-CN": zhCN };

/** Accept-Language → locale, remembered: browsers send a handful of distinct headers. */
const fromHeader = new Map<string, Locale>();

export function detectLocale(request: Request, userLocale?: string | null): Locale {
  if (isLocale(userLocale)) return userLocale;
  const fromCookie = readCookie(request, LOCALE_COOKIE);
  if (isLocale(fromCookie)) return fromCookie;
  const header = request.headers.get("Accept-Language") ?? "";
  const known = fromHeader.get(header);
  if (known) return known;
  const locale = localeFromAcceptLanguage(header) ?? fallbackLocale;
  if (fromHeader.size < 512) fromHeader.set(header, locale);
  return locale;
}

const instances = new Map<Locale, LiteI18n>();

/**
 * The translator for a language: the same one the browser hydrates with (lite-i18n.ts), so server and
 * browser render the same text by construction. Made once per process; a new i18next instance per
 * request was 8–17% of a page, and i18next's t() costs 8× lite-i18n's (docs/decisions/012-page-speed.md).
 * Nothing may change its language: concurrent renders share it.
 */
export function i18nFor(locale: Locale): LiteI18n {
  let instance = instances.get(locale);
  if (!instance) {
    instance = createLiteI18n(locale, catalogues[locale], async (l) => catalogues[isLocale(l) ? l : fallbackLocale]);
    instances.set(locale, instance);
  }
  return instance;
}

/** The translator for one render: notes the sections the page uses, so the page carries only those. */
export function i18nForRender(locale: Locale) {
  return recordingI18n(i18nFor(locale), catalogues[locale]);
}

export function getFixedT(locale: Locale) {
  return i18nFor(locale).getFixedT(locale);
}

export function localeCookie(env: Pick<Env, "isProduction">, locale: Locale): string {
  return serializeCookie(env, LOCALE_COOKIE, locale, { maxAgeSeconds: 365 * 24 * 3600, httpOnly: false });
}
