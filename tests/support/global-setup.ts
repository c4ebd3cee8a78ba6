// Builds the app once before the suites that serve it, unless a fresh build is already there.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** What the build is made from: the app, and the server bundle's own sources (build/bin). */
const SOURCES = ["app", "server", "db", "scripts/build", "server.ts", "worker.ts", "vite.config.ts"];

export default function setup() {
  const outputs = ["build/server/index.js", "build/bin/server.js"].map((p) => path.resolve(p));
  const sources = Math.max(
    ...SOURCES.map((p) => path.resolve(p)).map((p) =>
      fs.statSync(p).isDirectory() ? newestMtime(p) : fs.statSync(p).mtimeMs,
    ),
  );
  if (outputs.every((o) => fs.existsSync(o) && fs.statSync(o).mtimeMs >= sources)) return;
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    stdio: ["ignore", "ignore", "inherit"],
    // vitest sets NODE_ENV=test, which would bundle React's development build.
    env: { ...process.env, NODE_ENV: "production" },
  });
}
