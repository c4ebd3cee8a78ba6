// The one entry point for sending an SMS: records it (idempotent per event and recipient) and enqueues
// its delivery in the caller's transaction. Decides here what is never sent (opt-outs, unverified
// numbers, turned-off kinds) and when (quiet hours).
import { and, desc, eq } from "drizzle-orm";
import { smsMessages, smsOptOuts, type SmsKind } from "~db/schema";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import { QUEUES, type Jobs } from "~/jobs/jobs.server";
import { smsSettingsOf } from "./preferences.server";
import { releaseTime } from "./quiet-hours";
import { OPT_IN_KINDS, renderSms, URGENT_KINDS } from "./templates";

export interface SmsRequest {
  /** Names the event; with the recipient it makes the idempotency key. */
  event: string;
  kind: SmsKind;
  userId: string;
  params: Record<string, string | number>;
  /** Codes may go to a number the user is verifying, not yet on the account. */
  phone?: string;
}

export type QueueResult =
  | { status: "queued"; id: string; sendAfter: Date }
  | { status: "suppressed"; id: string; reason: string }
  | { status: "duplicate"; id: string };

export async function queueSms(
  db: Database,
  jobs: Jobs,
  env: Env,
  request: SmsRequest,
  now = new Date(),
): Promise<QueueResult> {
  const recipient = await smsSettingsOf(db, request.userId, { phone: request.phone });
  if (!recipient) throw new Error(`queueSms: no user ${request.userId}`);

  const phone = request.phone ?? recipient.phone;
  const urgent = URGENT_KINDS.has(request.kind);
  let suppressed: string | null = null;
  if (recipient.optedOutAt) suppressed = "opted_out";
  else if (request.kind !== "verification_code" && (!recipient.verifiedAt || phone !== recipient.phone))
    suppressed = "unverified";
  else if (!urgent && recipient.disabledKinds?.includes(request.kind)) suppressed = "preference";
  else if (OPT_IN_KINDS.has(request.kind) && !recipient.optedInKinds?.includes(request.kind)) suppressed = "preference";

  const rendered = renderSms(request.kind, recipient.locale, request.params, env.PUBLIC_URL);
  const sendAfter = releaseTime(now, recipient.timeZone, { urgent, quietHours: recipient.quietHours ?? true });
  const [row] = await db
    .insert(smsMessages)
    .values({
      idempotencyKey: `${request.event}:${request.userId}`,
      userId: request.userId,
      toPhone: phone,
      kind: request.kind,
      locale: recipient.locale,
      params: request.params,
      body: rendered.body,
      segments: rendered.segments,
      encoding: rendered.encoding,
      urgent,
      sendAfter,
      status: suppressed ? "suppressed" : "pending",
      statusRank: suppressed ? 4 : 0,
      errorCode: suppressed,
    })
    .onConflictDoNothing({ target: smsMessages.idempotencyKey })
    .returning({ id: smsMessages.id });
  if (!row) {
    const [existing] = await db
      .select({ id: smsMessages.id })
      .from(smsMessages)
      .where(eq(smsMessages.idempotencyKey, `${request.event}:${request.userId}`));
    return { status: "duplicate", id: existing!.id };
  }
  if (suppressed) return { status: "suppressed", id: row.id, reason: suppressed };
  await jobs.send(db, QUEUES.smsSend, { messageId: row.id }, { startAfter: sendAfter });
  return { status: "queued", id: row.id, sendAfter };
}

export async function isOptedOut(db: Database, phone: string): Promise<boolean> {
  const rows = await db
    .select({ phone: smsOptOuts.phone })
    .from(smsOptOuts)
    .where(eq(smsOptOuts.phone, phone))
    .limit(1);
  return rows.length > 0;
}

/** Development outbox: the latest messages, newest first. */
export async function recentMessages(db: Database, limit = 100) {
  return db
    .select({
      id: smsMessages.id,
      toPhone: smsMessages.toPhone,
      kind: smsMessages.kind,
      body: smsMessages.body,
      status: smsMessages.status,
      errorCode: smsMessages.errorCode,
      segments: smsMessages.segments,
      encoding: smsMessages.encoding,
      sendAfter: smsMessages.sendAfter,
      createdAt: smsMessages.createdAt,
    })
    .from(smsMessages)
    .orderBy(desc(smsMessages.createdAt))
    .limit(limit);
}

export async function messagesForUser(db: Database, userId: string, kind?: SmsKind) {
  return db
    .select()
    .from(smsMessages)
    .where(kind ? and(eq(smsMessages.userId, userId), eq(smsMessages.kind, kind)) : eq(smsMessages.userId, userId))
    .orderBy(desc(smsMessages.createdAt));
}
