// The unread badge in the navigation: the viewer's unread messages across all their conversations.
import { sql, type SQL } from "drizzle-orm";
import { conversations, users } from "~db/schema";

/**
 * The count as a column of a query whose scope holds the viewer's `users` row: the session lookup
 * reads it in the same statement (app/auth/session.server.ts), so no signed-in page pays a round trip
 * for its badge. Each branch is an index lookup on its side's column; admins have no conversations.
 */
export function unreadTotalSql(): SQL<number> {
  return sql<number>`(case ${users.role}
    when 'carer' then (select coalesce(sum(${conversations.carerUnread}), 0) from ${conversations}
      where ${conversations.carerId} = ${users.id})
    when 'family' then (select coalesce(sum(${conversations.familyUnread}), 0) from ${conversations}
      where ${conversations.familyUserId} = ${users.id})
    else 0 end)::int`;
}
