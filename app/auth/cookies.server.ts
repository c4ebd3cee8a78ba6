// Cookie names and (de)serialisation for the session, language and toast cookies.
import type { Env } from "~/env.server";

type CookieEnv = Pick<Env, "isProduction">;

export function sessionCookieName(env: CookieEnv): string {
  return env.isProduction ? "__Host-kv_session" : "kv_session";
}

const CONTROL = /\p{Cc}/u;

export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        const value = decodeURIComponent(part.slice(eq + 1).trim());
        // A cookie is ours only if we could have set it: no NUL or other control character (a NUL
        // in a session id would reach the database as an error on every page).
        return CONTROL.test(value) ? null : value;
      } catch {
        return null;
      }
    }
  }
  return null;
}

export function serializeCookie(
  env: CookieEnv,
  name: string,
  value: string,
  { maxAgeSeconds, httpOnly = true }: { maxAgeSeconds: number; httpOnly?: boolean },
): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    "Path=/",
    "SameSite=Lax",
    `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`,
  ];
  if (httpOnly) parts.push("HttpOnly");
  if (env.isProduction) parts.push("Secure");
  return parts.join("; ");
}
