// The page's <title>, in the reader's language: the deepest route's `handle.title` (a catalogue key) with
// the app's name, or the app's name alone; on an error page, the error's title. Rendered by the root, so the key is carried with the page's
// text for hydration like any other (i18n-data.tsx). Routes export no `meta` (it could not translate) and
// the root renders no <Meta />.
import { useLocation, useMatches, useRouteError } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { errorPageKey } from "./error-boundary";

export interface PageHandle {
  /** A key under `titles` in the catalogue. */
  title: `titles.${string}`;
}

/** Rendered by the root's Layout, which also wraps the root's error page: then the title is the error's. */
export function PageTitle() {
  const { t } = useTranslation();
  const matches = useMatches();
  const error = useRouteError();
  // No error reads as null here (the error context's default), not undefined.
  let key: string | undefined = error == null ? undefined : `errorPage.${errorPageKey(error)}.title`;
  for (let i = matches.length - 1; i >= 0 && !key; i--) key = (matches[i]!.handle as PageHandle | undefined)?.title;
  return <title>{key ? t("titles.page", { page: t(key) }) : t("app.name")}</title>;
}

/**
 * After the browser moved to another page without loading it, focus goes to that page's heading (or its
 * main part), as a page load would leave a screen reader at the new page: otherwise focus stays on the
 * link or button that went away, which drops it to the page's start. Query changes (a sort, a filter)
 * and the first render leave focus where it is.
 */
export function useFocusOnNewPage() {
  const { pathname } = useLocation();
  const shown = useRef(pathname);
  useEffect(() => {
    if (shown.current === pathname) return;
    shown.current = pathname;
    const main = document.getElementById("main");
    const target = main?.querySelector("h1") ?? main;
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus({ preventScroll: true });
  }, [pathname]);
}
