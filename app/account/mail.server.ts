// Email: every message is recorded in mail_messages and written to the log. No mail transport is
// configured yet (ADR 021), so nothing leaves the server: in development /dev/mail shows the outbox,
// in production the log is the only place a message (a reset link) can be read.
import { desc } from "drizzle-orm";
import { mailMessages } from "~db/schema";
import type { Database } from "~/db.server";
import type { Logger } from "~/logger.server";

export type MailKind = (typeof mailMessages.$inferInsert)["kind"];

export interface Mail {
  userId: string | null;
  to: string;
  kind: MailKind;
  subject: string;
  body: string;
}

export async function sendMail(db: Database, logger: Logger, mail: Mail, now: Date): Promise<void> {
  await db.insert(mailMessages).values({
    userId: mail.userId,
    toEmail: mail.to,
    kind: mail.kind,
    subject: mail.subject,
    body: mail.body,
    createdAt: now,
  });
  logger.info("mail (outbox, not sent: no mail transport configured)", {
    to: mail.to,
    kind: mail.kind,
    subject: mail.subject,
    body: mail.body,
  });
}

/** The development outbox: the latest messages, newest first. */
export async function recentMail(db: Database, limit = 50) {
  return db
    .select({
      id: mailMessages.id,
      toEmail: mailMessages.toEmail,
      kind: mailMessages.kind,
      subject: mailMessages.subject,
      body: mailMessages.body,
      createdAt: mailMessages.createdAt,
    })
    .from(mailMessages)
    .orderBy(desc(mailMessages.createdAt))
    .limit(limit);
}
