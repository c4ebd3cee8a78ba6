// What a document asks the browser to fetch early, as a Link header: Leaflet on pages whose routes load a
// map lazily (needed right after hydration), and, when the network is idle, the catalogue of the page's
// language (the page carries the sections it shows; the rest is loaded after hydration).
import clientAssets from "virtual:kinvisit/client-assets";

/**
 * `pageScripts`: what the document already loads (the entry, the matched routes' modules and their
 * imports, as Remix's manifest names them); those are not repeated.
 */
export function preloadLinks(locale: string, pageScripts: Iterable<string>): string {
  const loaded = new Set(pageScripts);
  const scripts = new Set<string>();
  const styles = new Set<string>();
  for (const lazy of clientAssets.lazy) {
    if (!lazy.importers.some((i) => loaded.has(i))) continue;
    for (const s of lazy.scripts) if (!loaded.has(s)) scripts.add(s);
    for (const s of lazy.styles) styles.add(s);
  }
  const later = (clientAssets.catalogues[locale]?.scripts ?? []).filter((s) => !loaded.has(s));
  return [
    ...[...scripts].map((s) => `<${s}>; rel=modulepreload; fetchpriority=low`),
    ...[...styles].map((s) => `<${s}>; rel=preload; as=style; fetchpriority=low`),
    ...later.map((s) => `<${s}>; rel=prefetch`),
  ].join(", ");
}
