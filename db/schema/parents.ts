// Care recipients, the family members who share them, and invitations to share.
// Exact location, address, phone and access notes are private (see app/privacy/location.ts).
import { sql } from "drizzle-orm";
import {
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { userLocale, users } from "./users";
import { bytea } from "./types";

export interface EmergencyContact {
  name: string;
  relation: string;
  phone: string;
}

export const parents = pgTable(
  "parents",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    name: text().notNull(),
    birthYear: integer(),
    /** Street address as typed by the family: private. */
    address: text().notNull().default(""),
    /** The parent's own phone (E.164), optional: private. */
    phone: text(),
    /** Exact home location: private. */
    lat: doublePrecision().notNull(),
    lng: doublePrecision().notNull(),
    timeZone: text().notNull().default("Asia/Shanghai"),
    languages: text().array().notNull().default(sql`'{}'::text[]`),
    needs: text().array().notNull().default(sql`'{}'::text[]`),
    interests: text().notNull().default(""),
    emergencyContacts: jsonb().$type<EmergencyContact[]>().notNull().default(sql`'[]'::jsonb`),
    /** Door code, where the key is: private. */
    accessNotes: text().notNull().default(""),
    visitGoalVisits: integer(),
    visitGoalMinutes: integer(),
    /** The family asked for "Did <carer> visit you today?" texts to the parent after each visit. */
    askAfterVisit: boolean().notNull().default(false),
    /** The parent's phone was confirmed with a code (read out by the parent) before any text goes to it. */
    phoneVerifiedAt: timestamp({ withTimezone: true }),
    /** The language of texts to the parent. */
    smsLocale: userLocale().notNull().default("zh-CN"),
    createdBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("parents_location_idx").using("gist", sql`ll_to_earth(${t.lat}, ${t.lng})`)],
);

export const parentMemberRole = pgEnum("parent_member_role", ["owner", "member"]);

export const parentMembers = pgTable(
  "parent_members",
  {
    parentId: uuid()
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: parentMemberRole().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.parentId, t.userId] }), index("parent_members_user_id_idx").on(t.userId)],
);

/** Sharing a parent with a sibling: a link whose token is only stored as SHA-256; single use, 7 days. */
export const parentInvitations = pgTable(
  "parent_invitations",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    parentId: uuid()
      .notNull()
      .references(() => parents.id, { onDelete: "cascade" }),
    tokenHash: bytea().notNull(),
    role: parentMemberRole().notNull().default("member"),
    invitedBy: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    acceptedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    acceptedAt: timestamp({ withTimezone: true }),
    /** The create form's key: a double submit or retry replaces this row's token instead of adding a second live link. */
    submissionKey: uuid(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("parent_invitations_token_hash_key").on(t.tokenHash),
    index("parent_invitations_parent_id_idx").on(t.parentId),
    uniqueIndex("parent_invitations_submission_key").on(t.invitedBy, t.submissionKey),
  ],
);

export type Parent = typeof parents.$inferSelect;
export type ParentMemberRole = (typeof parentMemberRole.enumValues)[number];
