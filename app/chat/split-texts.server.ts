// The texts a new text is read after, for the split-number rule (masking.ts, maskContactDetailsAfter):
// at sending (messages.server.ts), and when a carer whose access to the home has ended reads the
// family's texts again (asReadBy), in the thread, its stream and the inbox.
import { sql } from "drizzle-orm";
import { queryRows, type Database } from "~/db.server";

/** How far back, and how many of the sender's texts, a new text is read after. */
export const SPLIT_WINDOW_MS = 10 * 60_000;
// Five: with two, "got that?" and "second half below" between the halves of a number hid it (an
// outside probe); mobileAcrossFillers (masking.ts) joins the runs of digits across them.
export const SPLIT_MESSAGES = 5;

/** A text as the split-number rule reads it. */
export interface SentText {
  conversationId?: string;
  senderId: string | null;
  kind: string;
  body: string;
  createdAt: Date;
}

/** The sender's texts just before `context[index]` (oldest first), as textsJustBefore reads them. */
export function textsJustBeforeIn(context: readonly SentText[], index: number): string[] {
  const row = context[index]!;
  const since = row.createdAt.getTime() - SPLIT_WINDOW_MS;
  return context
    .slice(0, index)
    .filter((r) => r.senderId === row.senderId && r.kind === "text" && r.createdAt.getTime() > since)
    .slice(-SPLIT_MESSAGES)
    .map((r) => r.body);
}

/**
 * The last few texts before message `beforeSeq` of each conversation (before its last message when
 * `beforeSeq` is null: an inbox), oldest first: the context of the split-number rule.
 */
export async function textsBefore(
  db: Database,
  conversationIds: readonly string[],
  beforeSeq: number | null,
): Promise<SentText[]> {
  if (conversationIds.length === 0) return [];
  // Enough for SPLIT_MESSAGES of one sender among the other side's replies.
  const span = SPLIT_MESSAGES * 2;
  const rows = await queryRows<{
    conversation_id: string;
    sender_id: string | null;
    kind: string;
    body: string;
    created_at: Date | string;
  }>(
    db,
    sql`select m.conversation_id, m.sender_id, m.kind, m.body, m.created_at
        from messages m join conversations c on c.id = m.conversation_id
        where m.conversation_id in (${sql.join(
          conversationIds.map((id) => sql`${id}`),
          sql`, `,
        )})
          and m.seq < ${beforeSeq === null ? sql`c.last_seq` : sql`${beforeSeq}::int`}
          and m.seq >= ${beforeSeq === null ? sql`c.last_seq - ${span}::int` : sql`${beforeSeq - span}::int`}
        order by m.conversation_id, m.seq`,
  );
  return rows.map((r) => ({
    conversationId: r.conversation_id,
    senderId: r.sender_id,
    kind: r.kind,
    body: r.body,
    createdAt: new Date(r.created_at),
  }));
}
