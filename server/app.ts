// Builds the Express app around the Remix build: ids, logs, headers, Origin check, health, static files.
// First: it must load @remix-run/router before @remix-run/node does.
import "./route-matching";
import "~/load-context";
import { randomUUID } from "node:crypto";
import type { AppLoadContext, ServerBuild } from "@remix-run/node";
import express, { type ErrorRequestHandler } from "express";
import type { Database } from "~db/client";
import type { Env } from "~/env.server";
import type { InFlight } from "~/http/in-flight.server";
import type { Jobs } from "~/jobs/jobs.server";
import type { Logger } from "~/logger.server";
import type { Hub } from "~/realtime/hub.server";
import { remixHandler } from "./remix-handler";
import { sendPlainAnswer } from "./plain-answers";
import { requestGuards } from "./request-guards";
import { originCheck, securityHeaders } from "./security";
import { staticFiles } from "./static-files";

export interface AppOptions {
  build: ServerBuild | (() => Promise<ServerBuild>);
  db: Database;
  jobs: Jobs;
  hub: Hub;
  /** Requests in their handler and tasks after a response: the drain waits for them (server/start.ts). */
  inFlight: InFlight;
  /** The zones the database knows (server/time-zones.ts). */
  timeZones: ReadonlySet<string>;
  env: Env;
  logger: Logger;
  isProduction: boolean;
  publicUrl: string;
  allowedOrigins: string[];
  trustProxy: boolean;
  tileUrl: string;
  /** Static client files (production build); omitted in dev where Vite serves them. */
  clientDir?: string;
  /** Express middleware mounted before the Remix handler (Vite's dev middleware). */
  before?: express.RequestHandler[];
  readiness: () => Promise<{ ok: boolean; detail: Record<string, unknown> }>;
}

const REQUEST_ID = /^[A-Za-z0-9._-]{1,64}$/;

export function createApp(options: AppOptions) {
  const { logger } = options;
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy);

  app.use((req, res, next) => {
    const incoming = req.get("X-Request-Id");
    const requestId = incoming && REQUEST_ID.test(incoming) ? incoming : randomUUID();
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      if (req.path.startsWith("/assets/")) return;
      logger.info("request", {
        reqId: requestId,
        method: req.method,
        path: req.path,
        status: res.statusCode,
        ms: Math.round(ms * 10) / 10,
      });
    });
    next();
  });

  app.use(securityHeaders({ isProduction: options.isProduction, tileUrl: options.tileUrl }));

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  // Ready or not, and nothing more: the driver and the migration counts go to the log, not to
  // whoever asks (the probe is anonymous).
  app.get("/readyz", async (_req, res) => {
    try {
      const { ok, detail } = await options.readiness();
      if (!ok) logger.warn("not ready", detail);
      res.status(ok ? 200 : 503).json({ status: ok ? "ready" : "not ready" });
    } catch (error) {
      logger.warn("readiness check failed", { error });
      res.status(503).json({ status: "not ready" });
    }
  });

  app.use(requestGuards());
  for (const mw of options.before ?? []) app.use(mw);
  // Only the files the build made; a page URL never touches the disk.
  if (options.clientDir) app.use(staticFiles(options.clientDir));

  const publicOrigin = new URL(options.publicUrl).origin;
  app.use(originCheck({ allowedOrigins: [publicOrigin, ...options.allowedOrigins] }));

  app.all(
    "*",
    remixHandler({
      build: options.build,
      mode: options.isProduction ? "production" : "development",
      // Brotli costs too much per request; gzip level 1 runs in zlib's thread pool (see server/compression.ts).
      compress: options.env.COMPRESS_PAGES,
      inFlight: options.inFlight,
      getLoadContext: (req, res): AppLoadContext => {
        // Made when first asked for (a few routes log or stream; every request would pay for an
        // AbortController, its close listener and the DOMException of its abort).
        let requestLogger: AppLoadContext["logger"] | undefined;
        let connection: AbortController | undefined;
        return {
          db: options.db,
          jobs: options.jobs,
          hub: options.hub,
          inFlight: options.inFlight,
          timeZones: options.timeZones,
          env: options.env,
          get logger() {
            requestLogger ??= logger.child({ reqId: res.locals.requestId });
            return requestLogger;
          },
          requestId: res.locals.requestId as string,
          cspNonce: res.locals.cspNonce as string,
          clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown",
          dataRequest: req.path.endsWith(".data"),
          // Held by the response's listener for as long as the connection lives (unlike the signal
          // of the Request a loader receives, which can stop hearing the close: sse.server.ts).
          get connectionClosed() {
            if (!connection) {
              connection = new AbortController();
              const closed = connection;
              if (res.closed) closed.abort();
              else res.once("close", () => closed.abort());
            }
            return connection.signal;
          },
          // Remix's adapter writes without waiting for the socket to drain: a stream measures the
          // socket's own backlog to cut off a client that stopped reading.
          unsentBytes: () => res.writableLength,
        };
      },
    }),
  );

  const onError: ErrorRequestHandler = (error, req, res, _next) => {
    logger.error("unhandled request error", { reqId: res.locals.requestId, error });
    if (res.headersSent) return;
    sendPlainAnswer(req, res, 500, "500", res.locals.requestId);
  };
  app.use(onError);
  return app;
}
