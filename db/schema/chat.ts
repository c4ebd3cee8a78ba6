// Conversations between one family member and one carer about one parent, their messages, structured
// offers, and the safety records around them (blocks, reports).
import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { serviceKind } from "./catalogue";
import { parents } from "./parents";
import { users } from "./users";
import { visitRequests } from "./visit-requests";

/** What a conversation was opened from, shown as its context card (as Taobao attaches the product). */
export const conversationContext = pgEnum("conversation_context", ["service", "request"]);

export const conversations = pgTable(
  "conversations",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    familyUserId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    carerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    parentId: uuid()
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    contextKind: conversationContext().notNull(),
    contextService: serviceKind(),
    contextRequestId: uuid().references(() => visitRequests.id, { onDelete: "set null" }),
    /**
     * The last message's number. A message takes lastSeq + 1 under this row's lock, so numbers
     * commit in order: a client that resumes after number N can never miss one below it.
     */
    lastSeq: integer().notNull().default(0),
    lastMessageAt: timestamp({ withTimezone: true }),
    /** Read receipts: the last message number each side has seen. */
    familyReadSeq: integer().notNull().default(0),
    carerReadSeq: integer().notNull().default(0),
    /** Unread counts, kept with each message and each read, so the badge needs no count(*). */
    familyUnread: integer().notNull().default(0),
    carerUnread: integer().notNull().default(0),
    /** The last "new message" SMS to each side: at most one per conversation per hour. */
    familyTextedAt: timestamp({ withTimezone: true }),
    carerTextedAt: timestamp({ withTimezone: true }),
    /** Response time: the family's first message and the carer's first reply after it. */
    firstFamilyMessageAt: timestamp({ withTimezone: true }),
    firstCarerReplyAt: timestamp({ withTimezone: true }),
    /**
     * Since when a booking made here stands: null until a visit is booked, and again once every visit
     * booked here is cancelled (transitions.server.ts). While null, contact details in messages are masked.
     */
    bookedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("conversations_people_parent_key").on(t.familyUserId, t.carerId, t.parentId),
    index("conversations_family_recent_idx").on(t.familyUserId, t.lastMessageAt),
    index("conversations_carer_recent_idx").on(t.carerId, t.lastMessageAt),
    index("conversations_request_idx").on(t.contextRequestId),
    index("conversations_carer_first_message_idx").on(t.carerId, t.firstFamilyMessageAt),
  ],
);

export const messageKind = pgEnum("message_kind", ["text", "faq", "offer", "event"]);

export const messages = pgTable(
  "messages",
  {
    id: uuid().notNull().default(sql`gen_random_uuid()`),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    /** 1, 2, 3… within the conversation; the SSE event id. */
    seq: integer().notNull(),
    /** Null for what the platform writes (the carer's FAQ, "offer accepted"). */
    senderId: uuid().references(() => users.id, { onDelete: "set null" }),
    kind: messageKind().notNull(),
    /** As typed: the sender and admins see it. */
    body: text().notNull().default(""),
    /** What the receiver sees when contact details were masked at sending (null: the same as body). */
    maskedBody: text(),
    offerId: uuid(),
    /** For kind = event: what happened (offer_accepted, offer_declined, …), with its details. */
    event: text(),
    eventData: jsonb().$type<Record<string, string | number>>(),
    /** Set by an admin after a report; the text is then not shown, the record stays. */
    hiddenAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.conversationId, t.seq] }),
    uniqueIndex("messages_id_key").on(t.id),
    index("messages_offer_idx").on(t.offerId),
    check("messages_body_length", sql`char_length(${t.body}) <= 4000`),
  ],
);

export const offerStatus = pgEnum("offer_status", ["open", "accepted", "declined", "withdrawn", "superseded"]);
export const offerSchedule = pgEnum("offer_schedule", ["once", "weekly"]);
/**
 * What happens when the family cancels (the Visits issue applies it): flexible = free until 2 hours
 * before; moderate = free until 24 hours before, half the price after; strict = free until 72 hours
 * before, the full price after.
 */
export const cancellationPolicy = pgEnum("cancellation_policy", ["flexible", "moderate", "strict"]);

export const offers = pgTable(
  "offers",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    sentBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    parentId: uuid()
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    carerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    service: serviceKind().notNull(),
    schedule: offerSchedule().notNull(),
    /** The parent's zone when the offer was made: dates and times below are in it. */
    timeZone: text().notNull(),
    /** A one-off visit: its date and start time. A weekly pattern: the first day it may start. */
    startDate: date({ mode: "string" }).notNull(),
    startMinute: smallint().notNull(),
    /** Weekly only: the weekdays (0 = Sunday) and how many weeks. */
    weekdays: smallint().array(),
    weeks: smallint(),
    /** The first visit's start, as an instant (sorting and the past/future check). */
    firstStartsAt: timestamp({ withTimezone: true }).notNull(),
    durationMinutes: integer().notNull(),
    tasks: text().array().notNull().default(sql`'{}'::text[]`),
    /** Price of each visit, in cents. */
    priceCents: integer().notNull(),
    cancellation: cancellationPolicy().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    status: offerStatus().notNull().default("open"),
    /** A counter-offer names the offer it replaces; that one becomes superseded. */
    supersedesId: uuid(),
    /**
     * The sender was warned of an overlapping visit (theirs, or the parent's) and sent it anyway. Without
     * it, any overlap found at acceptance came after the offer, whatever its timestamps say: a booking
     * that committed while the offer was being sent had an earlier creation time than the offer.
     */
    overlapConfirmed: boolean().notNull().default(false),
    respondedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    respondedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("offers_conversation_idx").on(t.conversationId, t.createdAt),
    // At most one open offer per conversation: a new offer or a counter supersedes the open one.
    uniqueIndex("offers_one_open_key").on(t.conversationId).where(sql`${t.status} = 'open'`),
    check("offers_price_positive", sql`${t.priceCents} > 0`),
    check("offers_duration_range", sql`${t.durationMinutes} between 15 and 720`),
    check("offers_start_minute_range", sql`${t.startMinute} between 0 and 1439`),
    check(
      "offers_weekly_shape",
      sql`(${t.schedule} = 'once' and ${t.weekdays} is null and ${t.weeks} is null)
        or (${t.schedule} = 'weekly' and cardinality(${t.weekdays}) between 1 and 7 and ${t.weeks} between 1 and 52)`,
    ),
  ],
);

/** Either side may block the other: a blocked user can send neither messages nor offers to the blocker. */
export const userBlocks = pgTable(
  "user_blocks",
  {
    blockerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    blockedId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.blockerId, t.blockedId] }), index("user_blocks_blocked_idx").on(t.blockedId)],
);

export const reportReason = pgEnum("report_reason", [
  "harassment",
  "scam",
  "contact_outside",
  "inappropriate",
  "other",
]);

/** A reported message, for admins to hide or dismiss (Admin issue). */
export const messageReports = pgTable(
  "message_reports",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    messageId: uuid().notNull(),
    conversationId: uuid()
      .notNull()
      .references(() => conversations.id, { onDelete: "cascade" }),
    reporterId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: reportReason().notNull(),
    note: text().notNull().default(""),
    resolvedAt: timestamp({ withTimezone: true }),
    /** "hidden" or "dismissed" (app/admin/reports.server.ts), with the admin's reason. */
    resolution: text(),
    resolvedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    resolutionReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("message_reports_once_key").on(t.messageId, t.reporterId),
    index("message_reports_open_idx").on(t.createdAt).where(sql`${t.resolvedAt} is null`),
  ],
);

export type Conversation = typeof conversations.$inferSelect;
export type Message = typeof messages.$inferSelect;
export type Offer = typeof offers.$inferSelect;
export type OfferStatus = (typeof offerStatus.enumValues)[number];
export type CancellationPolicy = (typeof cancellationPolicy.enumValues)[number];
export type ReportReason = (typeof reportReason.enumValues)[number];
