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

/** Leaflet and the map component: preloaded by map pages, run once the page has hydrated. */
export function mapPreloads(html: string): string[] {
  return scriptsBeforeHydration(html).filter((p) => /\/(base-map|points-map|pin-picker)[.-]/.test(p));
}

export function pageWeight(html: string, clientDir: string) {
  const all = scriptsBeforeHydration(html);
  const map = new Set(mapPreloads(html));
  const sum = (files: string[], k: "raw" | "gzip" | "brotli") =>
    files.reduce((n, f) => n + assetSizes(clientDir, f)[k], 0);
  const core = all.filter((f) => !map.has(f));
  return {
    files: core,
    mapFiles: [...map],
    gzip: sum(core, "gzip"),
    brotli: sum(core, "brotli"),
    mapGzip: sum([...map], "gzip"),
  };
}
