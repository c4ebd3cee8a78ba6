// Accounts: who a person is, which role they act in, and how to reach them.
import { sql } from "drizzle-orm";
import { pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const userRole = pgEnum("user_role", ["family", "carer", "admin"]);
export const userLocale = pgEnum("user_locale", ["en", "zh-CN"]);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    /** Stored lower-cased and trimmed; unique. */
    email: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    /** E.164, validated with libphonenumber-js before it gets here. */
    phone: text().notNull(),
    phoneVerifiedAt: timestamp({ withTimezone: true }),
    role: userRole().notNull(),
    locale: userLocale().notNull().default("en"),
    /** IANA zone used for quiet hours and times in SMS. */
    timeZone: text().notNull().default("Asia/Shanghai"),
    /** Last sign of life (a page or an open chat stream), written at most once a minute: who is offline. */
    lastActiveAt: timestamp({ withTimezone: true }),
    /**
     * Set by an admin (app/admin/suspension.server.ts): a suspended account has no sessions, cannot log
     * in, is not listed in search and cannot chat. The reason is the admin's, shown to admins only.
     */
    suspendedAt: timestamp({ withTimezone: true }),
    suspendedReason: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /**
     * The user asked to delete the account (ADR 021): sessions ended, hidden from search; logging in
     * and confirming within the grace period clears it, after it the erase job anonymises the account.
     */
    deletionRequestedAt: timestamp({ withTimezone: true }),
    /** When the erase job anonymised the account: name, email, phone and password are gone. */
    erasedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex("users_email_key").on(t.email),
    // One account per verified number: SMS login and STOP handling look accounts up by phone.
    uniqueIndex("users_verified_phone_key").on(t.phone).where(sql`${t.phoneVerifiedAt} is not null`),
  ],
);

export type User = typeof users.$inferSelect;
export type UserRole = (typeof userRole.enumValues)[number];
export type UserLocale = (typeof userLocale.enumValues)[number];
