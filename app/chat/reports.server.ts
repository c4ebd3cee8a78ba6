// Reports of messages, for admins to hide or dismiss: one per message and reporter.
import { and, eq } from "drizzle-orm";
import { messageReports, messages, type ReportReason } from "~db/schema";
import type { Database } from "~/db.server";
import type { ConversationAccess } from "./conversations.server";

/** Reports a message of this conversation; false when there is no such message here. */
export async function reportMessage(
  db: Database,
  access: ConversationAccess,
  report: { messageId: string; reason: ReportReason; note?: string },
): Promise<boolean> {
  const [message] = await db
    .select({ id: messages.id })
    .from(messages)
    .where(and(eq(messages.id, report.messageId), eq(messages.conversationId, access.conversation.id)))
    .limit(1);
  if (!message) return false;
  await db
    .insert(messageReports)
    .values({
      messageId: message.id,
      conversationId: access.conversation.id,
      reporterId: access.viewer.id,
      reason: report.reason,
      note: report.note ?? "",
    })
    .onConflictDoNothing();
  return true;
}
