// Browser start: the catalogue of the page's language (from <html lang>; the server's Link header has
// already fetched it), a small i18next-compatible translator over it, then hydrate.
import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider } from "react-i18next";
import type { i18n } from "i18next";
import { fallbackLocale, isLocale, type Locale } from "./i18n/config";
import { type Catalogue, createLiteI18n } from "./i18n/lite-i18n";

// One chunk per language; only the page's own is loaded.
const catalogues: Record<Locale, () => Promise<Catalogue>> = {
  en: () => import("./i18n/locales/en").then((m) => m.en),
  "zh-CN": () => import("./i18n/locales/zh-CN").then((m) => m.zhCN),
};
const load = (lng: string) => catalogues[isLocale(lng) ? lng : fallbackLocale]();

const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : fallbackLocale;
void load(locale).then((catalogue) => {
  const i18n = createLiteI18n(locale, catalogue, load) as unknown as i18n;
  startTransition(() => {
    hydrateRoot(
      document,
      <I18nextProvider i18n={i18n}>
        <StrictMode>
          <RemixBrowser />
        </StrictMode>
      </I18nextProvider>,
    );
  });
});
