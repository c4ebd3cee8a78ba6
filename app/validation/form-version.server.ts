// The version a posted form was drawn from (form-version.ts), read with zod.
import { z } from "zod";
import { VERSION_FIELD } from "./form-version";

/** "new" or milliseconds; none (a client of its own, not checked); anything else never matches. */
const PostedVersion = z
  .string()
  .regex(/^(?:new|\d{1,15})$/)
  .optional()
  .catch("unknown");

export function postedVersion(form: FormData): string | undefined {
  return PostedVersion.parse(form.get(VERSION_FIELD) ?? undefined);
}
