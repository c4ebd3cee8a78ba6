// Fixed vocabularies shared by parents, carers and visit requests (services, languages and dialects).
import { pgEnum } from "drizzle-orm/pg-core";

export const serviceKinds = [
  "companionship",
  "errands",
  "meal_prep",
  "medication_reminder",
  "clinic_escort",
  "light_housework",
  "tech_help",
  "walk_exercise",
] as const;
export type ServiceKind = (typeof serviceKinds)[number];
export const serviceKind = pgEnum("service_kind", serviceKinds);

/** Languages and dialects, stored as codes in text[] columns (validated by zod, not an enum, so the list can grow). */
export const languageCodes = [
  "mandarin",
  "cantonese",
  "shanghainese",
  "hangzhounese",
  "wu",
  "hokkien",
  "teochew",
  "hakka",
  "english",
] as const;
export type LanguageCode = (typeof languageCodes)[number];

export const genders = ["female", "male", "other"] as const;
export type Gender = (typeof genders)[number];
export const gender = pgEnum("gender", genders);
