// The demo city (Hangzhou): a known account for every role, so a new checkout has something to log in as.
import { sql } from "drizzle-orm";
import { users } from "../schema";
import type { Database } from "../client";
import { hashPassword } from "../../app/auth/password.server";

export const DEMO_PASSWORD = "kinvisit-demo";

export const demoAccounts = [
  { email: "admin@kinvisit.test", name: "Admin 管理员", role: "admin", phone: "+8613800138000", locale: "en" },
  { email: "family.a@kinvisit.test", name: "Li Wei 李伟", role: "family", phone: "+8613800138001", locale: "en" },
  { email: "family.b@kinvisit.test", name: "陈静 Chen Jing", role: "family", phone: "+8613800138002", locale: "zh-CN" },
  { email: "carer.x@kinvisit.test", name: "王芳 Wang Fang", role: "carer", phone: "+8613800138003", locale: "zh-CN" },
  { email: "carer.y@kinvisit.test", name: "Zhang Min 张敏", role: "carer", phone: "+8613800138004", locale: "en" },
] as const;

export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const rows = await db.select({ one: sql<number>`1` }).from(users).limit(1);
  return rows.length === 0;
}

/** Deletes every row of every app table (not the migrations table). */
export async function truncateAll(db: Database): Promise<void> {
  await db.execute(sql`truncate table users, sessions, rate_limits restart identity cascade`);
}

export async function seedDemoCity(db: Database): Promise<{ accounts: typeof demoAccounts }> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .insert(users)
      .values(demoAccounts.map((a) => ({ ...a, passwordHash, phoneVerifiedAt: now })))
      .onConflictDoNothing({ target: users.email });
  });
  return { accounts: demoAccounts };
}
