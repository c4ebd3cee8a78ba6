// The audit log: writing a row (inside the transaction of the change it records) and reading it for
// admins, filtered and paginated. Rows are never changed: the database refuses UPDATE and DELETE.
import { and, desc, eq, gte, lt, lte, type SQL, sql } from "drizzle-orm";
import { auditLog, users } from "~db/schema";
import { type Database, preparedQuery } from "~/db.server";
import type { Viewer } from "~/privacy/location";
import { AUDIT_PAGE_SIZE, type AuditAction } from "./audit";

/** An admin, as requireAdmin returns them: admin domain functions take only this. */
export type AdminViewer = Viewer & { role: "admin" };

export interface AuditEntry {
  action: AuditAction;
  subjectType: "user" | "carer" | "parent" | "dispute" | "sms" | "report" | "rating";
  subjectId: string;
  reason?: string | null;
  data?: Record<string, string | number | boolean | null>;
}

/** Records who did what, to what, and why. Call it with the transaction of the change. */
export async function recordAudit(db: Database, actor: Viewer, entry: AuditEntry, now: Date): Promise<void> {
  // Prepared: every parent page and visit page writes one (each exact read of a home).
  await preparedQuery(db, "audit_insert", (db) =>
    db
      .insert(auditLog)
      .values({
        actorId: sql.placeholder("actorId"),
        actorRole: sql.placeholder("actorRole"),
        action: sql.placeholder("action"),
        subjectType: sql.placeholder("subjectType"),
        subjectId: sql.placeholder("subjectId"),
        reason: sql.placeholder("reason"),
        // Bare (JSON text, or null for SQL NULL): the column's own encoder would write null as JSON 'null'.
        data: sql`${sql.placeholder("data")}::jsonb`,
        at: sql.placeholder("at"),
      })
      .prepare("audit_insert"),
  ).execute({
    actorId: actor.id,
    actorRole: actor.role,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId,
    reason: entry.reason ?? null,
    data: entry.data ? JSON.stringify(entry.data) : null,
    at: now,
  });
}

/**
 * Records that someone was shown a parent's exact home (location, address, access notes): called
 * where the record is loaded for an entitled viewer, once per request (the parent pages' guard and
 * the visit page's homeFor), whoever the viewer is, the family included.
 */
export async function recordHomeRead(
  db: Database,
  viewer: Viewer,
  parentId: string,
  data: { via: "parent" | "visit"; visitId?: string },
  now: Date,
): Promise<void> {
  await recordAudit(db, viewer, { action: "parent.home_read", subjectType: "parent", subjectId: parentId, data }, now);
}

export interface AuditFilter {
  actor?: string | undefined;
  action?: AuditAction | undefined;
  /** Inclusive days, UTC (YYYY-MM-DD). */
  from?: string | undefined;
  to?: string | undefined;
  /** The id of the last row of the previous page: newer rows come first. */
  before?: number | undefined;
}

/** A page of the audit log, newest first, with the actor's name, and the cursor of the next page. */
export async function listAudit(db: Database, _admin: AdminViewer, filter: AuditFilter) {
  const where: SQL[] = [];
  if (filter.actor) where.push(eq(auditLog.actorId, filter.actor));
  if (filter.action) where.push(eq(auditLog.action, filter.action));
  if (filter.from) where.push(gte(auditLog.at, new Date(`${filter.from}T00:00:00Z`)));
  if (filter.to) where.push(lte(auditLog.at, new Date(`${filter.to}T23:59:59.999Z`)));
  if (filter.before) where.push(lt(auditLog.id, filter.before));
  const rows = await db
    .select({
      id: auditLog.id,
      actorId: auditLog.actorId,
      actorName: users.name,
      actorRole: auditLog.actorRole,
      action: auditLog.action,
      subjectType: auditLog.subjectType,
      subjectId: auditLog.subjectId,
      reason: auditLog.reason,
      data: auditLog.data,
      at: auditLog.at,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorId))
    .where(where.length ? and(...where) : undefined)
    .orderBy(desc(auditLog.id))
    .limit(AUDIT_PAGE_SIZE + 1);
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    rows: page.map((r) => ({ ...r, actorName: r.actorName ?? "—", at: r.at.toISOString() })),
    next: rows.length > AUDIT_PAGE_SIZE ? page[page.length - 1]!.id : null,
  };
}

/** The admins, for the actor filter (any actor can also be picked from a row of the log). */
export async function auditActors(db: Database, _admin: AdminViewer) {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(eq(users.role, "admin"))
    .orderBy(users.name)
    .limit(200);
}
