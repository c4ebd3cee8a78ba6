// Starts the HTTP server on an open database and knows how to drain it: used by server.ts, tests and benches.
import { routeMatching } from "./route-matching"; // first: before anything loads @remix-run/node
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import type { DatabaseHandle } from "~db/client";
import { appliedMigrationCount, expectedMigrationCount } from "~db/migrate";
import { createJobs, startJobs, type Jobs } from "~/jobs/jobs.server";
import { registerWorkers } from "~/jobs/workers.server";
import type { Env } from "~/env.server";
import { createInFlight, type InFlight } from "~/http/in-flight.server";
import type { Logger } from "~/logger.server";
import { type Hub, startHub } from "~/realtime/hub.server";
import { createApp } from "./app";
import { answerClientError } from "./plain-answers";
import { loadTimeZones } from "./time-zones";

export interface StartOptions {
  env: Env;
  handle: DatabaseHandle;
  logger: Logger;
  /** Folder holding server/index.js and client/ (production). Omit to use Vite's dev server. */
  buildDir?: string;
  port?: number;
  host?: string;
  /** Express routes mounted before everything else (benchmarks mount a bare hello route here). */
  extraRoutes?: (app: import("express").Express) => void;
}

export interface RunningServer {
  url: string;
  server: http.Server;
  jobs: Jobs;
  hub: Hub;
  /** Requests in their handler and tasks begun after a response. */
  inFlight: InFlight;
  /**
   * Stops accepting, waits for open connections, handlers still running and the job in hand (each up to
   * about timeoutMs), then resolves. Does not close the DB.
   */
  drain(timeoutMs: number): Promise<void>;
}

/** How long the start waits for the lazy parts' code. */
const READY_TIMEOUT_MS = 10_000;

export async function startServer(options: StartOptions): Promise<RunningServer> {
  const { env, handle, logger } = options;
  let build: ServerBuild | (() => Promise<ServerBuild>);
  let clientDir: string | undefined;
  const before = [];
  if (options.buildDir) {
    const serverEntry = path.resolve(options.buildDir, "server/index.js");
    build = (await import(/* @vite-ignore */ serverEntry)) as ServerBuild;
    // The lazy parts' code, loaded as the build was imported (app/entry.server.tsx `ready`). Local
    // files load in milliseconds; should one hang, the server starts anyway after a while and the part
    // renders through React's stream when it comes.
    const ready = (build.entry.module as { ready?: () => Promise<void> }).ready?.();
    if (ready) {
      let timer: NodeJS.Timeout | undefined;
      const waited = await Promise.race([
        ready.then(() => true),
        new Promise<false>((resolve) => {
          timer = setTimeout(() => resolve(false), READY_TIMEOUT_MS);
        }),
      ]);
      clearTimeout(timer);
      if (!waited) logger.warn("lazy parts not loaded at start", { waitedMs: READY_TIMEOUT_MS });
    }
    clientDir = path.resolve(options.buildDir, "client");
  } else {
    const vite = await import("vite");
    const devServer = await vite.createServer({ server: { middlewareMode: true } });
    before.push(devServer.middlewares);
    build = () => devServer.ssrLoadModule("virtual:remix/server-build") as Promise<ServerBuild>;
  }
  if (routeMatching !== "patched") logger.warn("route matching is not memoised", { reason: routeMatching });
  const jobs = createJobs(handle.executeSql, env);
  jobs.boss.on("error", (error) => logger.error("job queue error", { error }));
  await startJobs(jobs, env);
  if (env.JOBS_IN_PROCESS) await registerWorkers(jobs, { db: handle.db, env, logger });

  const hub = await startHub(handle, logger);
  const timeZones = await loadTimeZones(handle);

  const expected = expectedMigrationCount();
  const inFlight = createInFlight();
  const app = createApp({
    build,
    db: handle.db,
    jobs,
    hub,
    inFlight,
    timeZones,
    env,
    logger,
    isProduction: env.isProduction,
    publicUrl: env.PUBLIC_URL,
    allowedOrigins: env.ALLOWED_ORIGINS.split(",")
      .map((s) => s.trim())
      .filter(Boolean),
    trustProxy: env.TRUST_PROXY,
    tileUrl: env.TILE_URL,
    clientDir,
    before,
    readiness: async () => {
      await handle.executeSql("select 1", []);
      const applied = await appliedMigrationCount(handle);
      return { ok: applied >= expected, detail: { database: handle.driver, migrations: { applied, expected } } };
    },
  });
  let handler = app;
  if (options.extraRoutes) {
    const express = (await import("express")).default;
    handler = express();
    options.extraRoutes(handler);
    handler.use(app);
  }
  const server = http.createServer(handler);
  server.on("clientError", answerClientError);
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? env.PORT, options.host ?? env.HOST, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? env.HOST;
  const url = `http://${host === "0.0.0.0" ? "localhost" : host}:${port}`;

  return {
    url,
    server,
    jobs,
    hub,
    inFlight,
    drain: (timeoutMs) =>
      new Promise<void>((resolve) => {
        // Open event streams would hold the server open until the timeout: end them first (browsers
        // reconnect, to another process or to this one when it is back).
        void hub.close().catch((error) => logger.warn("realtime: close failed", { error }));
        const force = setTimeout(() => {
          logger.warn("shutdown timeout: closing remaining connections");
          server.closeAllConnections();
        }, timeoutMs);
        force.unref();
        const started = Date.now();
        server.close(() => {
          clearTimeout(force);
          const left = Math.max(1000, timeoutMs - (Date.now() - started));
          void Promise.all([
            // Workers finish the job in hand; its state is in the database either way.
            jobs.stop(Math.min(left, 5000)).then((stopped) => {
              if (!stopped) logger.warn("shutdown: a job was still running after the timeout");
            }),
            // A handler whose client left runs on, as does work begun after a response: the caller
            // closes the database next, and their queries would fail against a closed pool.
            inFlight.settled(left).then((settled) => {
              if (!settled) logger.warn("shutdown: work still running after the timeout", { running: inFlight.size });
            }),
          ]).then(() => resolve());
        });
        server.closeIdleConnections();
      }),
  };
}
