// A part of a page whose code loads while the page hydrates rather than before it, so that the page's
// own JavaScript stays within its budget (scripts/build/budgets.ts). The server renders it whole.
//
// Until its code arrives, the browser keeps the server's HTML for it as a dehydrated Suspense boundary.
// A boundary that receives an update in that time throws that HTML away and draws itself again (React's
// recoverable errors 421, 422, 418): the form someone was already typing in is emptied. Pages render
// again while they hydrate for ordinary reasons (the rest of the language arriving, a live message, a
// visit's live status), so the island is memoised: it takes an update only when its props change. Pass
// it props that keep their identity between renders (loader data, strings, numbers, useMemo'd objects),
// not objects or functions made afresh in the render.
// biome-ignore lint/style/noRestrictedImports: the one place a lazy component is declared.
import { type ComponentType, lazy, memo, type ReactNode, Suspense } from "react";

/** The server's loads of every island's code, begun when the build is imported. */
const serverLoads: Promise<unknown>[] = [];

/**
 * Settles once every island's code has loaded on the server (or failed to: that island then renders
 * through React's stream, which reports it). The server waits for it before it takes its first
 * request (app/entry.server.tsx `ready`, server/start.ts), so the first page after a start is
 * rendered as every later one is, not only when the loads happen to win the race.
 */
export function islandsLoaded(): Promise<void> {
  return Promise.allSettled(serverLoads).then(() => undefined);
}

export function lazyIsland<Props extends object>(
  load: () => Promise<ComponentType<Props>>,
  fallback: ReactNode = null,
): ComponentType<Props> {
  const Lazy = lazy(() => load().then((component) => ({ default: component }))) as unknown as ComponentType<Props>;
  // On the server the part's code is loaded when the server starts, not at the first page that shows it:
  // a page is rendered as one string only when nothing on it waits (app/http/render-whole.server.ts).
  // Until then, and if it fails to load, the lazy component renders it (and reports the failure).
  let loaded: ComponentType<Props> | null = null;
  if (import.meta.env.SSR) {
    const loading = load().then(
      (component) => {
        loaded = component;
      },
      () => {},
    );
    serverLoads.push(loading);
  }
  // biome-ignore lint/correctness/noComponentHookFactories: called once per island, at module scope.
  function Island(props: Props) {
    const Part = loaded ?? Lazy;
    return (
      <Suspense fallback={fallback}>
        <Part {...props} />
      </Suspense>
    );
  }
  return memo(Island) as unknown as ComponentType<Props>;
}
