// Admin records: the carer checks behind the verification badge, and the audit log of every admin
// action and every read of a parent's exact home (who, when, what, why), which nobody can change.
import { sql } from "drizzle-orm";
import { bigint, date, index, jsonb, pgEnum, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const carerCheckKind = pgEnum("carer_check_kind", ["id", "background"]);

/** One check of a carer by an admin, with the date it was done and a note. Kept, never edited. */
export const carerChecks = pgTable(
  "carer_checks",
  {
    id: uuid().primaryKey().default(sql`gen_random_uuid()`),
    carerId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: carerCheckKind().notNull(),
    /** The day the document or record was checked (what the badge shows). */
    checkedOn: date({ mode: "string" }).notNull(),
    note: text().notNull(),
    checkedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("carer_checks_carer_idx").on(t.carerId, t.kind, t.checkedOn)],
);

/**
 * Append-only: a trigger (migration 0011) refuses every UPDATE and DELETE, so not even the app's own
 * database user can rewrite history. No foreign keys on purpose: deleting a user must not cascade into
 * (or null out) the record of what was done to or by them.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    /** Who acted: an admin, or any user who read a parent's exact home. */
    actorId: uuid().notNull(),
    actorRole: text().notNull(),
    /** What was done, a dotted name from AUDIT_ACTIONS (app/admin/audit.ts). */
    action: text().notNull(),
    /** What it was done to: a kind ("user", "carer", "parent", "dispute", "sms", "report") and an id. */
    subjectType: text().notNull(),
    subjectId: text().notNull(),
    /** Why: the admin's reason, where the action needs one. */
    reason: text(),
    data: jsonb().$type<Record<string, string | number | boolean | null>>(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("audit_log_at_idx").on(t.at),
    index("audit_log_actor_at_idx").on(t.actorId, t.at),
    index("audit_log_action_at_idx").on(t.action, t.at),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
export type CarerCheckKind = (typeof carerCheckKind.enumValues)[number];
