// Twilio's calls to us: delivery-status callbacks and inbound messages. Both are signed; both are
// idempotent by MessageSid; a status never moves backwards.
import { and, eq, lt, or, sql } from "drizzle-orm";
import twilio from "twilio";
import { z } from "zod";
import { smsInbound, smsMessages, smsOptOuts, users } from "~db/schema";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import { readFormData } from "~/http/forms.server";
import type { SmsLocale } from "./templates";

/**
 * The common start of both webhooks: POST only, form parameters read through the same capped reader
 * as every form (64 KB, 413 beyond; not a form, or a NUL, is a 400) before the signature is checked,
 * then a valid signature. Returns the parameters, or the response to send instead.
 */
export async function readSignedWebhook(request: Request, env: Env): Promise<Record<string, string> | Response> {
  if (request.method !== "POST") return new Response("Method not allowed", { status: 405 });
  let form: FormData;
  try {
    form = await readFormData(request);
  } catch (refusal) {
    if (refusal instanceof Response) return refusal;
    throw refusal;
  }
  const params: Record<string, string> = {};
  for (const [k, v] of form) {
    if (typeof v !== "string") return new Response("Bad request", { status: 400 });
    params[k] = v;
  }
  if (!hasValidSignature(env, request, params)) return new Response("Forbidden", { status: 403 });
  return params;
}

/** Checks X-Twilio-Signature against PUBLIC_URL + path + query and every posted parameter. */
export function hasValidSignature(env: Env, request: Request, params: Record<string, string>): boolean {
  const signature = request.headers.get("X-Twilio-Signature");
  if (!signature || !env.TWILIO_AUTH_TOKEN) return false;
  const { pathname, search } = new URL(request.url);
  const url = new URL(pathname + search, env.PUBLIC_URL).toString();
  return twilio.validateRequest(env.TWILIO_AUTH_TOKEN, signature, url, params);
}

const sid = z.string().regex(/^(SM|MM)[0-9a-f]{32}$/);

export const StatusCallbackSchema = z.object({
  MessageSid: sid,
  MessageStatus: z.enum([
    "accepted",
    "scheduled",
    "queued",
    "sending",
    "sent",
    "delivered",
    "read",
    "undelivered",
    "failed",
    "canceled",
  ]),
  ErrorCode: z.string().max(10).optional(),
});

const statusMap = {
  accepted: ["accepted", 2],
  scheduled: ["accepted", 2],
  queued: ["accepted", 2],
  sending: ["accepted", 2],
  sent: ["sent", 3],
  delivered: ["delivered", 4],
  read: ["delivered", 4],
  undelivered: ["undelivered", 4],
  failed: ["failed", 4],
  canceled: ["failed", 4],
} as const;

/** Applies a status if it ranks above the stored one; duplicates and late arrivals change nothing. */
export async function applyStatusCallback(
  db: Database,
  { messageId, callback }: { messageId: string | null; callback: z.infer<typeof StatusCallbackSchema> },
): Promise<boolean> {
  const [status, rank] = statusMap[callback.MessageStatus];
  const target = messageId
    ? or(eq(smsMessages.id, messageId), eq(smsMessages.twilioSid, callback.MessageSid))
    : eq(smsMessages.twilioSid, callback.MessageSid);
  const updated = await db
    .update(smsMessages)
    .set({
      status,
      statusRank: rank,
      // The callback may beat our own save of the SID (or replace it after a crash).
      twilioSid: sql`coalesce(${smsMessages.twilioSid}, ${callback.MessageSid})`,
      errorCode: callback.ErrorCode ?? sql`${smsMessages.errorCode}`,
      deliveredAt: status === "delivered" ? new Date() : sql`${smsMessages.deliveredAt}`,
      updatedAt: new Date(),
    })
    .where(
      and(
        target,
        lt(smsMessages.statusRank, rank),
        or(sql`${smsMessages.twilioSid} is null`, eq(smsMessages.twilioSid, callback.MessageSid)),
      ),
    )
    .returning({ id: smsMessages.id });
  return updated.length > 0;
}

export const InboundSchema = z.object({
  MessageSid: sid,
  From: z.string().regex(/^\+[1-9]\d{6,14}$/),
  Body: z.string().max(1600),
});

const STOP = new Set([
  "STOP",
  "STOPALL",
  "UNSUBSCRIBE",
  "CANCEL",
  "END",
  "QUIT",
  "OPTOUT",
  "REVOKE",
  "TD",
  "T",
  "退订",
  "取消",
]);
const START = new Set(["START", "YES", "UNSTOP", "OPTIN", "订阅"]);
const HELP = new Set(["HELP", "INFO", "帮助"]);

export type InboundAction = "opt_out" | "opt_in" | "help" | "none";

export function classifyInbound(body: string): InboundAction {
  const word = body
    .trim()
    .toUpperCase()
    .replace(/[.!。！\s]+$/u, "");
  if (STOP.has(word)) return "opt_out";
  if (START.has(word)) return "opt_in";
  if (HELP.has(word)) return "help";
  return "none";
}

/**
 * Records an inbound message once. Returns null for a replay (already handled). A message that is
 * not STOP, START or HELP goes to `onReply` in the same transaction (a parent answering "did the
 * carer come?"), so its effect happens once with the record, however often Twilio retries.
 */
export async function handleInbound<T>(
  db: Database,
  message: z.infer<typeof InboundSchema>,
  onReply?: (tx: Database, message: z.infer<typeof InboundSchema>) => Promise<T>,
): Promise<{ action: InboundAction; locale: SmsLocale; reply: T | undefined } | null> {
  const action = classifyInbound(message.Body);
  return db.transaction(async (tx) => {
    const [fresh] = await tx
      .insert(smsInbound)
      .values({ messageSid: message.MessageSid, fromPhone: message.From, body: message.Body, action })
      .onConflictDoNothing({ target: smsInbound.messageSid })
      .returning({ sid: smsInbound.messageSid });
    if (!fresh) return null;
    if (action === "opt_out") await tx.insert(smsOptOuts).values({ phone: message.From }).onConflictDoNothing();
    if (action === "opt_in") await tx.delete(smsOptOuts).where(eq(smsOptOuts.phone, message.From));
    const reply = action === "none" && onReply ? await onReply(tx, message) : undefined;
    const [owner] = await tx.select({ locale: users.locale }).from(users).where(eq(users.phone, message.From)).limit(1);
    return { action, locale: owner?.locale ?? "zh-CN", reply };
  });
}

export function twiml(message?: string): Response {
  const escapeXml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  const body = message ? `<Response><Message>${escapeXml(message)}</Message></Response>` : "<Response></Response>";
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>${body}`, {
    headers: { "Content-Type": "text/xml; charset=utf-8" },
  });
}
