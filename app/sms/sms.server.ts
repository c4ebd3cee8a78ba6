// The one entry point for sending an SMS: records it (idempotent per event and recipient) and enqueues
// its delivery in the caller's transaction; queueParentSms is its twin for a parent's own number. Decides here what is never sent (opt-outs, unverified
// numbers, turned-off kinds) and when (quiet hours).
import { and, desc, eq } from "drizzle-orm";
import { parents, smsMessages, smsOptOuts, type SmsKind } from "~db/schema";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import { QUEUES, type Jobs } from "~/jobs/jobs.server";
import { smsSettingsOf } from "./preferences.server";
import { releaseTime } from "./quiet-hours";
import { OPT_IN_KINDS, renderSms, type SmsLocale, URGENT_KINDS } from "./templates";

export interface SmsRequest {
  /** Names the event; with the recipient it makes the idempotency key. */
  event: string;
  kind: SmsKind;
  userId: string;
  params: Record<string, string | number>;
  /** Codes may go to a number the user is verifying, not yet on the account. */
  phone?: string;
  /** The latest quiet hours may hold it: the moment it is about (a reminder's visit, less a margin). */
  latest?: Date;
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
  // An account marked for deletion gets codes only (to log in and keep it), nothing else (ADR 021).
  else if (recipient.deletionRequestedAt && request.kind !== "verification_code") suppressed = "account_closing";
  else if (request.kind !== "verification_code" && (!recipient.verifiedAt || phone !== recipient.phone))
    suppressed = "unverified";
  else if (!urgent && recipient.disabledKinds?.includes(request.kind)) suppressed = "preference";
  else if (OPT_IN_KINDS.has(request.kind) && !recipient.optedInKinds?.includes(request.kind)) suppressed = "preference";

  return record(db, jobs, env, {
    key: `${request.event}:${request.userId}`,
    userId: request.userId,
    phone,
    kind: request.kind,
    locale: recipient.locale,
    params: request.params,
    urgent,
    sendAfter: releaseTime(now, recipient.timeZone, {
      urgent,
      quietHours: recipient.quietHours ?? true,
      latest: request.latest,
    }),
    suppressed,
  });
}

/** A text to a parent's own number: the parent has no account, so no user, no link and no preferences. */
export interface ParentSmsRequest {
  /** Names the event; with the parent it makes the idempotency key. */
  event: string;
  kind: SmsKind;
  parentId: string;
  params: Record<string, string | number>;
}

/**
 * Queues a text to a parent's own number, in the parent's language (`sms_locale`), under the same
 * rules as queueSms: once per event and recipient, never to a number that replied STOP, nothing but
 * the confirmation code to a number the family has not confirmed, and quiet hours in the parent's
 * zone for anything that is not urgent.
 */
export async function queueParentSms(
  db: Database,
  jobs: Jobs,
  env: Env,
  request: ParentSmsRequest,
  now = new Date(),
): Promise<QueueResult> {
  const [parent] = await db
    .select({
      phone: parents.phone,
      verifiedAt: parents.phoneVerifiedAt,
      locale: parents.smsLocale,
      timeZone: parents.timeZone,
      optedOutAt: smsOptOuts.optedOutAt,
    })
    .from(parents)
    .leftJoin(smsOptOuts, eq(smsOptOuts.phone, parents.phone))
    .where(eq(parents.id, request.parentId))
    .limit(1);
  if (!parent?.phone) throw new Error(`queueParentSms: no phone for parent ${request.parentId}`);
  const urgent = URGENT_KINDS.has(request.kind);
  let suppressed: string | null = null;
  if (parent.optedOutAt) suppressed = "opted_out";
  else if (request.kind !== "parent_phone_code" && !parent.verifiedAt) suppressed = "unverified";
  return record(db, jobs, env, {
    key: `${request.event}:parent:${request.parentId}`,
    userId: null,
    phone: parent.phone,
    kind: request.kind,
    locale: parent.locale,
    params: request.params,
    urgent,
    sendAfter: releaseTime(now, parent.timeZone, { urgent, quietHours: true }),
    suppressed,
  });
}

/** Records the message once per key and, unless it is suppressed, enqueues its delivery on `db`. */
async function record(
  db: Database,
  jobs: Jobs,
  env: Env,
  m: {
    key: string;
    userId: string | null;
    phone: string;
    kind: SmsKind;
    locale: SmsLocale;
    params: Record<string, string | number>;
    urgent: boolean;
    sendAfter: Date;
    suppressed: string | null;
  },
): Promise<QueueResult> {
  // Read when it is sent: held by quiet hours, at the end of them.
  const rendered = renderSms(m.kind, m.locale, m.params, env.PUBLIC_URL, m.sendAfter);
  const [row] = await db
    .insert(smsMessages)
    .values({
      idempotencyKey: m.key,
      userId: m.userId,
      toPhone: m.phone,
      kind: m.kind,
      locale: m.locale,
      params: m.params,
      body: rendered.body,
      segments: rendered.segments,
      encoding: rendered.encoding,
      urgent: m.urgent,
      sendAfter: m.sendAfter,
      status: m.suppressed ? "suppressed" : "pending",
      statusRank: m.suppressed ? 4 : 0,
      errorCode: m.suppressed,
    })
    .onConflictDoNothing({ target: smsMessages.idempotencyKey })
    .returning({ id: smsMessages.id });
  if (!row) {
    const [existing] = await db
      .select({ id: smsMessages.id })
      .from(smsMessages)
      .where(eq(smsMessages.idempotencyKey, m.key));
    return { status: "duplicate", id: existing!.id };
  }
  if (m.suppressed) return { status: "suppressed", id: row.id, reason: m.suppressed };
  await jobs.send(db, QUEUES.smsSend, { messageId: row.id }, { startAfter: m.sendAfter });
  return { status: "queued", id: row.id, sendAfter: m.sendAfter };
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
