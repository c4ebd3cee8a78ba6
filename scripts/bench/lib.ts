// Shared helpers for benchmark scripts: percentiles, building once, spawning the server.
import { execFileSync, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { type Spawned, spawnTsx } from "../../tests/support/spawn";

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, idx)]!;
}

export function summarize(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1) ?? NaN };
}

export function ensureBuild(): number {
  if (fs.existsSync(path.resolve("build/bin/server.js")) && process.env.BENCH_REBUILD !== "1") return 0;
  const t = performance.now();
  execFileSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "vite:build"], {
    stdio: "ignore",
  });
  return performance.now() - t;
}

export async function startBenchServer(env: Record<string, string>) {
  const child = spawnTsx("scripts/bench/serve.ts", [], {
    NODE_ENV: "production",
    LOG_LEVEL: "warn",
    ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}),
    ...env,
  });
  const [, url] = (await child.waitFor(/"benchReady":"([^"]+)"/, 120_000)) as RegExpMatchArray;
  return {
    url: url!,
    stop: async () => {
      child.child.kill("SIGTERM");
      await child.exited;
    },
  };
}

export const fmt = (ms: number) => `${ms.toFixed(1)} ms`;

/** A built entry point (build/bin) under plain node, with the same handle spawnTsx gives. */
export function spawnNode(script: string, env: Record<string, string>): Spawned {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.TEST_DATABASE_URL;
  const child = spawn(process.execPath, [script], { env: { ...base, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let out = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    out += chunk.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on("data", onData);
  child.stderr!.on("data", onData);
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    child,
    output: () => out,
    exited,
    waitFor(pattern, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = out.match(pattern);
          if (m) {
            listeners.delete(check);
            clearTimeout(timer);
            resolve(m);
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${pattern}; output:\n${out}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then(() => setTimeout(check, 50));
        check();
      });
    },
  };
}
