// Delivers one recorded SMS through Twilio, exactly once even if this process dies mid-send:
// the attempt is marked 'sending' before the API call, and an attempt found still 'sending'
// (we never learned Twilio's answer) is reconciled against Twilio's message list before any resend.
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import { smsMessages, smsOptOuts, type SmsMessage } from "~db/schema";
import { consumeRateLimit } from "~/auth/rate-limit.server";
import { type Database, preparedQuery } from "~/db.server";
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
  await preparedQuery(db, "sms_mark_accepted", (db) =>
    db
      .update(smsMessages)
      .set({
        twilioSid: sql`${sql.placeholder("sid")}`,
        status: sql`case when ${smsMessages.statusRank} < 2 then 'accepted'::sms_status else ${smsMessages.status} end`,
        statusRank: sql`greatest(${smsMessages.statusRank}, 2)`,
        acceptedAt: sql`coalesce(${smsMessages.acceptedAt}, now())`,
        errorCode: null,
        errorMessage: null,
        updatedAt: sql`now()`,
      })
      .where(eq(smsMessages.id, sql.placeholder("id")))
      .prepare("sms_mark_accepted"),
  ).execute({ id, sid });
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

export interface DeliveryItem {
  messageId: string;
  /** The queue will not retry after this attempt. */
  finalAttempt: boolean;
}

/** One attempt for one message, as `deliverSmsBatch` makes it for each. */
export async function deliverSms(
  deps: DeliveryDeps,
  messageId: string,
  { finalAttempt }: { finalAttempt: boolean },
): Promise<DeliveryOutcome> {
  const [result] = await deliverSmsBatch(deps, [{ messageId, finalAttempt }]);
  if (result!.status === "rejected") throw result!.reason;
  return result!.value;
}

/**
 * One attempt for each message of a batch the queue handed over. The same steps as for one message,
 * with the reads and the claim made once for the batch (a text took five round trips to the database,
 * now one plus a few per batch): load the rows with their opt-outs, reconcile those still 'sending',
 * count first attempts against the daily cap, claim every attempt before any call to Twilio, then send
 * each and record each answer on its own. A result is rejected with RetryableSmsError when the queue
 * should retry that message.
 */
export async function deliverSmsBatch(
  deps: DeliveryDeps,
  items: DeliveryItem[],
): Promise<PromiseSettledResult<DeliveryOutcome>[]> {
  const { db, env, logger } = deps;
  const rows = await preparedQuery(db, "sms_with_opt_out", (db) =>
    db
      .select({ message: smsMessages, optedOut: smsOptOuts.phone })
      .from(smsMessages)
      .leftJoin(smsOptOuts, eq(smsOptOuts.phone, smsMessages.toPhone))
      .where(sql`${smsMessages.id} = any(${sql.placeholder("ids")}::uuid[])`)
      .prepare("sms_with_opt_out"),
  ).execute({ ids: items.map((i) => i.messageId) });
  const byId = new Map(rows.map((r) => [r.message.id, r]));
  // Settled as they are made: a failure is kept for its message, never left as a rejection nobody awaits.
  type Settled = PromiseSettledResult<DeliveryOutcome>;
  const settle = (outcome: Promise<DeliveryOutcome>): Promise<Settled> =>
    outcome.then(
      (value) => ({ status: "fulfilled", value }),
      (reason: unknown) => ({ status: "rejected", reason }),
    );
  const results = new Map<string, Promise<Settled>>();
  const toSend: SmsMessage[] = [];

  const prepare = async (item: DeliveryItem): Promise<DeliveryOutcome | SmsMessage> => {
    const found = byId.get(item.messageId);
    if (!found) return "missing";
    const row = found.message;
    if (DONE.has(row.status)) return "already_done";
    if (found.optedOut) {
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
    return row;
  };
  const prepared = await Promise.allSettled(items.map(prepare));
  items.forEach((item, i) => {
    const p = prepared[i]!;
    if (p.status === "rejected") results.set(item.messageId, Promise.resolve(p));
    else if (typeof p.value === "string")
      results.set(item.messageId, Promise.resolve({ status: "fulfilled", value: p.value }));
    else toSend.push(p.value);
  });

  // The daily cap counts a message on its first attempt: the batch's first attempts in one update,
  // the ones past the cap (the last of the batch) refused.
  const firsts = toSend.filter((r) => r.attempts === 0);
  let refused = new Set<string>();
  if (firsts.length > 0) {
    const cap = await consumeRateLimit(
      db,
      `sms:daily:${new Date().toISOString().slice(0, 10)}`,
      env.SMS_DAILY_CAP,
      86_400,
      firsts.length,
    );
    const over = Math.min(firsts.length, Math.max(0, cap.count - env.SMS_DAILY_CAP));
    refused = new Set(firsts.slice(firsts.length - over).map((r) => r.id));
    for (const id of refused) {
      results.set(
        id,
        settle(
          finish(db, id, {
            status: "failed",
            statusRank: 4,
            errorCode: "daily_cap",
            errorMessage: "daily SMS cap reached",
          }).then(() => {
            logger.warn("sms daily cap reached", { messageId: id, cap: env.SMS_DAILY_CAP });
            return "failed" as const;
          }),
        ),
      );
    }
  }

  // Claim every attempt before calling Twilio: if we die after this, the next attempt reconciles.
  const claimable = toSend.filter((r) => !refused.has(r.id));
  const claimed = new Set<string>();
  if (claimable.length > 0) {
    const rows = await preparedQuery(db, "sms_claim", (db) =>
      db
        .update(smsMessages)
        .set({
          status: "sending",
          statusRank: 1,
          attempts: sql`${smsMessages.attempts} + 1`,
          attemptStartedAt: sql`now()`,
          updatedAt: sql`now()`,
        })
        .where(and(sql`${smsMessages.id} = any(${sql.placeholder("ids")}::uuid[])`, lt(smsMessages.statusRank, 2)))
        .returning({ id: smsMessages.id })
        .prepare("sms_claim"),
    ).execute({ ids: claimable.map((r) => r.id) });
    for (const r of rows) claimed.add(r.id);
  }
  const finalById = new Map(items.map((i) => [i.messageId, i.finalAttempt]));
  for (const row of claimable) {
    results.set(
      row.id,
      settle(claimed.has(row.id) ? send(deps, row, finalById.get(row.id) ?? false) : Promise.resolve("already_done")),
    );
  }
  return Promise.all(
    items.map((i) => results.get(i.messageId) ?? Promise.resolve({ status: "fulfilled", value: "missing" } as Settled)),
  );
}

/** The Twilio call for a claimed attempt, and what its answer (or its silence) means for the row. */
async function send(deps: DeliveryDeps, row: SmsMessage, finalAttempt: boolean): Promise<DeliveryOutcome> {
  const { db, env, logger } = deps;
  if (!deps.twilio) {
    // The text itself, in `text`: a field named `body` is redacted from every log line (logger.server.ts),
    // which left the outbox's codes unreadable and new accounts unable to verify a phone (a new-user
    // walk). A warning, not info: nothing was sent, and LOG_LEVEL=warn hid it.
    logger.warn("sms (development outbox, not sent)", {
      messageId: row.id,
      to: row.toPhone,
      kind: row.kind,
      text: row.body,
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
