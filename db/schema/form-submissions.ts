// One row per create-form post that took effect, keyed by the key the form was rendered with: a
// double submit or a retried post finds the row and gets the first post's answer (app/http/once.server.ts).
import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const formSubmissions = pgTable(
  "form_submissions",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: uuid().notNull(),
    /** Where the first post sent the user. */
    redirectTo: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);
