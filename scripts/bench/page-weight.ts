// What a page makes the browser fetch before it can hydrate, read from the page's HTML: every
// modulepreload link and every module the inline scripts import, sized as the files in build/client.
import fs from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const sizes = new Map<string, { raw: number; gzip: number; brotli: number }>();

/** Sizes of one file of build/client (cached): raw, gzip -9 and brotli q11, as precompression ships them. */
export function assetSizes(clientDir: string, urlPath: string) {
  const file = path.join(clientDir, decodeURIComponent(urlPath.split("?")[0]!));
  let s = sizes.get(file);
  if (!s) {
    const bytes = fs.readFileSync(file);
    s = {
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
    sizes.set(file, s);
  }
  return s;
}

/** Same-origin JavaScript the document loads before hydration. */
export function scriptsBeforeHydration(html: string): string[] {
  const found = new Set<string>();
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*>/g)) {
    const href = /\bhref="([^"]+)"/.exec(m[0])?.[1];
    if (href?.startsWith("/")) found.add(href);
  }
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const src = /\bsrc="([^"]+)"/.exec(m[1]!)?.[1];
    if (src?.startsWith("/")) found.add(src);
    for (const i of m[2]!.matchAll(/\bimport\s*(?:[\w*{}\s,]+from\s*)?["'](\/[^"']+\.js)["']/g)) found.add(i[1]!);
  }
  return [...found];
}

/** Scripts a Link response header preloads (`<url>; rel=modulepreload`). */
export function linkPreloads(linkHeader: string | undefined): string[] {
  if (!linkHeader) return [];
  return [...linkHeader.matchAll(/<(\/[^>]+\.js)>\s*;\s*rel="?modulepreload"?/g)].map((m) => m[1]!);
}

/** Leaflet and the map components: preloaded by map pages, run once the page has hydrated. */
const isMapScript = (p: string) => /\/(base-map|points-map|pin-picker)[.-]/.test(p);

/**
 * The scripts a page loads before it hydrates, from its HTML and its Link header (the catalogue of its
 * language), apart from the map's; and the map's, which map pages preload and run after hydration.
 */
export function pageWeight(html: string, clientDir: string, linkHeader?: string) {
  const all = [...new Set([...scriptsBeforeHydration(html), ...linkPreloads(linkHeader)])];
  const map = new Set(all.filter(isMapScript));
  const sum = (files: string[], k: "raw" | "gzip" | "brotli") =>
    files.reduce((n, f) => n + assetSizes(clientDir, f)[k], 0);
  const core = all.filter((f) => !map.has(f));
  // The text the page carries for hydration (app/i18n/i18n-data.tsx), as the page's gzip would add it.
  const data = /<script id="kv-i18n" type="application\/json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
  return {
    files: core,
    textGzip: data ? gzipSync(data, { level: 9 }).length : 0,
    mapFiles: [...map],
    gzip: sum(core, "gzip"),
    brotli: sum(core, "brotli"),
    mapGzip: sum([...map], "gzip"),
  };
}

/** The page as a reader sees it: without nonces, hashed asset names, scripts and preload links. */
export function normalizedHtml(html: string): string {
  return html
    .replace(/<script id="kv-i18n"[^>]*>[\s\S]*?<\/script>/, "")
    .replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "<script/>")
    .replace(/<link\b[^>]*rel="modulepreload"[^>]*\/?>/g, "")
    .replace(/ nonce="[^"]*"/g, "")
    .replace(/(\/assets\/[\w.-]+?)-[\w-]{8}\.(js|css)/g, "$1.$2")
    .replace(/(<input type="hidden" name="submissionKey" value=")[^"]*"/g, '$1…"')
    .replace(/></g, ">\n<");
}

/** The first line where two pages differ, with a little context; null when they are the same. */
export function firstDifference(a: string, b: string): string | null {
  const x = a.split("\n");
  const y = b.split("\n");
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] !== y[i]) return `line ${i + 1}:\n    - ${x[i]?.slice(0, 200)}\n    + ${y[i]?.slice(0, 200)}`;
  }
  return null;
}
