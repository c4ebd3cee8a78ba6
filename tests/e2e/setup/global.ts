// Global setup for the Chromium suite: starts the real production server (`node build/bin/server.js`) as a child
// process on a fresh PGlite database seeded with the demo accounts, hands its URL to the specs via
// `provide("baseUrl")`, and on teardown stops it with SIGTERM and checks it shut down cleanly (exit 0).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

export const CHROMIUM_PATH = "/usr/bin/chromium";
// A busy shared machine can take longer to seed the demo city: E2E_READY_TIMEOUT_MS raises the wait.
const READY_TIMEOUT_MS = Number(process.env.E2E_READY_TIMEOUT_MS ?? 60_000);
const STOP_TIMEOUT_MS = 20_000;
/** How much of the server's output to keep for failure messages. */
const OUTPUT_TAIL_CHARS = 8_000;

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      if (address === null || typeof address === "string") {
        probe.close();
        reject(new Error("could not read the probe port"));
        return;
      }
      probe.close(() => resolve(address.port));
    });
  });
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves to the promise's value, or to null after `ms`; the timer never outlives the race. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

function exitOf(child: ChildProcess): Promise<Exit> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return Promise.resolve({ code: child.exitCode, signal: child.signalCode });
  }
  return new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
}

/** Kills the whole process group (the server and anything it spawned). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
}

async function waitForReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  let lastProblem = "no answer yet";
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(
        `The e2e server exited before it was ready (code ${child.exitCode}, signal ${child.signalCode}).\n` +
          `Server output:\n${output()}`,
      );
    }
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
      if (res.status === 200) return;
      lastProblem = `GET /readyz answered ${res.status}: ${await res.text()}`;
    } catch (error) {
      lastProblem = `GET /readyz failed: ${String(error)}`;
    }
    await sleep(200);
  }
  throw new Error(
    `The e2e server was not ready within ${READY_TIMEOUT_MS / 1000} s (${lastProblem}).\nServer output:\n${output()}`,
  );
}

export default async function setup({ provide }: TestProject) {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(
      `Chromium is missing at ${CHROMIUM_PATH}: the e2e suite drives Debian's chromium. ` +
        "Install it with `apt-get install -y --no-install-recommends chromium` and run again.",
    );
  }

  const root = path.resolve(".");
  const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), "kinvisit-e2e-"));
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;

  // Never inherit the developer's database or public URL: the suite owns a throwaway PGlite.
  const { DATABASE_URL: _db, PUBLIC_URL: _pub, ALLOWED_ORIGINS: _origins, ...inherited } = process.env;
  // The built server, as production runs it (`npm run serve`): plain node, no tsx in between to relay
  // the signal (under load tsx once answered SIGTERM with its own exit code 143).
  const child = spawn(process.execPath, ["build/bin/server.js"], {
    cwd: root,
    env: {
      ...inherited,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      PGLITE_DIR: path.join(tempDir, "pglite"),
      LOG_LEVEL: "warn",
      LOGIN_LIMIT_PER_IP: "1000",
      SEED_ON_EMPTY: "true",
    },
    stdio: ["ignore", "pipe", "pipe"],
    // Its own process group, so a failed setup (or a dying vitest) takes down the server and anything it started.
    detached: true,
  });

  let tail = "";
  const record = (stream: "stdout" | "stderr") => {
    let partial = "";
    return (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      tail = (tail + text).slice(-OUTPUT_TAIL_CHARS);
      // LOG_LEVEL=warn: anything the server prints is worth seeing next to the test output.
      const lines = (partial + text).split("\n");
      partial = lines.pop() ?? "";
      for (const line of lines) process[stream].write(`[e2e server] ${line}\n`);
    };
  };
  child.stdout?.on("data", record("stdout"));
  child.stderr?.on("data", record("stderr"));
  const spawnError = new Promise<never>((_, reject) => child.once("error", reject));
  spawnError.catch(() => {}); // observed through the race below

  // Last resort: whatever happens to this process, the server must not outlive it.
  const killOnExit = () => killGroup(child, "SIGKILL");
  process.once("exit", killOnExit);

  const cleanUp = () => {
    process.off("exit", killOnExit);
    fs.rmSync(tempDir, { recursive: true, force: true });
  };

  try {
    await Promise.race([waitForReady(baseUrl, child, () => tail), spawnError]);
  } catch (error) {
    killGroup(child, "SIGKILL");
    await within(exitOf(child), 5_000);
    cleanUp();
    throw error;
  }

  provide("baseUrl", baseUrl);

  return async function teardown() {
    const exited = exitOf(child);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
    const result = await within(exited, STOP_TIMEOUT_MS);
    // Whatever the server left behind in its group (it should be nothing) goes too.
    killGroup(child, "SIGKILL");
    cleanUp();
    if (result === null) {
      throw new Error(`The e2e server did not stop within ${STOP_TIMEOUT_MS / 1000} s of SIGTERM.\n${tail}`);
    }
    if (result.code !== 0) {
      throw new Error(
        `The e2e server should exit with code 0 after SIGTERM, got code ${result.code} (signal ${result.signal}).\n` +
          `Server output:\n${tail}`,
      );
    }
    console.log(`[e2e server] stopped cleanly on SIGTERM (exit code 0)`);
  };
}
