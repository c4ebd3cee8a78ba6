// Phone numbers: parsed with libphonenumber-js and stored as E.164. Bare national numbers are read as mainland China.
import { parsePhoneNumberFromString } from "libphonenumber-js/max";

export function toE164(input: string, defaultCountry: "CN" = "CN"): string | null {
  const parsed = parsePhoneNumberFromString(input, defaultCountry);
  if (!parsed?.isValid()) return null;
  const type = parsed.getType();
  // Landlines cannot receive SMS; unknown types (some valid ranges) are allowed.
  if (type === "FIXED_LINE") return null;
  return parsed.number;
}
