// Phone numbers: parsed with libphonenumber-js and stored as E.164. Bare national numbers are read as mainland China.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";
import type { z } from "zod";

/**
 * The number in E.164, or null when it is not a real number. Landlines are refused unless `landline`
 * allows them: an account's number must receive texts, but a parent's home phone or an emergency
 * contact is often a landline, called rather than texted.
 */
export function toE164(input: string, { landline = false }: { landline?: boolean } = {}): string | null {
  const parsed = parsePhoneNumberFromString(input, "CN");
  if (!parsed?.isValid()) return null;
  const type = parsed.getType();
  // Landlines cannot receive SMS; unknown types (some valid ranges) are allowed.
  if (type === "FIXED_LINE" && !landline) return null;
  return parsed.number;
}

/**
 * What is wrong with a mobile number, as the field's message: a landline given with its country code
 * said as one (it was told to add the code it had: a new-user walk), anything else as what a mobile
 * number looks like; null when it is one we can text. Without a country code a number is read as
 * mainland China's, where a UK mobile typed as 07700 900123 reads as a landline: not said to be one.
 */
export function mobileProblem(input: string): "errors.phoneLandline" | "errors.phone" | null {
  if (toE164(input)) return null;
  const parsed = input.trim().startsWith("+") ? parsePhoneNumberFromString(input) : undefined;
  return parsed?.isValid() && parsed.getType() === "FIXED_LINE" ? "errors.phoneLandline" : "errors.phone";
}

/**
 * The country a number belongs to for our rules (the SMS allow-list, the default time zone).
 * Guernsey, Jersey and the Isle of Man share +44 and the UK's mobile networks, and libphonenumber
 * files some UK mobile ranges under them (+44 7911… is "GG"): they count as GB.
 */
export function phoneCountry(e164: string): string | null {
  const country = parsePhoneNumberFromString(e164)?.country ?? null;
  return country === "GG" || country === "JE" || country === "IM" ? "GB" : country;
}

/** A sensible first time zone for a number's country; the user can change it in the text settings. */
const ZONES: Record<string, string> = {
  CN: "Asia/Shanghai",
  HK: "Asia/Hong_Kong",
  MO: "Asia/Macau",
  TW: "Asia/Taipei",
  SG: "Asia/Singapore",
  GB: "Europe/London",
  US: "America/New_York",
  CA: "America/Toronto",
  AU: "Australia/Sydney",
  NZ: "Pacific/Auckland",
};

export function timeZoneForPhone(e164: string): string {
  return ZONES[phoneCountry(e164) ?? ""] ?? "Asia/Shanghai";
}

/**
 * For a form's server schema (a superRefine run even when other fields failed: `{ when: () => true }`):
 * a phone whose shape passed but which `problem` finds wrong gets its message at `path`, so its
 * problem is said with the form's others, in one answer. Checked after the schema, it came in a round
 * of its own (sign-up said the short password, then, once that was fixed, the phone: a phone walk).
 * The browser checks only the shape: libphonenumber's metadata stays on the server.
 */
export function checkPhoneField(
  ctx: z.RefinementCtx,
  phone: unknown,
  path: (string | number)[],
  /** The field's message for a number that is none, or null. */
  problem: (phone: string) => string | null,
): void {
  if (typeof phone !== "string" || !phone) return;
  const at = path.join(".");
  if (ctx.issues.some((issue) => issue.path?.join(".") === at)) return;
  const message = problem(phone);
  if (message) ctx.addIssue({ code: "custom", path, message });
}
