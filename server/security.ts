// HTTP hardening: CSP with a per-request nonce, and the Origin check every non-GET request must pass.
import { randomBytes } from "node:crypto";
import type { RequestHandler } from "express";
import { sendPlainAnswer } from "./plain-answers";
import { normalisedPath } from "./request-guards";

export function securityHeaders({ isProduction, tileUrl }: { isProduction: boolean; tileUrl: string }): RequestHandler {
  let tileOrigin = "";
  try {
    tileOrigin = new URL(tileUrl.replace(/\{[a-z]\}/g, "a")).origin;
  } catch {
    tileOrigin = "";
  }
  return (_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    res.locals.cspNonce = nonce;
    const directives = [
      "default-src 'self'",
      // Vite's dev server injects inline modules without a nonce; production pins scripts to the nonce.
      isProduction ? `script-src 'self' 'nonce-${nonce}'` : "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
      "style-src 'self' 'unsafe-inline'", // Leaflet positions tiles with inline styles
      `img-src 'self' data: blob: ${tileOrigin}`.trim(),
      isProduction ? "connect-src 'self'" : "connect-src 'self' ws: wss:",
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ];
    res.setHeader("Content-Security-Policy", directives.join("; "));
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    res.setHeader("Permissions-Policy", "geolocation=(self), camera=(), microphone=(), payment=()");
    if (isProduction) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Every state-changing request must carry an Origin we serve: the request's own host, PUBLIC_URL,
 * or one listed in ALLOWED_ORIGINS. Webhooks are exempt; they authenticate by signature. The
 * exemption is judged on the normalised path (server/request-guards.ts), the one the router uses:
 * `/webhooks/../logout` is /logout, and needs an Origin.
 */
export function originCheck({ allowedOrigins }: { allowedOrigins: string[] }): RequestHandler {
  const allowed = new Set(allowedOrigins.map((o) => o.replace(/\/+$/, "")));
  return (req, res, next) => {
    const pathname = (res.locals.pathname as string | undefined) ?? normalisedPath(req);
    if (SAFE_METHODS.has(req.method) || pathname.startsWith("/webhooks/")) return next();
    const origin = req.get("Origin");
    const host = req.get("Host");
    if (origin && ((host && origin === `${req.protocol}://${host}`) || allowed.has(origin))) return next();
    sendPlainAnswer(req, res, 403, "origin");
  };
}
