// The Remix handler for Express, as @remix-run/express builds it (same Request), with our own response
// writer (server/compression.ts) in place of its sendRemixResponse and the `compression` middleware.
import "./route-matching"; // before @remix-run/node: see there
import {
  type AppLoadContext,
  createReadableStreamFromReadable,
  createRequestHandler,
  type ServerBuild,
} from "@remix-run/node";
import { Transform } from "node:stream";
import type { Request as ExpressRequest, NextFunction, RequestHandler, Response as ExpressResponse } from "express";
import { FORM_MAX_BYTES } from "~/http/body-limits";
import type { InFlight } from "~/http/in-flight.server";
import { sendResponse } from "./compression";
import { plainAnswerFor, sendPlainAnswer } from "./plain-answers";
import { requestUrl } from "./request-guards";

/** A session cookie in either of its names (cookies.server.ts): the request is someone's. */
const SESSION_COOKIE = /(?:^|;\s*)(?:__Host-)?kv_session=[^;\s]/;

/**
 * Never stored: anything answered to a logged-in browser, or that sets a cookie (pages, their
 * `.data` twins, redirects, photos), whatever the route said; and any response whose route said
 * nothing (every page carries a per-request CSP nonce, and an anonymous page can hold private data,
 * such as an invitation).
 */
function noStore(req: ExpressRequest, response: Response): boolean {
  return (
    SESSION_COOKIE.test(req.headers.cookie ?? "") ||
    response.headers.has("Set-Cookie") ||
    !response.headers.has("Cache-Control")
  );
}

/** Passes a body through until it exceeds `limit` bytes, then fails with KV_BODY_TOO_LARGE. */
function byteCap(limit: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > limit) {
        callback(Object.assign(new Error("request body too large"), { code: "KV_BODY_TOO_LARGE" }));
        return;
      }
      callback(null, chunk);
    },
  });
}

export function remixHandler({
  build,
  mode,
  getLoadContext,
  compress,
  inFlight,
}: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: "production" | "development";
  getLoadContext: (req: ExpressRequest, res: ExpressResponse) => AppLoadContext;
  compress: boolean;
  /** Counts each request until its handler is done, and each loader and action until it is. */
  inFlight: InFlight;
}): RequestHandler {
  const tracked =
    typeof build === "function" ? async () => trackedBuild(await build(), inFlight) : trackedBuild(build, inFlight);
  const handle = createRequestHandler(tracked, mode);
  const serve = async (req: ExpressRequest, res: ExpressResponse, next: NextFunction): Promise<void> => {
    try {
      const request = toFetchRequest(req, res);
      const response = await handle(request, getLoadContext(req, res));
      if (sentInReadersLanguage(req, res, response)) return;
      await sendResponse(req, res, response, { compress, noStore: noStore(req, response) });
    } catch (error) {
      next(error);
    }
  };
  return (req, res, next) => void inFlight.track(serve(req, res, next));
}

/**
 * A refusal a resource route wrote as one line of English text ("Not found" for a photo, "An event
 * stream: open it with EventSource."), or Remix's own, sent as every other refusal is: in the reader's
 * language, a small page for a browser (an outside probe read them in English as a zh-CN user). Its
 * status and headers (Retry-After, Cache-Control) stay. Pages and their data have their own.
 */
function sentInReadersLanguage(req: ExpressRequest, res: ExpressResponse, response: Response): boolean {
  const answer = response.status >= 400 ? plainAnswerFor(response.status) : null;
  if (!answer || !response.headers.get("Content-Type")?.startsWith("text/plain")) return false;
  void response.body?.cancel();
  for (const [name, value] of response.headers) {
    if (!["content-type", "content-length", "content-encoding", "content-language"].includes(name))
      res.setHeader(name, value);
  }
  sendPlainAnswer(req, res, response.status, answer);
  return true;
}

/**
 * The build with each loader and action counted in `inFlight` until it settles. When a client leaves,
 * Remix answers at once and leaves the loader running (its next query still to come): the handler
 * alone would say the request is done.
 */
function trackedBuild(build: ServerBuild, inFlight: InFlight): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    if (!route) continue;
    const { loader, action, default: page } = route.module;
    // A resource route's body is no page's data: asked for as `/…/stream.data` (with an event-stream
    // Accept, past the route's own check), a stream opened inside Remix's data answer, which waited on
    // it for ever, holding one of the user's stream places (an outside probe). Photos and exports were
    // read whole into it. 404, before the route's loader runs.
    const ownLoader = loader && !page ? refuseDataRequests(loader) : loader;
    routes[id] = {
      ...route,
      module: {
        ...route.module,
        ...(ownLoader && { loader: (args) => inFlight.track(Promise.resolve(ownLoader(args))) }),
        ...(action && { action: (args) => inFlight.track(Promise.resolve(action(args))) }),
        // A POST to a resource route that only reads (a photo, an export, a stream): Remix answered
        // 405 with `{"message":"Unexpected Server Error"}` (an outside probe). A page has its own.
        ...(!action && !page && loader && { action: refuseMethod }),
      },
    };
  }
  return { ...build, routes };
}

type Loader = NonNullable<ServerBuild["routes"][string]>["module"]["loader"] & {};

function refuseDataRequests(loader: Loader): Loader {
  return (args) => {
    if (args.context.dataRequest) {
      throw new Response("Not found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    }
    return loader(args);
  };
}

/** The 405 of a route that takes no post: said in the reader's language (sentInReadersLanguage). */
function refuseMethod(): never {
  throw new Response("Method not allowed", {
    status: 405,
    headers: { "Content-Type": "text/plain; charset=utf-8", Allow: "GET, HEAD" },
  });
}

/** @remix-run/express's createRemixRequest (2.17), which that package does not export. */
function toFetchRequest(req: ExpressRequest, res: ExpressResponse): Request {
  let controller: AbortController | null = new AbortController();
  const headers = new Headers();
  for (const [key, values] of Object.entries(req.headers)) {
    // The Origin was judged by originCheck (server/security.ts), which knows PUBLIC_URL and
    // ALLOWED_ORIGINS. Remix's own check knows only Host and X-Forwarded-Host (trusted or not), and
    // threw on an allowed origin behind a proxy, or on any X-Forwarded-Host: a 500, not a refusal.
    if (!values || key === "origin") continue;
    if (Array.isArray(values)) for (const value of values) headers.append(key, value);
    else headers.set(key, values);
  }
  const init: RequestInit & { duplex?: "half" } = { method: req.method, headers, signal: controller.signal };
  if (req.method !== "GET" && req.method !== "HEAD") {
    const limit = (res.locals.bodyLimit as number | undefined) ?? FORM_MAX_BYTES;
    const capped = byteCap(limit);
    req.on("error", (error) => capped.destroy(error));
    init.body = createReadableStreamFromReadable(req.pipe(capped));
    init.duplex = "half";
  }
  // Abort loaders and actions when the response can no longer be written (close without finish).
  res.on("finish", () => {
    controller = null;
  });
  res.on("close", () => controller?.abort());
  return new Request(requestUrl(req), init);
}
