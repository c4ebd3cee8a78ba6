// Picks the request's language: the logged-in user's choice, then the lng cookie, then Accept-Language.
import { RemixI18Next } from "remix-i18next/server";
import { readCookie, serializeCookie } from "~/auth/cookies.server";
import type { Env } from "~/env.server";
import { fallbackLocale, isLocale, supportedLocales, type Locale } from "./config";
import { resources } from "./config";

export const LOCALE_COOKIE = "kv_lng";

const remixI18next = new RemixI18Next({
  detection: {
    supportedLanguages: [...supportedLocales],
    fallbackLanguage: fallbackLocale,
    // Only the header: our cookie and the user's preference are read below, before this.
    order: ["header"],
  },
  i18next: { resources },
});

export async function detectLocale(request: Request, userLocale?: string | null): Promise<Locale> {
  if (isLocale(userLocale)) return userLocale;
  const fromCookie = readCookie(request, LOCALE_COOKIE);
  if (isLocale(fromCookie)) return fromCookie;
  const detected = await remixI18next.getLocale(request);
  return isLocale(detected) ? detected : fallbackLocale;
}

export function getFixedT(locale: Locale) {
  return remixI18next.getFixedT(locale);
}

export function localeCookie(env: Pick<Env, "isProduction">, locale: Locale): string {
  return serializeCookie(env, LOCALE_COOKIE, locale, { maxAgeSeconds: 365 * 24 * 3600, httpOnly: false });
}
