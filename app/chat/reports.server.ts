// Reports of messages, for admins to hide or dismiss: one per message and reporter.
import { and, eq } from "drizzle-orm";
import { messageReports, messages, type ReportReason } from "~db/schema";
import type { Database } from "~/db.server";
import type { ConversationAccess } from "./conversations.server";

/**
 * Reports a text the other side wrote in this conversation, the messages the page offers to report:
 * "not_found" when there is no such message here, "own" for the viewer's own message or one that is
 * not a text (an event, an offer card, the carer's FAQ). Reporting those only filled the admins'
 * queue (found by an outside probe).
 */
export async function reportMessage(
  db: Database,
  access: ConversationAccess,
  report: { messageId: string; reason: ReportReason; note?: string },
): Promise<"reported" | "not_found" | "own"> {
  const [message] = await db
    .select({ id: messages.id, senderId: messages.senderId, kind: messages.kind })
    .from(messages)
    .where(and(eq(messages.id, report.messageId), eq(messages.conversationId, access.conversation.id)))
    .limit(1);
  if (!message) return "not_found";
  if (message.senderId === null || message.senderId === access.viewer.id || message.kind !== "text") return "own";
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
  return "reported";
}
