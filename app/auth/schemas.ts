// Zod schemas for the account forms, shared by the browser (conform) and the server.
// Messages are i18n keys; the UI translates them next to the field.
import { z } from "zod";
import { supportedLocales } from "~/i18n/config";

const email = z
  .string({ error: "errors.required" })
  .trim()
  .max(254, { error: "errors.email" })
  .pipe(z.email({ error: "errors.email" }))
  .transform((v) => v.toLowerCase());

export const LoginSchema = z.object({
  email,
  password: z.string({ error: "errors.required" }).max(200, { error: "errors.passwordLong" }),
  redirectTo: z.string().optional(),
});

export const SignupSchema = z.object({
  role: z.enum(["family", "carer"], { error: "errors.choice" }),
  name: z
    .string({ error: "errors.required" })
    .trim()
    .min(1, { error: "errors.required" })
    .max(100, { error: "errors.nameLong" }),
  email,
  password: z
    .string({ error: "errors.required" })
    .min(10, { error: "errors.passwordShort" })
    .max(200, { error: "errors.passwordLong" }),
  // Shape only here; the server normalises to E.164 with libphonenumber-js (kept out of the browser bundle).
  phone: z
    .string({ error: "errors.required" })
    .trim()
    .regex(/^\+?[0-9 ()\-.]{6,24}$/, { error: "errors.phone" }),
  locale: z.enum(supportedLocales, { error: "errors.choice" }),
});

export type SignupInput = z.infer<typeof SignupSchema>;
