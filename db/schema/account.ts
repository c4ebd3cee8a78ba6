// Account basics (ADR 021): password resets by texted code or emailed link, and the mail outbox.
import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";
import { bytea } from "./types";

export const passwordResetChannel = pgEnum("password_reset_channel", ["sms", "email"]);

/**
 * One reset code (sms: 6 digits, salted SHA-256) or link (email: 32 random bytes, SHA-256 only,
 * looked up by its hash). Single use (consumedAt), expiring (expiresAt), a new one replaces the old.
 */
export const passwordResets = pgTable(
  "password_resets",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    channel: passwordResetChannel().notNull(),
    /** sms: the verified number the code went to (private). */
    phone: text(),
    salt: bytea().notNull(),
    secretHash: bytea().notNull(),
    attempts: smallint().notNull().default(0),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    consumedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index("password_resets_user_idx").on(t.userId, t.createdAt),
    uniqueIndex("password_resets_secret_key").on(t.secretHash),
  ],
);

/**
 * Every email the app means to send. No mail transport is configured yet, so each is written to the
 * log and, in development, shown at /dev/mail (as /dev/sms shows texts). Bodies may hold a reset
 * link: only the recipient and the development outbox ever read them.
 */
export const mailMessages = pgTable(
  "mail_messages",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    toEmail: text().notNull(),
    kind: text()
      .$type<"password_reset" | "email_changed" | "password_changed" | "deletion_scheduled" | "removed_from_family">()
      .notNull(),
    subject: text().notNull(),
    body: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("mail_messages_created_idx").on(t.createdAt)],
);
