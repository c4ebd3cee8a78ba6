// The number this browser last asked a code for, on the pages an anonymous person types a texted code
// into (/login/sms, /password/forgot), so the code step survives a reload: a phone's browser reloads the
// tab when the user switches to read the text. Kept in the browser, not looked up: whether a number has
// an account stays unknown (ADR 015). Unsigned, as it only decides which number the page shows; the
// code check decides the rest.
import { RESET_CODE_TTL_MS } from "~/account/password-reset.server";
import { readCookie, serializeCookie } from "~/auth/cookies.server";
import { toE164 } from "~/auth/phone.server";
import type { Env } from "~/env.server";
import { CODE_TTL_MS } from "~/sms/verification.server";

export interface CodeStepCookie {
  /** The number a code was last sent to from this browser, while such a code could still be typed. */
  sentTo(request: Request): string | null;
  /** The Set-Cookie that remembers `phone` for as long as its code lives, or forgets it (null). */
  set(env: Pick<Env, "isProduction">, phone: string | null): string;
}

function codeStepCookie(name: string, ttlMs: number): CodeStepCookie {
  return {
    sentTo(request) {
      const value = readCookie(request, name);
      return value ? toE164(value) : null;
    },
    set(env, phone) {
      return serializeCookie(env, name, phone ?? "", { maxAgeSeconds: phone ? ttlMs / 1000 : 0 });
    },
  };
}

export const loginCodeStep = codeStepCookie("kv_sms_login", CODE_TTL_MS);
export const resetCodeStep = codeStepCookie("kv_reset_code", RESET_CODE_TTL_MS);
