// The number this browser last asked a login code for (/login/sms), so the code step survives a reload:
// a phone's browser reloads the tab when the user switches to read the text. Kept in the browser, not
// looked up: whether a number has an account stays unknown (ADR 015). Unsigned, as it only decides
// which number the page shows; the code check decides the rest.
import { readCookie, serializeCookie } from "~/auth/cookies.server";
import { toE164 } from "~/auth/phone.server";
import type { Env } from "~/env.server";
import { CODE_TTL_MS } from "~/sms/verification.server";

const SMS_LOGIN_COOKIE = "kv_sms_login";

/** The number a login code was last sent to from this browser, while such a code could still be typed. */
export function loginCodeSentTo(request: Request): string | null {
  const value = readCookie(request, SMS_LOGIN_COOKIE);
  return value ? toE164(value) : null;
}

/** The Set-Cookie that remembers `phone` for as long as its code lives, or forgets it (null). */
export function loginCodeCookie(env: Pick<Env, "isProduction">, phone: string | null): string {
  return serializeCookie(env, SMS_LOGIN_COOKIE, phone ?? "", { maxAgeSeconds: phone ? CODE_TTL_MS / 1000 : 0 });
}
