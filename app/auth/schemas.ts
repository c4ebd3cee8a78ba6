// Zod schemas for the account forms, shared by the browser (conform) and the server.
// Messages are i18n keys; the UI translates them next to the field.
import { z } from "zod";
import { supportedLocales } from "~/i18n/config";
import { redirectTarget } from "~/http/redirect-target";
import { email as emailField, isTimeZone, password, personName, phone } from "~/validation/text";

const email = emailField();

export const LoginSchema = z.object({
  email,
  password: password(),
  // Any string: the action sends only a same-site path on (safeRedirect, app/http/redirect.ts).
  redirectTo: redirectTarget,
});

export const SignupSchema = z.object({
  role: z.enum(["family", "carer"], { error: "errors.choice" }),
  name: personName(),
  email,
  password: password({ min: 10 }),
  // Shape only here; the server normalises to E.164 with libphonenumber-js (kept out of the browser bundle).
  phone: phone(),
  locale: z.enum(supportedLocales, { error: "errors.choice" }),
  // The browser's own zone, filled in by the page's script: where the person is. Nothing to correct
  // by hand, so a missing or unknown one is dropped (the phone's country then gives the zone).
  timeZone: z
    .string()
    .optional()
    .catch(undefined)
    .transform((zone) => (zone && isTimeZone(zone) ? zone : undefined)),
});

export type SignupInput = z.infer<typeof SignupSchema>;
