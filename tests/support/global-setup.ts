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

export default function setup() {
  const entry = path.resolve("build/server/index.js");
  const sources = Math.max(newestMtime(path.resolve("app")), fs.statSync(path.resolve("vite.config.ts")).mtimeMs);
  if (fs.existsSync(entry) && fs.statSync(entry).mtimeMs >= sources) return;
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    stdio: ["ignore", "ignore", "inherit"],
    // vitest sets NODE_ENV=test, which would bundle React's development build.
    env: { ...process.env, NODE_ENV: "production" },
  });
}
