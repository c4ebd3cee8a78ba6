// Zod pieces shared by every form that takes a place, a language list or a time zone.
import { z } from "zod";
import { languageCodes } from "~db/catalogue";

export const latitude = z
  .number({ error: "errors.number" })
  .min(-90, { error: "errors.latRange" })
  .max(90, { error: "errors.latRange" });

export const longitude = z
  .number({ error: "errors.number" })
  .min(-180, { error: "errors.lngRange" })
  .max(180, { error: "errors.lngRange" });

export function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value.includes("/") || value === "UTC";
  } catch {
    return false;
  }
}

export const timeZone = z
  .string({ error: "errors.timeZone" })
  .max(64, { error: "errors.timeZone" })
  .refine(isTimeZone, { error: "errors.timeZone" });

export { commonTimeZones } from "./time-zone";

export const languages = z
  .array(z.enum(languageCodes, { error: "errors.choice" }), { error: "errors.choice" })
  .max(languageCodes.length, { error: "errors.tooMany" })
  .default([]);

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: "errors.tooLong" })
    .optional()
    .transform((v) => v ?? "");
