// Localised error pages for 400, 403, 404, 405, 413, 429 and 500; the details stay in the server log.
// A request lost on the network is no 500: its page says so, and comes back by itself once the network does.
import {
  isRouteErrorResponse,
  Link,
  useLocation,
  useNavigation,
  useRevalidator,
  useRouteError,
} from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { isNetworkFailure } from "./connection";

const known = new Set([400, 403, 404, 405, 413, 429]);

/** The error page's catalogue entry under `errorPage` for what a route threw (also the page's title). */
export function errorPageKey(error: unknown): string {
  if (isNetworkFailure(error)) return "lost";
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return known.has(status) ? String(status) : "500";
}

export function GeneralErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  const location = useLocation();
  const lost = isNetworkFailure(error);
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const key = errorPageKey(error);
  // Lost (a background read of a live page that failed on a phone's network, say): read the page again
  // once the phone is online, and after 10, 20, 40… seconds, so that it comes back by itself (an outside
  // probe saw a visit page stay the error page after the network returned). Never while something else
  // loads (it would cancel a read still on its way, or a navigation the person started: then it waits
  // its turn), and five tries at most: a loss that is no network (a script chunk gone after a deploy)
  // must not read the page forever. The link reloads the whole page.
  const revalidator = useRevalidator();
  const busy = useNavigation().state !== "idle" || revalidator.state !== "idle";
  const state = useRef({ busy, tries: 0 });
  state.current.busy = busy;
  useEffect(() => {
    if (!lost) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const retry = () => {
      const s = state.current;
      if (s.tries >= 5) return;
      clearTimeout(timer);
      timer = setTimeout(retry, 10_000 * 2 ** s.tries);
      if (!navigator.onLine || s.busy) return;
      s.tries += 1;
      revalidator.revalidate();
    };
    timer = setTimeout(retry, 10_000);
    window.addEventListener("online", retry);
    return () => {
      clearTimeout(timer);
      window.removeEventListener("online", retry);
    };
  }, [lost, revalidator.revalidate]);
  return (
    <section className="stack narrow error-page" aria-labelledby="error-title">
      {!lost && <p className="error-code">{status}</p>}
      <h1 id="error-title">{t(`errorPage.${key}.title` as "errorPage.404.title")}</h1>
      <p>{t(`errorPage.${key}.body` as "errorPage.404.body")}</p>
      {/* Lost: this page again, as a whole load, which also brings back scripts that failed to load. */}
      <Link className="button" to={lost ? location : "/"} reloadDocument={lost}>
        {t(lost ? "errorPage.retry" : "errorPage.back")}
      </Link>
    </section>
  );
}
