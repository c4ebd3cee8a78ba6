// Languages we ship and the i18next options of our catalogues (lite-i18n.ts follows them). The catalogues
// are not imported here: the server takes both (i18n.server.ts), a browser only its page's language.
export const supportedLocales = ["en", "zh-CN"] as const;
export type Locale = (typeof supportedLocales)[number];
export const fallbackLocale: Locale = "en";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (supportedLocales as readonly string[]).includes(value);
}

export const i18nOptions = {
  supportedLngs: [...supportedLocales],
  fallbackLng: fallbackLocale,
  defaultNS: "translation",
  interpolation: { escapeValue: false }, // React escapes
};
