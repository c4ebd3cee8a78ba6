// What a document asks the browser to fetch early, as a Link header: first the stylesheet every page
// waits for before its first paint (asked for with the response's headers, before the HTML is parsed,
// and ahead of the rest); then Leaflet on pages whose routes load a map lazily (needed right after
// hydration), and, when the network is idle, the catalogue of the page's language (the page carries
// the sections it shows; the rest is loaded after hydration).
import clientAssets from "virtual:kinvisit/client-assets";
import type { LazyPart } from "~/components/map/shown-parts";

/** `app/components/map/pin-picker.client.tsx` → `pin-picker`. */
const partOf = (src: string) => src.replace(/^.*\//, "").replace(/\.client\.tsx?$/, "") as LazyPart;

/** Lazy maps whose first view the server draws (app/geo/points-preview.ts, app/geo/visit-preview.ts). */
const HAS_FIRST_VIEW = /\/(points|visit)-map\.client\.tsx$/;

/**
 * `pageScripts`: what the document already loads (the entry, the matched routes' modules and their
 * imports, as Remix's manifest names them); those are not repeated. `shown`: the lazy parts the
 * render showed (components/map/shown-parts.tsx), when it is known before the headers go (a page
 * rendered whole); without it, every part the page's chunks can load.
 */
export function preloadLinks(
  locale: string,
  pageScripts: Iterable<string>,
  stylesheet?: string,
  shown?: ReadonlySet<LazyPart>,
): string {
  const loaded = new Set(pageScripts);
  const scripts = new Set<string>();
  const styles = new Set<string>();
  // What a map without a first view in the HTML needs (the pin picker): asked for at
  // the browser's usual priority. The rest at low priority, after the page's own CSS and scripts.
  const urgent = new Set<string>();
  for (const lazy of clientAssets.lazy) {
    if (!lazy.importers.some((i) => loaded.has(i))) continue;
    if (shown && !shown.has(partOf(lazy.src))) continue;
    for (const s of lazy.scripts) if (!loaded.has(s)) scripts.add(s);
    for (const s of lazy.styles) styles.add(s);
    if (!HAS_FIRST_VIEW.test(lazy.src)) for (const s of [...lazy.scripts, ...lazy.styles]) urgent.add(s);
  }
  const priority = (s: string) => (urgent.has(s) ? "" : "; fetchpriority=low");
  const later = (clientAssets.catalogues[locale]?.scripts ?? []).filter((s) => !loaded.has(s));
  return [
    ...(stylesheet ? [`<${stylesheet}>; rel=preload; as=style`] : []),
    ...[...scripts].map((s) => `<${s}>; rel=modulepreload${priority(s)}`),
    // Vite's loader asks for a lazy part's CSS in CORS mode (crossorigin=""): a preload without it is
    // not used, and the file is fetched twice (Chromium warned of it on every map page: a phone walk).
    ...[...styles].map((s) => `<${s}>; rel=preload; as=style; crossorigin${priority(s)}`),
    ...later.map((s) => `<${s}>; rel=prefetch`),
  ].join(", ");
}
