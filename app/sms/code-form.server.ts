// The phone-code pages' shared parse and refusal (account number, SMS login): PhoneCodeSchema's form.
import { data } from "@remix-run/node";
import { toE164 } from "~/auth/phone.server";
import { parseWithZod } from "~/http/forms.server";
import { PhoneCodeSchema } from "./schemas";

/**
 * The number a refused code check keeps the code step on screen for: the one posted with the code,
 * even once that code is spent or expired, so the answer says why beside a button for a new code.
 */
function codeStepFor(formData: FormData): string | null {
  return formData.get("intent") === "verify" ? toE164(String(formData.get("phone") ?? "")) : null;
}

/** The parsed form, and the answer that refuses it with the form's errors. */
export function parsePhoneCodeForm(formData: FormData) {
  const submission = parseWithZod(formData, { schema: PhoneCodeSchema });
  const stepFor = codeStepFor(formData);
  const refuse = (
    reply: Parameters<typeof submission.reply>[0],
    { status = 400, retryAfter = null as number | null } = {},
  ) => data({ result: submission.reply(reply), codeStepFor: stepFor, retryAfter }, { status });
  return { submission, refuse };
}
