// After a refusal because the thing changed meanwhile, the page is read again. Remix's single fetch
// skips reading a page's data after an action answers 4xx (v7_skipActionErrorRevalidation), which suits
// a form refused for what was typed (400: nothing changed). A 409 (already done, closed, cancelled,
// taken) or a 403 (blocked, suspended since the page was drawn) says the page itself is out of date:
// kept, it went on offering the buttons of a state that had passed (an outside probe: a second
// check-out's answer still showed "In progress" and a live "Check out"). Client-safe.
import type { ShouldRevalidateFunction } from "@remix-run/react";

/** Status codes of an action's answer that mean the page's data is out of date. */
const STALE = new Set([403, 409]);

export const revalidateWhenStale: ShouldRevalidateFunction = ({ actionStatus, defaultShouldRevalidate }) =>
  actionStatus !== undefined && STALE.has(actionStatus) ? true : defaultShouldRevalidate;
