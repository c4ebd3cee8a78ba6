// The one place a redirect target that came from input is judged (docs/decisions/014-…). Browsers
// drop tabs and line breaks inside a URL and read "\" as "/", so "/\t/evil.example" is
// "//evil.example", another site; a CR or LF in a Location header is a 500 in the Fetch API. So: a
// path on this site, without any whitespace, control character or backslash, that still resolves to
// this origin; anything else is the fallback.

const ORIGIN = "http://kinvisit.invalid";
const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;

/** `to` when it is a same-site path, else `fallback`. */
export function safeRedirect(to: unknown, fallback = "/"): string {
  if (typeof to !== "string" || to.length === 0 || to.length > 2000) return fallback;
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
