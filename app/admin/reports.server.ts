// Reports for admins to act on: each kind of reported thing (a chat message now; a review once
// ratings exist) lists its open reports in one shape and can be hidden or dismissed, with a reason.
// A second kind adds one entry to REPORT_KINDS and a value to ReportKind (app/admin/schemas.ts).
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { conversations, messageReports, messages, users } from "~db/schema";
import { type Database, queryRows } from "~/db.server";
import type { ReportKind } from "./vocabulary";
import { type AdminViewer, recordAudit } from "./audit.server";

/** One open report, whatever was reported: what the page shows for every kind. */
export interface OpenReport {
  kind: ReportKind;
  /** The report's id (what the hide and dismiss forms name). */
  id: string;
  reason: string;
  note: string;
  reporterName: string;
  createdAt: string;
  /** The reported text as written (admins see the original), and as its receiver saw it. */
  text: string;
  maskedText: string | null;
  authorName: string;
  /** The author's email, to find their account (and suspend it) from the report; null if erased. */
  authorEmail: string | null;
  /** Where it was said, for context: "Family A ↔ Carer X". */
  context: string;
  /**
   * The messages just before and after it, the reported one among them (`reported`): one line out of
   * a conversation cannot be judged (an outside probe: nothing to decide a "harassment" report on).
   */
  around: { seq: number; authorName: string; text: string; reported: boolean }[];
  hidden: boolean;
}

/** How many messages before and after a reported one its report shows. */
export const AROUND_BEFORE = 4;
export const AROUND_AFTER = 2;

export type ResolveResult = { ok: true; resolved: number } | { ok: false; error: "not_found" | "already_resolved" };

interface ReportKindHandler {
  open(db: Database, limit: number): Promise<OpenReport[]>;
  /** Resolves the report (and every other open report of the same thing), hiding it if asked. */
  resolve(
    tx: Database,
    admin: AdminViewer,
    input: { id: string; hide: boolean; reason: string },
    now: Date,
  ): Promise<ResolveResult>;
}

const reporter = alias(users, "reporter");
const author = alias(users, "author");
const family = alias(users, "family");
const carer = alias(users, "carer");

const messageReportsKind: ReportKindHandler = {
  async open(db, limit) {
    const rows = await db
      .select({
        id: messageReports.id,
        reason: messageReports.reason,
        note: messageReports.note,
        createdAt: messageReports.createdAt,
        reporterName: reporter.name,
        conversationId: messages.conversationId,
        seq: messages.seq,
        body: messages.body,
        maskedBody: messages.maskedBody,
        hiddenAt: messages.hiddenAt,
        authorName: author.name,
        authorEmail: author.email,
        familyName: family.name,
        carerName: carer.name,
      })
      .from(messageReports)
      .innerJoin(messages, eq(messages.id, messageReports.messageId))
      .innerJoin(conversations, eq(conversations.id, messageReports.conversationId))
      .innerJoin(reporter, eq(reporter.id, messageReports.reporterId))
      .leftJoin(author, eq(author.id, messages.senderId))
      .innerJoin(family, eq(family.id, conversations.familyUserId))
      .innerJoin(carer, eq(carer.id, conversations.carerId))
      .where(isNull(messageReports.resolvedAt))
      .orderBy(asc(messageReports.createdAt))
      .limit(limit);
    const around = await messagesAround(db, rows);
    return rows.map((r) => ({
      kind: "message" as const,
      id: r.id,
      reason: r.reason,
      note: r.note,
      reporterName: r.reporterName,
      createdAt: r.createdAt.toISOString(),
      text: r.body,
      maskedText: r.maskedBody,
      authorName: r.authorName ?? "—",
      authorEmail: r.authorEmail,
      context: `${r.familyName} ↔ ${r.carerName}`,
      around: (around.get(`${r.conversationId}:${r.seq}`) ?? []).map((m) => ({ ...m, reported: m.seq === r.seq })),
      hidden: r.hiddenAt !== null,
    }));
  },
  async resolve(tx, admin, input, now) {
    const [report] = await tx
      .select({ messageId: messageReports.messageId, resolvedAt: messageReports.resolvedAt })
      .from(messageReports)
      .where(eq(messageReports.id, input.id))
      .for("update");
    if (!report) return { ok: false, error: "not_found" };
    if (report.resolvedAt) return { ok: false, error: "already_resolved" };
    if (input.hide) {
      await tx
        .update(messages)
        .set({ hiddenAt: now })
        .where(and(eq(messages.id, report.messageId), isNull(messages.hiddenAt)));
    }
    const resolved = await tx
      .update(messageReports)
      .set({
        resolvedAt: now,
        resolution: input.hide ? "hidden" : "dismissed",
        resolvedBy: admin.id,
        resolutionReason: input.reason,
      })
      .where(and(eq(messageReports.messageId, report.messageId), isNull(messageReports.resolvedAt)))
      .returning({ id: messageReports.id });
    await recordAudit(
      tx,
      admin,
      {
        action: input.hide ? "report.hide" : "report.dismiss",
        subjectType: "report",
        subjectId: input.id,
        reason: input.reason,
        data: { kind: "message", messageId: report.messageId, resolved: resolved.length },
      },
      now,
    );
    return { ok: true, resolved: resolved.length };
  },
};

/**
 * The text messages around each reported one (AROUND_BEFORE before it, AROUND_AFTER after, offers and
 * events between them not counted), in one query for the whole list, as written (admins read the
 * original, as on the dispute page). Keyed by `conversationId:seq` of the reported message.
 */
async function messagesAround(db: Database, reported: { conversationId: string; seq: number }[]) {
  const around = new Map<string, { seq: number; authorName: string; text: string }[]>();
  if (reported.length === 0) return around;
  const wanted = sql.join(
    reported.map((r) => sql`(${r.conversationId}::uuid, ${r.seq}::int)`),
    sql`, `,
  );
  const rows = await queryRows<{
    conversation_id: string;
    reported_seq: number;
    seq: number;
    body: string;
    name: string | null;
  }>(
    db,
    sql`select r.conversation_id, r.reported_seq, m.seq, m.body, u.name
        from (values ${wanted}) as r(conversation_id, reported_seq)
        cross join lateral (
          (select seq, body, sender_id from messages
            where conversation_id = r.conversation_id and kind = 'text' and seq < r.reported_seq
            order by seq desc limit ${AROUND_BEFORE})
          union all
          (select seq, body, sender_id from messages
            where conversation_id = r.conversation_id and kind = 'text' and seq >= r.reported_seq
            order by seq limit ${AROUND_AFTER + 1})
        ) m
        left join users u on u.id = m.sender_id
        order by r.conversation_id, r.reported_seq, m.seq`,
  );
  for (const row of rows) {
    const key = `${row.conversation_id}:${row.reported_seq}`;
    const list = around.get(key) ?? [];
    list.push({ seq: Number(row.seq), authorName: row.name ?? "—", text: row.body });
    around.set(key, list);
  }
  return around;
}

/** Every kind of report. Reviews join here when ratings land (PRODUCT §7: admins hide abusive text). */
const REPORT_KINDS: Record<ReportKind, ReportKindHandler> = {
  message: messageReportsKind,
};

/** Open reports of every kind, oldest first within each kind. */
export async function openReports(db: Database, _admin: AdminViewer, limit = 100): Promise<OpenReport[]> {
  const lists = await Promise.all(Object.values(REPORT_KINDS).map((k) => k.open(db, limit)));
  return lists.flat().sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export async function resolveReport(
  db: Database,
  admin: AdminViewer,
  input: { kind: ReportKind; id: string; hide: boolean; reason: string },
  now: Date,
): Promise<ResolveResult> {
  return db.transaction((tx) => REPORT_KINDS[input.kind].resolve(tx, admin, input, now));
}
