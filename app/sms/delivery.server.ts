// Delivers one recorded SMS through Twilio, exactly once even if this process dies mid-send:
// the attempt is marked 'sending' before the API call, and an attempt found still 'sending'
// (we never learned Twilio's answer) is reconciled against Twilio's message list before any resend.
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { smsMessages, smsOptOuts, type SmsMessage } from "~db/schema";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import type { Logger } from "~/logger.server";
import { classifyTwilioError, senderFields, type TwilioClient } from "./twilio.server";

export interface DeliveryDeps {
  db: Database;
  env: Env;
  logger: Logger;
  /** null: no Twilio settings, so messages go to the development outbox. */
  twilio: TwilioClient | null;
}

export type DeliveryOutcome =
  | "accepted"
  | "reconciled"
  | "outbox"
  | "already_done"
  | "suppressed"
  | "failed"
  | "missing";

/** Thrown for a transient failure so the queue retries with backoff. */
export class RetryableSmsError extends Error {}

const DONE = new Set(["accepted", "sent", "delivered", "undelivered", "failed", "suppressed"]);

export function statusCallbackUrl(env: Env, messageId: string): string {
  const url = new URL("/webhooks/twilio/status", env.PUBLIC_URL);
  url.searchParams.set("m", messageId);
  return url.toString();
}

async function finish(db: Database, id: string, values: Partial<SmsMessage>) {
  await db
    .update(smsMessages)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(smsMessages.id, id));
}

/** Marks accepted unless a status callback already moved it further (it may arrive first). */
async function markAccepted(db: Database, id: string, sid: string) {
  await db
    .update(smsMessages)
    .set({
      twilioSid: sid,
      status: sql`case when ${smsMessages.statusRank} < 2 then 'accepted'::sms_status else ${smsMessages.status} end`,
      statusRank: sql`greatest(${smsMessages.statusRank}, 2)`,
      acceptedAt: sql`coalesce(${smsMessages.acceptedAt}, now())`,
      errorCode: null,
      errorMessage: null,
      updatedAt: new Date(),
    })
    .where(eq(smsMessages.id, id));
}

/** Looks for a message Twilio accepted for this row during an attempt whose answer we lost. */
async function reconcile(deps: DeliveryDeps, row: SmsMessage): Promise<string | null> {
  if (!deps.twilio || !row.attemptStartedAt) return null;
  const since = new Date(row.attemptStartedAt.getTime() - 60_000);
  const candidates = await deps.twilio.messages.list({ to: row.toPhone, dateSentAfter: since, limit: 100 });
  const matching = candidates.filter((m) => m.body === row.body && m.dateCreated >= since);
  if (matching.length === 0) return null;
  const known = await deps.db
    .select({ sid: smsMessages.twilioSid })
    .from(smsMessages)
    .where(
      inArray(
        smsMessages.twilioSid,
        matching.map((m) => m.sid),
      ),
    );
  const taken = new Set(known.map((k) => k.sid));
  return matching.find((m) => !taken.has(m.sid))?.sid ?? null;
}

export async function deliverSms(
  deps: DeliveryDeps,
  messageId: string,
  { finalAttempt }: { finalAttempt: boolean },
): Promise<DeliveryOutcome> {
  const { db, env, logger } = deps;
  const [row] = await db.select().from(smsMessages).where(eq(smsMessages.id, messageId)).limit(1);
  if (!row) return "missing";
  if (DONE.has(row.status)) return "already_done";

  const [optOut] = await db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, row.toPhone)).limit(1);
  if (optOut) {
    // STOP arrived after this was queued.
    await finish(db, row.id, { status: "suppressed", statusRank: 4, errorCode: "opted_out" });
    return "suppressed";
  }

  if (row.status === "sending") {
    const sid = await reconcile(deps, row).catch((error: unknown) => {
      throw new RetryableSmsError(`reconcile failed: ${(error as Error).message}`);
    });
    if (sid) {
      await markAccepted(db, row.id, sid);
      logger.info("sms reconciled after a lost answer", { messageId: row.id, sid });
      return "reconciled";
    }
  }

  if (row.attempts === 0) {
    const cap = await consumeRateLimit(
      db,
      `sms:daily:${new Date().toISOString().slice(0, 10)}`,
      env.SMS_DAILY_CAP,
      86_400,
    );
    if (!cap.allowed) {
      await finish(db, row.id, {
        status: "failed",
        statusRank: 4,
        errorCode: "daily_cap",
        errorMessage: "daily SMS cap reached",
      });
      logger.warn("sms daily cap reached", { messageId: row.id, cap: env.SMS_DAILY_CAP });
      return "failed";
    }
  }

  // Claim the attempt before calling Twilio: if we die after this, the next attempt reconciles.
  const claimed = await db
    .update(smsMessages)
    .set({
      status: "sending",
      statusRank: 1,
      attempts: sql`${smsMessages.attempts} + 1`,
      attemptStartedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(and(eq(smsMessages.id, row.id), lt(smsMessages.statusRank, 2)))
    .returning({ id: smsMessages.id });
  if (claimed.length === 0) return "already_done";

  if (!deps.twilio) {
    logger.info("sms (development outbox, not sent)", {
      messageId: row.id,
      to: row.toPhone,
      kind: row.kind,
      body: row.body,
    });
    await finish(db, row.id, { status: "sent", statusRank: 3, acceptedAt: new Date() });
    return "outbox";
  }

  try {
    const message = await deps.twilio.messages.create({
      to: row.toPhone,
      body: row.body,
      statusCallback: statusCallbackUrl(env, row.id),
      ...senderFields(env),
    });
    await markAccepted(db, row.id, message.sid);
    return "accepted";
  } catch (error) {
    const failure = classifyTwilioError(error);
    if (failure.kind === "permanent") {
      await finish(db, row.id, {
        status: "failed",
        statusRank: 4,
        errorCode: failure.code,
        errorMessage: failure.message,
      });
      logger.warn("sms failed permanently", { messageId: row.id, code: failure.code });
      return "failed";
    }
    if (finalAttempt) {
      // With no answer to the last try, Twilio may still have taken it: rank stays low so a later
      // status callback (its URL carries our id) can still record what really happened.
      await finish(
        db,
        row.id,
        failure.ambiguous
          ? {
              status: "failed",
              statusRank: 1,
              errorCode: "unknown_outcome",
              errorMessage: `no answer to the last try: ${failure.message}`,
            }
          : { status: "failed", statusRank: 4, errorCode: failure.code, errorMessage: `gave up: ${failure.message}` },
      );
      logger.error("sms failed after the last retry", { messageId: row.id, code: failure.code });
      return "failed";
    }
    // A clean error answer means Twilio did not take it; a lost answer stays 'sending' for reconciliation.
    if (!failure.ambiguous) {
      await finish(db, row.id, {
        status: "pending",
        statusRank: 0,
        errorCode: failure.code,
        errorMessage: failure.message,
      });
    }
    throw new RetryableSmsError(`${failure.code}: ${failure.message}`);
  }
}
