// Zod schemas for the phone-code and SMS-preference forms. Messages are i18n keys.
import { z } from "zod";
import { choiceList, tickBox } from "~/validation/choices";
import { oneTimeCode, phone as phoneField, timeZone } from "~/validation/text";
import { OPTIONAL_KINDS } from "./kinds";

const phone = phoneField();

export const PhoneCodeSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("send"), phone }),
  z.object({
    intent: z.literal("verify"),
    phone,
    code: oneTimeCode(),
  }),
  // Leave the code step to give a different number.
  z.object({ intent: z.literal("change") }),
]);

export const SmsPreferencesSchema = z.object({
  // Only kinds a user may turn off: an unknown value refuses the form (it once saved every kind as off).
  kinds: choiceList(OPTIONAL_KINDS).default([]),
  quietHours: tickBox().optional(),
  timeZone: timeZone(),
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
