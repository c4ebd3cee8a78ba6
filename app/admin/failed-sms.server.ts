// Failed text messages for admins: the list, with why each failed, and a retry that sends at most
// once however many times it is asked (a double click, two admins at once). The retry claims the
// row (failed → pending, under its lock and only from 'failed') in the transaction that enqueues the
// delivery, so only one claim can win; delivery itself then claims the attempt as it always does
// (app/sms/delivery.server.ts). A message whose last try got no answer goes back to 'sending', not
// 'pending', so delivery first asks Twilio whether it took it, and never sends it twice.
import { desc, eq, sql } from "drizzle-orm";
import { smsMessages, users } from "~db/schema";
import type { Database } from "~/db.server";
import { QUEUES, type Jobs } from "~/jobs/jobs.server";
import { type AdminViewer, recordAudit } from "./audit.server";

export async function failedSms(db: Database, _admin: AdminViewer, limit = 100) {
  const rows = await db
    .select({
      id: smsMessages.id,
      kind: smsMessages.kind,
      toPhone: smsMessages.toPhone,
      userName: users.name,
      body: smsMessages.body,
      errorCode: smsMessages.errorCode,
      errorMessage: smsMessages.errorMessage,
      attempts: smsMessages.attempts,
      retries: smsMessages.retries,
      createdAt: smsMessages.createdAt,
      updatedAt: smsMessages.updatedAt,
    })
    .from(smsMessages)
    .leftJoin(users, eq(users.id, smsMessages.userId))
    .where(eq(smsMessages.status, "failed"))
    .orderBy(desc(smsMessages.updatedAt))
    .limit(limit);
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() }));
}

export type RetryResult = { ok: true } | { ok: false; error: "not_found" | "not_failed" };

export async function retrySms(
  db: Database,
  jobs: Jobs,
  admin: AdminViewer,
  input: { messageId: string; reason: string },
  now: Date,
): Promise<RetryResult> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({
        id: smsMessages.id,
        status: smsMessages.status,
        errorCode: smsMessages.errorCode,
        sendAfter: smsMessages.sendAfter,
      })
      .from(smsMessages)
      .where(eq(smsMessages.id, input.messageId))
      .for("update");
    if (!row) return { ok: false, error: "not_found" };
    // The second click (or admin) waits on the lock above, then finds the row no longer failed.
    if (row.status !== "failed") return { ok: false, error: "not_failed" };
    const unknown = row.errorCode === "unknown_outcome";
    await tx
      .update(smsMessages)
      .set({
        status: unknown ? "sending" : "pending",
        statusRank: unknown ? 1 : 0,
        retriedAt: now,
        retries: sql`${smsMessages.retries} + 1`,
        updatedAt: now,
      })
      .where(eq(smsMessages.id, row.id));
    await jobs.send(tx, QUEUES.smsSend, { messageId: row.id });
    await recordAudit(
      tx,
      admin,
      {
        action: "sms.retry",
        subjectType: "sms",
        subjectId: row.id,
        reason: input.reason,
        data: { previousError: row.errorCode },
      },
      now,
    );
    return { ok: true };
  });
}
