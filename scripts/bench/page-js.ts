// Measures the JavaScript a page ships (gzip): what loads with the document (entry, root, the route
// and their static imports) and what the route loads lazily after hydration (the Leaflet map).
import fs from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

interface ManifestRoute {
  module: string;
  imports?: string[];
}
interface RemixManifest {
  entry: ManifestRoute;
  routes: Record<string, ManifestRoute>;
}

const clientDir = path.resolve("build/client");

function readManifest(): RemixManifest {
  const file = fs.readdirSync(path.join(clientDir, "assets")).find((f) => /^manifest-.*\.js$/.test(f));
  if (!file) throw new Error("no Remix manifest in build/client/assets: run npm run build");
  const text = fs.readFileSync(path.join(clientDir, "assets", file), "utf8");
  return JSON.parse(text.replace(/^window\.__remixManifest=/, "").replace(/;\s*$/, "")) as RemixManifest;
}

const gz = (asset: string) => gzipSync(fs.readFileSync(path.join(clientDir, asset))).length;

/** Follows `import("./x.js")` in a chunk (and the static imports of what it finds). */
function dynamicClosure(start: string[], skip: Set<string>): Set<string> {
  const found = new Set<string>();
  const queue = [...start];
  while (queue.length) {
    const asset = queue.pop()!;
    const text = fs.readFileSync(path.join(clientDir, asset), "utf8");
    for (const m of text.matchAll(/(?:import\(|from\s*|import\s*)["']\.\/([\w.-]+\.js)["']/g)) {
      const dep = `/assets/${m[1]}`;
      if (skip.has(dep) || found.has(dep)) continue;
      found.add(dep);
      queue.push(dep);
    }
  }
  return found;
}

export function pageJs(routeIds: string[]) {
  const manifest = readManifest();
  const initial = new Set<string>([manifest.entry.module, ...(manifest.entry.imports ?? [])]);
  for (const id of ["root", ...routeIds]) {
    const r = manifest.routes[id];
    if (!r) throw new Error(`route ${id} not in the manifest`);
    initial.add(r.module);
    for (const i of r.imports ?? []) initial.add(i);
  }
  const lazy = dynamicClosure(
    [...initial].filter((a) =>
      routeIds.some((id) => manifest.routes[id]!.imports?.includes(a) || manifest.routes[id]!.module === a),
    ),
    initial,
  );
  const sum = (s: Set<string>) => [...s].reduce((n, a) => n + gz(a), 0);
  return {
    initialGzip: sum(initial),
    initialFiles: initial.size,
    lazyGzip: sum(lazy),
    lazyFiles: [...lazy].map((a) => path.basename(a)),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const id of process.argv.slice(2).length ? process.argv.slice(2) : ["routes/carer_.jobs"]) {
    const r = pageJs([id]);
    console.log(
      `${id}: ${(r.initialGzip / 1024).toFixed(1)} KiB gzip with the document (${r.initialFiles} files); ` +
        `${(r.lazyGzip / 1024).toFixed(1)} KiB gzip loaded after hydration (${r.lazyFiles.join(", ")})`,
    );
  }
}
