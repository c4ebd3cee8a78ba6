// Zod schemas of the account forms: reset, settings, deletion. Messages are i18n keys.
import { z } from "zod";
import { supportedLocales } from "~/i18n/config";

const password = z
  .string({ error: "errors.required" })
  .min(10, { error: "errors.passwordShort" })
  .max(200, { error: "errors.passwordLong" });
const currentPassword = z.string({ error: "errors.required" }).max(200, { error: "errors.passwordLong" });
const email = z
  .string({ error: "errors.required" })
  .trim()
  .max(254, { error: "errors.email" })
  .pipe(z.email({ error: "errors.email" }))
  .transform((v) => v.toLowerCase());
const code = z
  .string({ error: "errors.code" })
  .trim()
  .regex(/^\d{6}$/, { error: "errors.code" });
const phoneShape = z
  .string({ error: "errors.required" })
  .trim()
  .regex(/^\+?[0-9 ()\-.]{6,24}$/, { error: "errors.phone" });

/**
 * /password/forgot: ask for a code or link (an email address or a mobile number in one field, so
 * the form works for either), then, for a texted code, the code with the new password.
 */
export const ForgotPasswordSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("send"),
    identifier: z
      .string({ error: "errors.required" })
      .trim()
      .min(3, { error: "errors.required" })
      .max(254, { error: "errors.tooLong" }),
  }),
  z.object({ intent: z.literal("reset"), phone: phoneShape, code, password }),
]);

export const ResetLinkSchema = z.object({ password });

export const AccountSettingsSchema = z.discriminatedUnion("intent", [
  z.object({
    intent: z.literal("name"),
    name: z
      .string({ error: "errors.required" })
      .trim()
      .min(1, { error: "errors.required" })
      .max(100, { error: "errors.nameLong" }),
  }),
  z.object({ intent: z.literal("email"), email, currentPassword }),
  z.object({ intent: z.literal("password"), currentPassword, newPassword: password }),
  z.object({ intent: z.literal("language"), locale: z.enum(supportedLocales, { error: "errors.choice" }) }),
]);

export const DeleteAccountSchema = z.object({
  currentPassword,
  confirm: z.literal("on", { error: "account.delete.confirmRequired" }),
});

export const JobTextsSchema = z.object({ jobTexts: z.enum(["on", "off"], { error: "errors.choice" }) });
