// Vite plugin: `virtual:kinvisit/client-assets` tells server code the hashed URLs of client chunks that
// Remix's manifest does not list: each language's catalogue, and the browser-only components a route
// loads lazily (Leaflet), so the server can name them in a Link header and the browser fetches them
// while it parses the page instead of after hydration. Read from Vite's client manifest, which exists
// while the server build runs; empty in dev and in the client build.
import fs from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

const ID = "virtual:kinvisit/client-assets";
const RESOLVED = `\0${ID}`;

interface ManifestChunk {
  file: string;
  src?: string;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}

export interface ClientAssets {
  /** Per language: the catalogue chunk and what it imports. */
  catalogues: Record<string, { scripts: string[]; styles: string[] }>;
  /** Lazily imported `*.client` components: preload them on pages whose chunks import them. */
  lazy: { src: string; importers: string[]; scripts: string[]; styles: string[] }[];
}

export function clientAssetsFromManifest(manifest: Record<string, ManifestChunk>, base: string): ClientAssets {
  const url = (file: string) => `${base}${file}`;
  const closure = (key: string) => {
    const scripts: string[] = [];
    const styles = new Set<string>();
    const seen = new Set<string>();
    const visit = (k: string) => {
      const chunk = manifest[k];
      if (!chunk || seen.has(k)) return;
      seen.add(k);
      scripts.push(url(chunk.file));
      for (const css of chunk.css ?? []) styles.add(url(css));
      for (const i of chunk.imports ?? []) visit(i);
    };
    visit(key);
    return { scripts, styles: [...styles] };
  };
  const catalogues: ClientAssets["catalogues"] = {};
  const lazy: ClientAssets["lazy"] = [];
  for (const [key, chunk] of Object.entries(manifest)) {
    const locale = /^app\/i18n\/locales\/([\w-]+)\.ts$/.exec(chunk.src ?? "")?.[1];
    if (locale && chunk.isDynamicEntry) catalogues[locale] = closure(key);
    if (chunk.isDynamicEntry && /\.client\.tsx?$/.test(chunk.src ?? "")) {
      const importers = Object.values(manifest)
        .filter((c) => c.dynamicImports?.includes(key))
        .map((c) => url(c.file));
      lazy.push({ src: chunk.src!, importers, ...closure(key) });
    }
  }
  return { catalogues, lazy };
}

export function clientAssets(): Plugin {
  let ssr = false;
  let manifestFile = "";
  let base = "/";
  return {
    name: "kinvisit:client-assets",
    configResolved(config) {
      ssr = Boolean(config.build.ssr) && config.command === "build";
      base = config.base;
      // Remix builds the client into <buildDirectory>/client and the server into <buildDirectory>/server.
      manifestFile = path.resolve(config.root, config.build.outDir, "../client/.vite/manifest.json");
    },
    resolveId(id) {
      return id === ID ? RESOLVED : undefined;
    },
    load(id) {
      if (id !== RESOLVED) return undefined;
      let assets: ClientAssets = { catalogues: {}, lazy: [] };
      if (ssr) {
        if (!fs.existsSync(manifestFile)) this.error(`${manifestFile} is missing: the client build must run first`);
        assets = clientAssetsFromManifest(JSON.parse(fs.readFileSync(manifestFile, "utf8")), base);
      }
      return `export default ${JSON.stringify(assets)};`;
    },
  };
}
