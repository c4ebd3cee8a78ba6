// Languages we ship and the i18next options shared by server and browser.
import { en } from "./locales/en";
import { zhCN } from "./locales/zh-CN";

export const supportedLocales = ["en", "zh-CN"] as const;
export type Locale = (typeof supportedLocales)[number];
export const fallbackLocale: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

export const resources = {
  en: { translation: en },
  "zh-CN": { translation: zhCN },
};

export const i18nOptions = {
  supportedLngs: [...supportedLocales],
  fallbackLng: fallbackLocale,
  defaultNS: "translation",
  interpolation: { escapeValue: false }, // React escapes
  react: { useSuspense: false },
  resources,
};
