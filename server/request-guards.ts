// What every request passes before routing (docs/decisions/014-request-bodies-and-redirects.md):
// - a method other than GET, HEAD and POST is a 405 (pages are read, forms and webhooks post; the
//   Fetch Request that Remix needs cannot even be made for TRACE, which answered 500);
// - a path that does not decode (malformed percent-encoding, overlong or surrogate UTF-8) or that
//   holds a NUL, and a query with a NUL, are a 400; no loader ever sees them;
// - a Host (or, behind a trusted proxy, X-Forwarded-Host) that is not a bare name or address with a
//   port is a 400: the Fetch Request for Remix is built from it. One that made no URL (`evil:99999`,
//   `[::1`, `a b`) threw (a 500 and a stack); one with a path (`a/login?_data=x#`) moved the path
//   Remix routes away from the one these guards checked; one with user info (`x@localhost`) threw
//   later, in the Request's constructor;
// - a query with `_data` is a 400: it is how Remix v1 fetched data, which single fetch refuses with an
//   error-level log line and a stack (and a 500 for some routes), so anyone could flood the log;
// - the path every later check uses is the normalised one (dot segments resolved as the URL parser
//   and Remix resolve them), kept in res.locals.pathname;
// - a body declared larger than its path's cap is a 413 before a byte is read; a body that streams
//   past the cap is cut off in server/remix-handler.ts (and readFormData caps again).
// Each refusal is in the reader's language (server/plain-answers.ts).
import type { Request as ExpressRequest, RequestHandler } from "express";
import { bodyLimitFor } from "~/http/body-limits";
import { sendPlainAnswer } from "./plain-answers";

const NUL = /%00|\p{Cc}/iu;
/** `_data` as a query parameter's name, however it is spelled in percent-encoding. */
const LEGACY_DATA = /[?&](?:_|%5F)(?:d|%64)(?:a|%61)(?:t|%74)(?:a|%61)(?:[=&]|$)/i;

/** A DNS name (labels of letters, digits, `-` and `_`) or an IP address: nothing else makes a host. */
const HOST_NAME =
  /^(?:[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)(?:\.[a-z0-9_](?:[a-z0-9_-]*[a-z0-9_])?)*\.?$|^\[[0-9a-f:.]+\]$/i;

/** The methods the app answers after this guard (/healthz and /readyz come before it). */
export const ALLOWED_METHODS = ["GET", "HEAD", "POST"] as const;
const allowed = new Set<string>(ALLOWED_METHODS);

/** The path as the router will see it: dot segments resolved, percent-encoding kept. */
export function normalisedPath(req: ExpressRequest): string {
  return new URL(req.originalUrl || req.url, "http://localhost").pathname;
}

/**
 * The port of a Host value (`name:8080`, `[::1]:8080`), or null when it names none (a bracketed IPv6
 * address holds colons). Throws on a port that is not one (`name:99999`, `name:x`, `name:1:2`).
 */
export function portOfHost(host: string | undefined): number | null {
  const match = host?.trim().match(/^(\[[^\]]*\]|[^:]*)(?::(.*))?$/);
  if (!host || match?.[2] === undefined) {
    if (host && !match) throw new TypeError("not a host");
    return null;
  }
  const port = /^\d{1,5}$/.test(match[2]) ? Number(match[2]) : Number.NaN;
  if (!(port > 0 && port < 65536)) throw new TypeError("not a port");
  return port;
}

/**
 * The request's absolute URL, as the Fetch Request for Remix carries it (@remix-run/express's
 * createRemixRequest). req.hostname has no port, so the port is read from the header Express took the
 * name from: the first X-Forwarded-Host when the proxy is trusted, else Host (an untrusted
 * X-Forwarded-Host changes nothing). Throws when the host makes no URL.
 */
export function requestUrl(req: ExpressRequest): string {
  if (!HOST_NAME.test(req.hostname)) throw new TypeError("not a host name");
  const forwarded = req.get("X-Forwarded-Host");
  const trust = req.app.get("trust proxy fn") as ((address: string | undefined, hop: number) => boolean) | undefined;
  const header = forwarded && trust?.(req.socket.remoteAddress, 0) ? forwarded.split(",")[0] : req.get("host");
  const port = portOfHost(header);
  return new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ""}${req.originalUrl}`).href;
}

export function requestGuards(): RequestHandler {
  return (req, res, next) => {
    if (!allowed.has(req.method)) {
      res.setHeader("Allow", ALLOWED_METHODS.join(", "));
      sendPlainAnswer(req, res, 405, "405");
      return;
    }
    const raw = req.originalUrl || req.url;
    let pathname: string;
    try {
      pathname = normalisedPath(req);
      decodeURIComponent(pathname);
      requestUrl(req);
    } catch {
      sendPlainAnswer(req, res, 400, "400");
      return;
    }
    if (NUL.test(raw) || LEGACY_DATA.test(raw)) {
      sendPlainAnswer(req, res, 400, "400");
      return;
    }
    res.locals.pathname = pathname;
    const limit = bodyLimitFor(pathname);
    res.locals.bodyLimit = limit;
    const declared = Number(req.get("Content-Length") ?? Number.NaN);
    if (Number.isFinite(declared) && declared > limit) {
      res.setHeader("Connection", "close");
      sendPlainAnswer(req, res, 413, "413");
      return;
    }
    next();
  };
}
