// Each user's SMS choices: which optional kinds they get, quiet hours, and their time zone.
import { eq } from "drizzle-orm";
import { smsOptOuts, smsPreferences, users } from "~db/schema";
import type { Database } from "~/db.server";
import { OPTIONAL_KINDS } from "./templates";

export async function getSmsPreferences(db: Database, userId: string) {
  const [row] = await db
    .select({
      timeZone: users.timeZone,
      phone: users.phone,
      disabledKinds: smsPreferences.disabledKinds,
      quietHours: smsPreferences.quietHours,
      optedOutAt: smsOptOuts.optedOutAt,
    })
    .from(users)
    .leftJoin(smsPreferences, eq(smsPreferences.userId, users.id))
    .leftJoin(smsOptOuts, eq(smsOptOuts.phone, users.phone))
    .where(eq(users.id, userId));
  const disabled = new Set(row?.disabledKinds ?? []);
  return {
    timeZone: row?.timeZone ?? "Asia/Shanghai",
    quietHours: row?.quietHours ?? true,
    optedOut: Boolean(row?.optedOutAt),
    kinds: OPTIONAL_KINDS.map((kind) => ({ kind, enabled: !disabled.has(kind) })),
  };
}

export async function saveSmsPreferences(
  db: Database,
  userId: string,
  { enabledKinds, quietHours, timeZone }: { enabledKinds: string[]; quietHours: boolean; timeZone: string },
): Promise<void> {
  const enabled = new Set(enabledKinds);
  const disabledKinds = OPTIONAL_KINDS.filter((k) => !enabled.has(k));
  await db.transaction(async (tx) => {
    await tx
      .insert(smsPreferences)
      .values({ userId, disabledKinds, quietHours, updatedAt: new Date() })
      .onConflictDoUpdate({ target: smsPreferences.userId, set: { disabledKinds, quietHours, updatedAt: new Date() } });
    await tx.update(users).set({ timeZone }).where(eq(users.id, userId));
  });
}
