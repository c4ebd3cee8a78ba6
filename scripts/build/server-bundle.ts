// Vite plugin: after the server build, bundles our own server entry points (server.ts, worker.ts and
// what they import from app/, db/ and server/) into build/bin with esbuild, so production starts with
// plain `node` and no TypeScript transpiling (tsx took ~2.5 s of every start). Packages stay external.
// The migrations are copied beside the bundle: db/migrate.ts finds them next to itself.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { build } from "esbuild";
import type { Plugin } from "vite";

export const ENTRY_POINTS = [
  "server.ts",
  "worker.ts",
  "server/route-matching.ts",
  "scripts/build/make-pglite-template.ts",
];

/** Bundles `entryPoints` (by default the server's) into `outDir`, with the migrations beside them. */
export async function bundleServer(root: string, outDir: string, entryPoints = ENTRY_POINTS): Promise<void> {
  await build({
    absWorkingDir: root,
    entryPoints,
    outdir: outDir,
    entryNames: "[name]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Packages stay in node_modules; "~/…" and "~db/…" are ours (tsconfig paths) and are bundled.
    plugins: [
      {
        name: "external-packages",
        setup(b) {
          b.onResolve({ filter: /^[^.~/]/ }, (args) => ({ path: args.path, external: true }));
          // Its own file, imported first: it must run before anything loads @remix-run/router, and a
          // bundle evaluates every package it imports before any of its own code.
          b.onResolve({ filter: /\/route-matching$/ }, (args) =>
            args.kind === "entry-point" ? undefined : { path: "./route-matching.js", external: true },
          );
        },
      },
    ],
    tsconfig: path.join(root, "tsconfig.json"),
    logLevel: "warning",
    legalComments: "none",
  });
  fs.cpSync(path.join(root, "db/migrations"), path.join(outDir, "migrations"), { recursive: true });
}

export function serverBundle(): Plugin {
  let root = "";
  let outDir = "";
  let ssr = false;
  return {
    name: "kinvisit:server-bundle",
    apply: "build",
    configResolved(config) {
      root = config.root;
      ssr = Boolean(config.build.ssr);
      // Remix builds the server into <buildDirectory>/server; the entry points go to <buildDirectory>/bin.
      outDir = path.resolve(config.root, config.build.outDir, "../bin");
    },
    async closeBundle() {
      if (!ssr) return;
      const started = performance.now();
      await bundleServer(root, outDir);
      this.info?.(
        `bundled ${ENTRY_POINTS.join(", ")} into ${path.relative(root, outDir)}/ in ${Math.round(performance.now() - started)} ms`,
      );
      // The PGlite cluster a new data folder starts from, made by the bundled code itself.
      execFileSync(process.execPath, [path.join(outDir, "make-pglite-template.js")], { stdio: "inherit" });
    },
  };
}
