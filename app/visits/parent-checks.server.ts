// The parent's own word, answered: a reply on the inbound webhook answers the latest open question
// sent to that number (parent-ask.server.ts asks it). A reply from any other number matches nothing
// and changes nothing; a "no" opens a dispute.
import { and, desc, eq, gte, isNull } from "drizzle-orm";
import { disputes, parentChecks, parents } from "~db/schema";
import type { SystemReason } from "./visit-status";
import type { Database } from "~/db.server";
import type { SmsLocale } from "~/sms/templates";
import { recordVisitEvent } from "./events.server";
import { ANSWER_WINDOW_MS, readParentAnswer } from "./parent-check";
import { fire, lockVisit, type VisitEffects } from "./transitions.server";

/** A dispute opened by the parent's "no" has no user behind it; admins read this code. */
export const PARENT_SAID_NO = "parent_said_no" satisfies SystemReason;

export type ParentAnswer = { answer: "yes" | "no"; visitId: string; locale: SmsLocale };

/**
 * Answers the latest open question sent to `from` in the last week, in the inbound message's
 * transaction (a replayed webhook is recorded once before this runs). Null when the text is not
 * an answer or no question waits for this number.
 */
export async function answerParentCheck(
  tx: Database,
  effects: VisitEffects,
  message: { from: string; body: string },
  now: Date,
): Promise<ParentAnswer | null> {
  const answer = readParentAnswer(message.body);
  if (!answer) return null;
  const [open] = await tx
    .select({ visitId: parentChecks.visitId })
    .from(parentChecks)
    .where(
      and(
        eq(parentChecks.phone, message.from),
        isNull(parentChecks.answer),
        gte(parentChecks.sentAt, new Date(now.getTime() - ANSWER_WINDOW_MS)),
      ),
    )
    .orderBy(desc(parentChecks.sentAt))
    .limit(1);
  if (!open) return null;
  const visit = await lockVisit(tx, open.visitId);
  if (!visit) return null;
  const [answered] = await tx
    .update(parentChecks)
    .set({ answer, answeredAt: now })
    .where(and(eq(parentChecks.visitId, open.visitId), isNull(parentChecks.answer)))
    .returning({ visitId: parentChecks.visitId });
  if (!answered) return null;
  await recordVisitEvent(tx, effects, visit, { reason: "parent_answered", data: { answer, by: "parent" } }, now);
  if (answer === "no") {
    // Disputed if the visit can still be (completed, confirmed, missed); an open dispute stays as it is.
    const fired = await fire(
      tx,
      effects,
      visit,
      "dispute",
      { kind: "system", userId: null },
      { reason: PARENT_SAID_NO },
      now,
    );
    if (fired.ok)
      await tx.insert(disputes).values({ visitId: visit.id, openedBy: null, reason: PARENT_SAID_NO, createdAt: now });
  }
  const [parent] = await tx.select({ locale: parents.smsLocale }).from(parents).where(eq(parents.id, visit.parentId));
  return { answer, visitId: visit.id, locale: parent?.locale ?? "zh-CN" };
}
