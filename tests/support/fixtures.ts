// Test data made through the real domain functions (never by stubbing them).
import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { smsPreferences, users, type UserRole } from "~db/schema";
import type { Database } from "~db/client";
import { createAccount } from "~/auth/accounts.server";

export const TEST_PASSWORD = "correct horse battery";

let counter = 0;
export async function makeUser(db: Database, role: UserRole, overrides: { name?: string; email?: string } = {}) {
  counter += 1;
  const email = overrides.email ?? `${role}-${counter}-${randomBytes(3).toString("hex")}@example.test`;
  const result = await createAccount(db, {
    role,
    name: overrides.name ?? `${role} ${counter}`,
    email,
    password: TEST_PASSWORD,
    phone: `+861380013${String(8000 + counter).padStart(4, "0")}`,
    locale: "en",
  });
  if (!result.ok) throw new Error(`fixture user ${email} exists`);
  return { id: result.userId, email, role };
}

/**
 * Gives a user a verified phone. Quiet hours (22:00–08:00 in Shanghai) are off unless asked for:
 * otherwise a delivery test would pass in the morning and wait until 08:00 when run in the evening.
 */
export async function giveVerifiedPhone(
  db: Database,
  userId: string,
  phone: string,
  { locale = "en", quietHours = false }: { locale?: "en" | "zh-CN"; quietHours?: boolean } = {},
) {
  await db.update(users).set({ phone, phoneVerifiedAt: new Date(), locale }).where(eq(users.id, userId));
  await db
    .insert(smsPreferences)
    .values({ userId, quietHours })
    .onConflictDoUpdate({ target: smsPreferences.userId, set: { quietHours } });
}
