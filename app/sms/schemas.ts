// Zod schemas for the phone-code and SMS-preference forms. Messages are i18n keys.
import { z } from "zod";

const phone = z
  .string({ error: "errors.required" })
  .trim()
  .regex(/^\+?[0-9 ()\-.]{6,24}$/, { error: "errors.phone" });

export const PhoneCodeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send"), phone }),
  z.object({
    intent: z.literal("verify"),
    phone,
    code: z
      .string({ error: "errors.code" })
      .trim()
      .regex(/^\d{6}$/, { error: "errors.code" }),
  }),
]);

export const SmsPreferencesSchema = z.object({
  kinds: z.array(z.string()).default([]),
  quietHours: z.literal("on").optional(),
  timeZone: z.string({ error: "errors.timeZone" }).refine(
    (tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    },
    { error: "errors.timeZone" },
  ),
});

/** i18n keys for the reasons a code request or check is refused. */
export type CodeReason =
  | "rate_limited"
  | "country_not_allowed"
  | "daily_cap"
  | "phone_taken"
  | "invalid"
  | "too_many_attempts";

export const codeErrorKey: Record<CodeReason, string> = {
  rate_limited: "errors.codeRateLimited",
  country_not_allowed: "errors.countryNotAllowed",
  daily_cap: "errors.dailyCap",
  phone_taken: "errors.phoneTaken",
  invalid: "errors.codeInvalid",
  too_many_attempts: "errors.codeTooMany",
};
