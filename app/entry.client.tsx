// Browser start: i18next in the page's language (from <html lang>), then hydrate.
import { RemixBrowser } from "@remix-run/react";
import i18next from "i18next";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { i18nOptions, isLocale, fallbackLocale } from "./i18n/config";

const lang = document.documentElement.lang;
void i18next
  .use(initReactI18next)
  .init({ ...i18nOptions, lng: isLocale(lang) ? lang : fallbackLocale })
  .then(() => {
    startTransition(() => {
      hydrateRoot(
        document,
        <I18nextProvider i18n={i18next}>
          <StrictMode>
            <RemixBrowser />
          </StrictMode>
        </I18nextProvider>,
      );
    });
  });
