// `npm run admin:create -- --email a@b.c --name "Name" --phone +8613800138000`
// Creates an administrator. The password comes from ADMIN_PASSWORD, or is generated and printed once.
import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { z } from "zod";
import { createAccount } from "~/auth/accounts.server";
import { toE164 } from "~/auth/phone.server";
import { openConfiguredDatabase } from "./lib/open-database";

const { values } = parseArgs({
  options: { email: { type: "string" }, name: { type: "string" }, phone: { type: "string" } },
});
const Args = z.object({
  email: z.email("--email must be an email address"),
  name: z.string("--name is required").trim().min(1).max(100),
  phone: z.string("--phone is required").transform((v, ctx) => {
    const e164 = toE164(v);
    if (!e164) ctx.addIssue({ code: "custom", message: "--phone must be a valid mobile number with country code" });
    return e164 ?? "";
  }),
  password: z.string().min(10, "ADMIN_PASSWORD must be at least 10 characters").optional(),
});
const parsed = Args.safeParse({ ...values, password: process.env.ADMIN_PASSWORD || undefined });
if (!parsed.success) {
  for (const issue of parsed.error.issues) console.error(issue.message);
  console.error('Usage: npm run admin:create -- --email admin@example.com --name "Ada" --phone +8613800138000');
  process.exit(2);
}
const generated = parsed.data.password ? null : randomBytes(12).toString("base64url");
const handle = await openConfiguredDatabase();
const result = await createAccount(handle.db, {
  role: "admin",
  email: parsed.data.email,
  name: parsed.data.name,
  phone: parsed.data.phone,
  password: parsed.data.password ?? generated!,
  locale: "en",
});
await handle.close();
if (!result.ok) {
  console.error(`An account with the email ${parsed.data.email} already exists.`);
  process.exit(1);
}
console.log(`Administrator ${parsed.data.email} created.`);
if (generated) console.log(`Generated password (shown once): ${generated}`);
