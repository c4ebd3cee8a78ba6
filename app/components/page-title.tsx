// The page's <title>, in the reader's language: the deepest route's `handle.title` (a catalogue key) with
// the app's name, or the app's name alone; on an error page, the error's title. Rendered by the root, so the key is carried with the page's
// text for hydration like any other (i18n-data.tsx). Routes export no `meta` (it could not translate) and
// the root renders no <Meta />.
import { isRouteErrorResponse, useLocation, useMatches, useRouteError } from "@remix-run/react";
import { useContext, useEffect, useRef } from "react";
// Which route's error boundary shows (the root's Layout sees only its own error through useRouteError).
import { UNSAFE_DataRouterStateContext as RouterState } from "react-router";
import { useTranslation } from "~/i18n/react";
import { errorPageKey } from "./error-boundary";

export interface PageHandle {
  /** A key under `titles` in the catalogue. */
  title: `titles.${string}`;
  /** The title when this route's own error boundary says what a 404 means here (a job no longer open). */
  notFoundTitle?: `titles.${string}`;
}

/**
 * Rendered by the root's Layout, which also wraps the root's error page. On an error page, the root's
 * or a nested route's, the title is the error's: the page no longer says what it would have shown.
 */
export function PageTitle() {
  const { t } = useTranslation();
  const matches = useMatches();
  const errors = useContext(RouterState)?.errors ?? {};
  // The deepest route whose error boundary shows (null when none: the error context's default).
  let error = useRouteError();
  let handle: PageHandle | undefined;
  for (let i = matches.length - 1; i >= 0 && error == null; i--) {
    error = errors[matches[i]!.id];
    handle = matches[i]!.handle as PageHandle | undefined;
  }
  let key =
    error == null
      ? undefined
      : (isRouteErrorResponse(error) && error.status === 404 && handle?.notFoundTitle) ||
        `errorPage.${errorPageKey(error)}.title`;
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
