// The Remix handler for Express, as @remix-run/express builds it (same Request), with our own response
// writer (server/compression.ts) in place of its sendRemixResponse and the `compression` middleware.
import "./route-matching"; // before @remix-run/node: see there
import {
  type AppLoadContext,
  createReadableStreamFromReadable,
  createRequestHandler,
  type ServerBuild,
} from "@remix-run/node";
import type { Request as ExpressRequest, RequestHandler, Response as ExpressResponse } from "express";
import { sendResponse } from "./compression";

export function remixHandler({
  build,
  mode,
  getLoadContext,
  compress,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development";
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  compress: boolean;
}): RequestHandler {
  const handle = createRequestHandler(build, mode);
  return async (req, res, next) => {
    try {
      const request = toFetchRequest(req, res);
      const response = await handle(request, getLoadContext(req, res));
      await sendResponse(req, res, response, { compress });
    } catch (error) {
      next(error);
    }
  };
}

/** @remix-run/express's createRemixRequest (2.17), which that package does not export. */
function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // req.hostname follows "trust proxy" but has no port: take it from X-Forwarded-Host or Host.
  const port = [req.get("X-Forwarded-Host"), req.get("host")]
    .map((h) => Number.parseInt(h?.split(":")[1] ?? "", 10))
    .find((p) => Number.isSafeInteger(p));
  const url = `${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`;
  let controller: AbortController | null = new AbortController();
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    if (!values) continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    init.body = createReadableStreamFromReadable(req);
    init.duplex = "half";
  }
  // Abort loaders and actions when the response can no longer be written (close without finish).
  res.on("finish", () => {
    controller = null;
  });
  res.on("close", () => controller?.abort());
  return new Request(new URL(url).href, init);
}
