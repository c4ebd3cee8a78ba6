// One row per create-form post that took effect, keyed by the key the form was rendered with and a
// digest of what it posted: a double submit or a retried post finds the row and gets the first post's
// answer; the same form posted again with other content (edited after Back) is a post of its own
// (app/http/once.server.ts).
import { pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

export const formSubmissions = pgTable(
  "form_submissions",
  {
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: uuid().notNull(),
    /** SHA-256 of the posted fields, passwords left out (app/http/once.server.ts, formFingerprint). */
    fingerprint: text().notNull().default(""),
    /** Where the first post sent the user. */
    redirectTo: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key, t.fingerprint] })],
);
