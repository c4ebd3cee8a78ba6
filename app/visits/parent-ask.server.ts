// The parent's own word, asked: after a check-out, a text to the parent's confirmed number asks
// whether the carer came. It runs in the check-out's transaction (a side effect of check_out), once
// per visit (parent_checks is keyed by visit). parent-checks.server.ts reads the answer.
import { eq } from "drizzle-orm";
import { parentChecks, parents, users, type Visit } from "~db/schema";
import type { Database } from "~/db.server";
import { releaseTime } from "~/sms/quiet-hours";
import { queueParentSms } from "~/sms/sms.server";
import { recordVisitEvent } from "./events.server";
import { questionDay } from "./parent-check";
import type { VisitEffects } from "./transitions.server";

/** Asks the parent, if the family turned it on and confirmed the number. Runs inside check-out. */
export async function askParent(tx: Database, effects: VisitEffects, visit: Visit, now: Date): Promise<boolean> {
  const [parent] = await tx
    .select({
      phone: parents.phone,
      verifiedAt: parents.phoneVerifiedAt,
      ask: parents.askAfterVisit,
      timeZone: parents.timeZone,
      carerName: users.name,
    })
    .from(parents)
    .innerJoin(users, eq(users.id, visit.carerId))
    .where(eq(parents.id, visit.parentId));
  // Never a text to a number the family has not confirmed.
  if (!parent?.ask || !parent.phone || !parent.verifiedAt) return false;
  const [claimed] = await tx
    .insert(parentChecks)
    .values({ visitId: visit.id, phone: parent.phone, sentAt: now })
    .onConflictDoNothing()
    .returning({ visitId: parentChecks.visitId });
  if (!claimed) return false;
  const sendAt = releaseTime(now, parent.timeZone, { urgent: false, quietHours: true });
  const queued = await queueParentSms(
    tx,
    effects.jobs,
    effects.env,
    {
      event: `parent_check:${visit.id}`,
      kind: "parent_check",
      parentId: visit.parentId,
      params: { carerName: parent.carerName, day: questionDay(parent.timeZone, visit.checkedOutAt ?? now, sendAt) },
    },
    now,
  );
  if (queued.status === "suppressed") {
    // The number replied STOP: no question went out, so none waits for an answer.
    await tx.delete(parentChecks).where(eq(parentChecks.visitId, visit.id));
    return false;
  }
  await recordVisitEvent(tx, effects, visit, { reason: "parent_asked", data: { by: "system" } }, now);
  return true;
}
