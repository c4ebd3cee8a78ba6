// The one place a redirect target that came from input is judged (docs/decisions/014-…). Browsers
// drop tabs and line breaks inside a URL and read "\" as "/", so "/\t/evil.example" is
// "//evil.example", another site; a CR or LF in a Location header is a 500 in the Fetch API. So: a
// path on this site, without any whitespace, control character or backslash, that still resolves to
// this origin; anything else is the fallback.

// No zod here: the login and sign-up pages link with withRedirect, and zod is not in their first load.

const ORIGIN = "http://kinvisit.invalid";
/** The longest redirect target kept: a longer one (a link with a huge query) is dropped, never refused. */
export const REDIRECT_MAX = 2000;

const FORBIDDEN = /[\p{Cc}\p{Cf}\p{Z}\s\\]/u;

/** Whether `to` brings a person back to an invitation (the pages on the way say what it is for). */
export const isInvitationPath = (to: string | null | undefined): boolean => Boolean(to?.startsWith("/invitations/"));

/** `path` with `?redirectTo=` when there is a same-site place to come back to. */
export function withRedirect(path: string, to: string | null | undefined): string {
  const back = safeRedirect(to, "");
  return back ? `${path}?${new URLSearchParams({ redirectTo: back })}` : path;
}

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
