// The page's translator in React components: `useTranslation()` gives `t` and the translator, as
// react-i18next's hook did, over lite-i18n alone. react-i18next was 1.5 kB gzipped of every page's
// JavaScript before hydration, and its hook's namespace and readiness bookkeeping ran for every
// component that shows text (60 calls on a search page of 20 carers) on the server too.
import { createContext, type ReactNode, useContext, useEffect, useState } from "react";
import type { LiteI18n } from "./lite-i18n";

/** A text by its catalogue key: `t("search.title", { name })`. */
export type Translate = LiteI18n["t"];

const TranslatorContext = createContext<LiteI18n | null>(null);

export function TranslatorProvider({ i18n, children }: { i18n: LiteI18n; children: ReactNode }) {
  return <TranslatorContext.Provider value={i18n}>{children}</TranslatorContext.Provider>;
}

/**
 * The page's `t` and translator. A component renders again when the language changes, or when the rest
 * of a partly carried language arrives (both emit "languageChanged"): `t` is then a new function, so
 * memos and effects that depend on it run again.
 */
export function useTranslation(): { t: Translate; i18n: LiteI18n } {
  const i18n = useContext(TranslatorContext);
  if (!i18n) throw new Error("useTranslation() outside <TranslatorProvider>");
  const [t, setT] = useState<Translate>(() => i18n.getFixedT(null));
  useEffect(() => {
    const renew = () => setT(() => i18n.getFixedT(null));
    i18n.on("languageChanged", renew);
    return () => i18n.off("languageChanged", renew);
  }, [i18n]);
  return { t, i18n };
}

/** Follows the root loader's locale: after a change of language, the next page's texts are in it. */
export function useChangeLanguage(locale: string): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (i18n.language !== locale) void i18n.changeLanguage(locale);
  }, [locale, i18n]);
}
