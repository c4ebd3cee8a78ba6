// `npm run build` ends here: the JavaScript each route makes a browser load before it can hydrate (the
// entry, the route and its parents, and everything they import, gzipped as the server sends them) must
// stay within its budget, and so must the map (Leaflet) that map pages load right after. Exits 1 if not.
// Budgets are in kB of 1,000 bytes (docs/decisions/012-page-speed.md).
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

export const BUDGETS = {
  /** Pages without a form that validates in the browser. */
  page: 95_000,
  /** Pages with one (conform + zod). */
  form: 110_000,
  /** Leaflet, react-leaflet and our map components, loaded by map pages after hydration. */
  map: 50_000,
};

/** Routes whose forms validate in the browser; any other route gets the page budget. */
export const FORM_ROUTES = new Set([
  "routes/login",
  "routes/login_.sms",
  "routes/signup",
  "routes/account_.phone",
  "routes/account_.sms",
  "routes/carer_.profile",
  "routes/family_.parents.new",
  "routes/family_.parents.$parentId.edit",
  "routes/family_.parents.$parentId.requests.new",
  "routes/chat.$conversationId",
  "routes/visits.$visitId",
  "routes/visits.$visitId_.log",
]);

interface ManifestRoute {
  id: string;
  parentId?: string;
  module: string;
  imports?: string[];
}
export interface RemixManifest {
  entry: { module: string; imports: string[] };
  routes: Record<string, ManifestRoute>;
}

export function readManifest(clientDir: string): RemixManifest {
  const assets = path.join(clientDir, "assets");
  const file = fs.readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f));
  if (!file) throw new Error(`no Remix manifest in ${assets}: run the build first`);
  const text = fs.readFileSync(path.join(assets, file), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as RemixManifest;
}

/** Gzipped size as the server sends it: the build's .gz twin when there is one. */
export function gzipSize(clientDir: string, urlPath: string): number {
  const file = path.join(clientDir, urlPath);
  if (fs.existsSync(`${file}.gz`)) return fs.statSync(`${file}.gz`).size;
  return gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

/** The scripts a route's document loads before hydration, as Remix's <Scripts> lists them. */
export function scriptsBeforeHydration(manifest: RemixManifest, routeId: string): string[] {
  const files = new Set([manifest.entry.module, ...manifest.entry.imports]);
  for (let id: string | undefined = routeId; id; id = manifest.routes[id]?.parentId) {
    const route = manifest.routes[id];
    if (!route) throw new Error(`route ${id} is not in the manifest`);
    files.add(route.module);
    for (const i of route.imports ?? []) files.add(i);
  }
  return [...files];
}

/** Files a chunk imports, statically or dynamically (`import("./x.js")`), and theirs, minus `known`. */
export function lazyClosure(clientDir: string, start: string[], known: Set<string>): string[] {
  const found = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const file = queue.pop()!;
    const text = fs.readFileSync(path.join(clientDir, file), "utf8");
    for (const m of text.matchAll(/(?:import\(|from\s*|import\s*)["']\.\/([\w.-]+\.js)["']/g)) {
      const dep = `/assets/${m[1]}`;
      if (known.has(dep) || found.has(dep)) continue;
      found.add(dep);
      queue.push(dep);
    }
  }
  return [...found];
}

export interface RouteWeight {
  routeId: string;
  kind: "page" | "form";
  bytes: number;
  budget: number;
  mapBytes: number;
  /** Loaded after hydration for the browser-side checks of forms (zod and the form's schema). */
  validationBytes: number;
}

/** The map's chunks: our browser-only map components and what only they import (Leaflet). */
const isMapChunk = (file: string) => /\/(base-map|points-map|pin-picker)[.-]/.test(file);

export function routeWeights(clientDir: string): RouteWeight[] {
  const manifest = readManifest(clientDir);
  return (
    Object.keys(manifest.routes)
      // A resource route (a stream, a photo) renders no document: its module is an empty chunk.
      .filter((id) => id !== "root" && !isResourceRoute(clientDir, manifest.routes[id]!))
      .sort()
      .map((routeId) => {
        const files = scriptsBeforeHydration(manifest, routeId);
        // A form that validates in the browser loads deferred-validation before hydrating (its schema and
        // zod after): such a route is a form page whether or not it is listed.
        const validates = files.some((f) => /\/deferred-validation-[\w-]+\.js$/.test(f));
        const kind = FORM_ROUTES.has(routeId) || validates ? "form" : "page";
        // What the page imports lazily, apart from the language catalogues (the rest of the page's text).
        const lazy = lazyClosure(clientDir, files, new Set(files)).filter((f) => !/\/(en|zh-CN)-[\w-]+\.js$/.test(f));
        const sum = (list: string[]) => list.reduce((n, f) => n + gzipSize(clientDir, f), 0);
        const map = lazyClosure(clientDir, lazy.filter(isMapChunk), new Set(files)).concat(lazy.filter(isMapChunk));
        return {
          routeId,
          kind,
          bytes: sum(files),
          budget: BUDGETS[kind],
          mapBytes: sum([...new Set(map)]),
          validationBytes: sum(lazy.filter((f) => !map.includes(f))),
        };
      })
  );
}

function isResourceRoute(clientDir: string, route: ManifestRoute): boolean {
  return (route.imports ?? []).length === 0 && fs.statSync(path.join(clientDir, route.module)).size < 64;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const clientDir = path.resolve(process.argv[2] ?? "build/client");
  const kB = (n: number) => `${(n / 1000).toFixed(3)} kB`;
  const over: string[] = [];
  console.log("JavaScript before hydration, gzipped (budget) · loaded after hydration: map, form checks");
  for (const w of routeWeights(clientDir)) {
    const mapOver = w.mapBytes > BUDGETS.map;
    if (w.bytes > w.budget) over.push(`${w.routeId}: ${kB(w.bytes)} > ${kB(w.budget)}`);
    if (mapOver) over.push(`${w.routeId} map: ${kB(w.mapBytes)} > ${kB(BUDGETS.map)}`);
    console.log(
      `  ${w.routeId.padEnd(48)} ${kB(w.bytes).padStart(9)} (${w.kind} ≤ ${kB(w.budget)})` +
        (w.mapBytes ? ` · map ${kB(w.mapBytes)} (≤ ${kB(BUDGETS.map)})` : "") +
        (w.validationBytes ? ` · form checks ${kB(w.validationBytes)}` : ""),
    );
  }
  if (over.length) {
    console.error(`\nOver budget:\n  ${over.join("\n  ")}`);
    process.exit(1);
  }
  console.log("All within budget.");
}
