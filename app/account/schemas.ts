// Zod schemas of the account forms: reset, settings, deletion. Messages are i18n keys.
import { z } from "zod";
import { tickBox } from "~/validation/choices";
import { supportedLocales } from "~/i18n/config";
import { timeZone } from "~/geo/schemas";
import {
  email as emailField,
  oneTimeCode,
  password as passwordField,
  personName,
  phone as phoneField,
  singleLine,
} from "~/validation/text";

// The input rules live in one place (app/validation/text.ts, ADR 013): NFC, trimmed, no control,
// bidi or invisible-only text in one-line fields, no NUL anywhere.
const password = passwordField({ min: 10 });
const currentPassword = passwordField();
const email = emailField();
const code = oneTimeCode();
const phoneShape = phoneField();

/**
 * /password/forgot: ask for a code or link (an email address or a mobile number in one field, so
 * the form works for either), then, for a texted code, the code with the new password.
 */
export const ForgotPasswordSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("send"),
    identifier: singleLine(254),
  }),
  z.object({ intent: z.literal("reset"), phone: phoneShape, code, password }),
  // Back to the first step: the number was mistyped, or the text never came.
  z.object({ intent: z.literal("change") }),
]);

export const ResetLinkSchema = z.object({ password });

export const AccountSettingsSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("name"),
    name: personName(),
  }),
  z.object({ intent: z.literal("email"), email, currentPassword }),
  z.object({ intent: z.literal("password"), currentPassword, newPassword: password }),
  z.object({ intent: z.literal("language"), locale: z.enum(supportedLocales, { error: "errors.choice" }) }),
  z.object({ intent: z.literal("timeZone"), timeZone }),
]);

export const DeleteAccountSchema = z.object({
  currentPassword,
  confirm: tickBox("accountBasics.delete.confirmRequired"),
});

export const JobTextsSchema = z.object({ jobTexts: z.enum(["on", "off"], { error: "errors.choice" }) });
