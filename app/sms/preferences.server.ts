// Each user's SMS choices: which optional kinds they get, quiet hours, and their time zone.
import { eq } from "drizzle-orm";
import { smsOptOuts, smsPreferences, users } from "~db/schema";
import type { Database } from "~/db.server";
import { CARER_ONLY_KINDS, FAMILY_ONLY_KINDS, OPT_IN_KINDS, OPTIONAL_KINDS } from "./templates";

/**
 * A user's number and everything that decides whether a text reaches it: their choices, and whether
 * that number (or `phone`, when a text goes elsewhere) replied STOP. The one read of the three tables.
 */
export async function smsSettingsOf(db: Database, userId: string, { phone }: { phone?: string } = {}) {
  const [row] = await db
    .select({
      phone: users.phone,
      verifiedAt: users.phoneVerifiedAt,
      locale: users.locale,
      timeZone: users.timeZone,
      role: users.role,
      deletionRequestedAt: users.deletionRequestedAt,
      disabledKinds: smsPreferences.disabledKinds,
      optedInKinds: smsPreferences.optedInKinds,
      quietHours: smsPreferences.quietHours,
      optedOutAt: smsOptOuts.optedOutAt,
    })
    .from(users)
    .leftJoin(smsPreferences, eq(smsPreferences.userId, users.id))
    .leftJoin(smsOptOuts, eq(smsOptOuts.phone, phone ?? users.phone))
    .where(eq(users.id, userId))
    .limit(1);
  return row ?? null;
}

export async function getSmsPreferences(db: Database, userId: string) {
  const row = await smsSettingsOf(db, userId);
  const disabled = new Set(row?.disabledKinds ?? []);
  const optedIn = new Set(row?.optedInKinds ?? []);
  return {
    timeZone: row?.timeZone ?? "Asia/Shanghai",
    quietHours: row?.quietHours ?? true,
    optedOut: Boolean(row?.optedOutAt),
    kinds: kindsFor(row?.role).map((kind) => ({
      kind,
      enabled: OPT_IN_KINDS.has(kind) ? optedIn.has(kind) : !disabled.has(kind),
    })),
  };
}

/**
 * The optional kinds a role is offered: only texts that role is actually sent (ADR 021). Admins are
 * sent none, so they are offered none.
 */
export function kindsFor(role: string | undefined) {
  if (role === "carer") return OPTIONAL_KINDS.filter((k) => !FAMILY_ONLY_KINDS.has(k));
  if (role === "family") return OPTIONAL_KINDS.filter((k) => !CARER_ONLY_KINDS.has(k));
  return [];
}

export async function saveSmsPreferences(
  db: Database,
  userId: string,
  { enabledKinds, quietHours, timeZone }: { enabledKinds: string[]; quietHours: boolean; timeZone: string },
): Promise<void> {
  const enabled = new Set(enabledKinds);
  const disabledKinds = OPTIONAL_KINDS.filter((k) => !OPT_IN_KINDS.has(k) && !enabled.has(k));
  const optedInKinds = OPTIONAL_KINDS.filter((k) => OPT_IN_KINDS.has(k) && enabled.has(k));
  await db.transaction(async (tx) => {
    await tx
      .insert(smsPreferences)
      // Saving this page answers the carer's "text me new jobs nearby?" (the onboarding checklist).
      .values({
        userId,
        disabledKinds,
        optedInKinds,
        quietHours,
        jobTextsAnsweredAt: new Date(),
        updatedAt: new Date(),
      })
      .onConflictDoUpdate({
        target: smsPreferences.userId,
        set: { disabledKinds, optedInKinds, quietHours, jobTextsAnsweredAt: new Date(), updatedAt: new Date() },
      });
    await tx.update(users).set({ timeZone }).where(eq(users.id, userId));
  });
}
