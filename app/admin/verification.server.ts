// Carer verification: the queue of carers waiting for their checks, and an admin's record of one
// check (ID or background, with the day it was done and a note). A carer is verified once both kinds
// are on record; carers.verified_at is then the day of the latest check, which the badge shows.
import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { carerChecks, carers, users, type CarerCheckKind } from "~db/schema";
import type { Database } from "~/db.server";
import { type AdminViewer, recordAudit } from "./audit.server";

/** Carers not yet verified and not suspended, longest waiting first, with the checks they have. */
export async function verificationQueue(db: Database, _admin: AdminViewer, limit = 100) {
  const rows = await db
    .select({
      id: carers.userId,
      name: users.name,
      email: users.email,
      listed: carers.listed,
      createdAt: carers.createdAt,
    })
    .from(carers)
    .innerJoin(users, eq(users.id, carers.userId))
    .where(and(isNull(carers.verifiedAt), isNull(users.suspendedAt)))
    .orderBy(asc(carers.createdAt))
    .limit(limit);
  const checks = rows.length
    ? await db
        .select({
          carerId: carerChecks.carerId,
          kind: carerChecks.kind,
          checkedOn: carerChecks.checkedOn,
          note: carerChecks.note,
        })
        .from(carerChecks)
        .where(
          inArray(
            carerChecks.carerId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(desc(carerChecks.checkedOn))
    : [];
  return rows.map((r) => ({
    ...r,
    createdAt: r.createdAt.toISOString(),
    checks: checks.filter((c) => c.carerId === r.id).map(({ carerId: _c, ...c }) => c),
  }));
}

export type CheckResult = { ok: true; verified: boolean } | { ok: false; error: "not_a_carer" };

/** Records one check of a carer; null-free: an id that is no carer is a typed refusal. */
export async function recordCarerCheck(
  db: Database,
  admin: AdminViewer,
  input: { carerId: string; kind: CarerCheckKind; checkedOn: string; note: string },
  now: Date,
): Promise<CheckResult> {
  return db.transaction(async (tx) => {
    const [carer] = await tx
      .select({ id: carers.userId })
      .from(carers)
      .where(eq(carers.userId, input.carerId))
      .for("update");
    if (!carer) return { ok: false, error: "not_a_carer" };
    await tx.insert(carerChecks).values({
      carerId: carer.id,
      kind: input.kind,
      checkedOn: input.checkedOn,
      note: input.note,
      checkedBy: admin.id,
      createdAt: now,
    });
    const latest = await tx
      .select({ kind: carerChecks.kind, on: sql<string>`max(${carerChecks.checkedOn})::text` })
      .from(carerChecks)
      .where(eq(carerChecks.carerId, carer.id))
      .groupBy(carerChecks.kind);
    const verified = latest.length === 2;
    // The badge's date is the day of the latest check of either kind, at noon UTC so that it is
    // the same calendar day in every zone we show it in.
    const last = latest
      .map((l) => l.on)
      .sort()
      .at(-1)!;
    await tx
      .update(carers)
      .set({ verifiedAt: verified ? new Date(`${last}T12:00:00Z`) : null, updatedAt: now })
      .where(eq(carers.userId, carer.id));
    await recordAudit(
      tx,
      admin,
      {
        action: "carer.check",
        subjectType: "carer",
        subjectId: carer.id,
        reason: input.note,
        data: { kind: input.kind, checkedOn: input.checkedOn, verified },
      },
      now,
    );
    return { ok: true, verified };
  });
}
