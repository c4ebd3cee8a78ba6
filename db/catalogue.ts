// The fixed vocabularies (services, languages and dialects, genders) as plain constants, with no
// database import, so browser code can use them without pulling drizzle into the bundle.

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

export function isServiceKind(value: unknown): value is ServiceKind {
  return typeof value === "string" && (serviceKinds as readonly string[]).includes(value);
}

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

/** The bit of a language in `carers.language_bits`. */
export function languageBit(code: LanguageCode): number {
  return 1 << languageCodes.indexOf(code);
}

/** SQL for the bits of a text[] column of language codes (the generated column's formula). */
export function languageBitsSql(column: string): string {
  return languageCodes.map((code, i) => `(case when '${code}' = any(${column}) then ${1 << i} else 0 end)`).join(" + ");
}

export function isLanguageCode(value: string): value is LanguageCode {
  return (languageCodes as readonly string[]).includes(value);
}
