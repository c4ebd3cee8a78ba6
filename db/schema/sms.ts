// Text messages: every SMS we intend to send, its delivery state, opt-outs, preferences, inbound messages
// and one-time phone codes.
import { sql } from "drizzle-orm";
import {
  boolean,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { userLocale, users } from "./users";
import { bytea } from "./types";

export const smsKind = pgEnum("sms_kind", [
  "verification_code",
  "visit_confirmed",
  "visit_reminder",
  "carer_arrived",
  "carer_left",
  "visit_late",
  "visit_missed",
  "visit_cancelled",
  "chat_message",
  "nearby_job",
  // Visits (migration 0010): the carer's own late alert, a weekly series cancelled at once, and the
  // texts to a parent's own number (the code read out to the family, and "did <carer> visit you?").
  "visit_late_carer",
  "series_cancelled",
  "parent_phone_code",
  "parent_check",
  // Admin (migration 0011): an admin's decision on a disputed visit, to both sides.
  "dispute_resolved",
  // Hardening (issue 14): "someone tried to sign up with your email", to the owner's verified number.
  "account_notice",
]);

/**
 * pending → sending → accepted → sent → delivered | undelivered | failed; or suppressed (never sent).
 * status_rank makes callbacks monotonic: an update applies only if it ranks higher.
 */
export const smsStatus = pgEnum("sms_status", [
  "pending",
  "sending",
  "accepted",
  "sent",
  "delivered",
  "undelivered",
  "failed",
  "suppressed",
]);

export const smsMessages = pgTable(
  "sms_messages",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    /** Unique per (event, recipient): a retried event inserts nothing the second time. */
    idempotencyKey: text().notNull(),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    toPhone: text().notNull(),
    kind: smsKind().notNull(),
    locale: userLocale().notNull(),
    params: jsonb().$type<Record<string, string | number>>().notNull(),
    body: text().notNull(),
    segments: smallint().notNull(),
    encoding: text().$type<"GSM-7" | "UCS-2">().notNull(),
    urgent: boolean().notNull(),
    status: smsStatus().notNull().default("pending"),
    statusRank: smallint().notNull().default(0),
    /** Why a message was suppressed or failed: opted_out, unverified, preference, daily_cap, or Twilio's code. */
    errorCode: text(),
    errorMessage: text(),
    twilioSid: text(),
    attempts: integer().notNull().default(0),
    /** An admin's retry of a failed message (app/admin/failed-sms.server.ts): when, and how many. */
    retriedAt: timestamp({ withTimezone: true }),
    retries: integer().notNull().default(0),
    /** Quiet hours: not before this time. */
    sendAfter: timestamp({ withTimezone: true }).notNull().defaultNow(),
    attemptStartedAt: timestamp({ withTimezone: true }),
    acceptedAt: timestamp({ withTimezone: true }),
    deliveredAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("sms_messages_idempotency_key").on(t.idempotencyKey),
    uniqueIndex("sms_messages_twilio_sid").on(t.twilioSid),
    index("sms_messages_user_created_idx").on(t.userId, t.createdAt),
    index("sms_messages_created_idx").on(t.createdAt),
    // The admins' list of failed messages.
    index("sms_messages_failed_idx").on(t.updatedAt).where(sql`${t.status} = 'failed'`),
  ],
);

/** STOP is per number, as carriers and Twilio treat it. */
export const smsOptOuts = pgTable("sms_opt_outs", {
  phone: text().primaryKey(),
  optedOutAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const smsPreferences = pgTable("sms_preferences", {
  userId: uuid()
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  /** Kinds this user turned off. Codes and urgent alerts cannot be turned off. */
  disabledKinds: jsonb().$type<string[]>().notNull().default([]),
  /** Kinds sent only to those who ask for them (new nearby jobs); the rest are on until turned off. */
  optedInKinds: jsonb().$type<string[]>().notNull().default([]),
  quietHours: boolean().notNull().default(true),
  /** When a carer answered "text me new jobs nearby?" (yes or no): the onboarding checklist asks until then. */
  jobTextsAnsweredAt: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const smsInbound = pgTable("sms_inbound", {
  messageSid: text().primaryKey(),
  fromPhone: text().notNull(),
  body: text().notNull(),
  action: text().$type<"opt_out" | "opt_in" | "help" | "none">().notNull(),
  receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

/** verify_parent: a family member confirms a parent's own number (the parent reads the code out). */
export const phoneCodePurpose = pgEnum("phone_code_purpose", ["verify_phone", "login", "verify_parent"]);

export const phoneCodes = pgTable(
  "phone_codes",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    phone: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: phoneCodePurpose().notNull(),
    salt: bytea().notNull(),
    codeHash: bytea().notNull(),
    attempts: smallint().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("phone_codes_phone_purpose_idx").on(t.phone, t.purpose, t.createdAt)],
);

export type SmsMessage = typeof smsMessages.$inferSelect;
export type SmsKind = (typeof smsKind.enumValues)[number];
export type SmsStatus = (typeof smsStatus.enumValues)[number];
