// Browser start: the text sections the page carries (i18n-data.tsx) in a small i18next-compatible
// translator, hydrate, then load the rest of the page's language for what the page shows next.
import { RemixBrowser } from "@remix-run/react";
import { holdFormsWhileOffline, rememberSubmitters } from "./components/connection";
import { guardPopState } from "./components/ui/back-guard";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { fallbackLocale, isLocale, type Locale } from "./i18n/config";
import { I18N_DATA_ID } from "./i18n/i18n-data";
import { markLanguageReady } from "./i18n/language-ready";
import { TranslatorProvider } from "./i18n/react";
import { type Catalogue, createLiteI18n } from "./i18n/lite-i18n";

// One chunk per language, loaded when needed.
const catalogues: Record<Locale, () => Promise<Catalogue>> = {
  en: () => import("./i18n/locales/en").then((m) => m.en),
  "zh-CN": () => import("./i18n/locales/zh-CN").then((m) => m.zhCN),
};
const load = (lng: string) => catalogues[isLocale(lng) ? lng : fallbackLocale]();

holdFormsWhileOffline(window);
rememberSubmitters(window);
// Before hydration, so before the router's own listener.
guardPopState(window);

const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : fallbackLocale;
const inlineJson = document.getElementById(I18N_DATA_ID)?.textContent ?? "";
const start: Promise<{ catalogue: Catalogue; partial: boolean }> = inlineJson
  ? Promise.resolve({ catalogue: JSON.parse(inlineJson) as Catalogue, partial: true })
  : load(locale).then((catalogue) => ({ catalogue, partial: false }));

void start.then(({ catalogue, partial }) => {
  // A text shown only after mount is not in what the page carried: once the rest arrives, the page
  // renders again, as a transition (see LiteOptions.schedule).
  const translator = createLiteI18n(locale, catalogue, load, { partial, inlineJson, schedule: startTransition });
  startTransition(() => {
    hydrateRoot(
      document,
      <TranslatorProvider i18n={translator}>
        {/* StrictMode only checks in development, where it is kept; production drops its bytes. */}
        {import.meta.env.DEV ? (
          <StrictMode>
            <RemixBrowser />
          </StrictMode>
        ) : (
          <RemixBrowser />
        )}
      </TranslatorProvider>,
    );
  });
  // After hydration has started: the rest of the language, for forms' messages and the next pages,
  // tried twice. If it cannot load, forms are checked by the server only, as without JavaScript, until
  // the page is loaded again.
  if (partial) {
    setTimeout(() => {
      translator
        .complete()
        .catch(() => translator.complete())
        .then(markLanguageReady, () => {});
    }, 0);
  } else {
    markLanguageReady();
  }
});
