// The one place a redirect target that came from input is judged (docs/decisions/014-…). Browsers
// drop tabs and line breaks inside a URL and read "\" as "/", so "/\t/evil.example" is
// "//evil.example", another site; a CR or LF in a Location header is a 500 in the Fetch API. So: a
// path on this site, without any whitespace, control character or backslash, that still resolves to
// this origin; anything else is the fallback.

import { z } from "zod";

const ORIGIN = "http://kinvisit.invalid";
/** The longest redirect target kept: a longer one (a link with a huge query) is dropped, never refused. */
export const REDIRECT_MAX = 2000;

/**
 * A form's hidden `redirectTo`: any string, judged later by safeRedirect. One that is too long or not
 * a string is dropped, so the form still goes through and lands on the fallback (refusing it left
 * the person on a login form that showed no error: the field is hidden).
 */
export const redirectTarget = z.string().max(REDIRECT_MAX).optional().catch(undefined);
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;

/** `to` when it is a same-site path, else `fallback`. */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > REDIRECT_MAX) return fallback;
  if (FORBIDDEN.test(to) || !to.startsWith("/") || to.startsWith("//")) return fallback;
  let url: URL;
  try {
    url = new URL(to, ORIGIN);
  } catch {
    return fallback;
  }
  if (url.origin !== ORIGIN) return fallback;
  const path = url.pathname + url.search + url.hash;
  return path.startsWith("//") ? fallback : path;
}
