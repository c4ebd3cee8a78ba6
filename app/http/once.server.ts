// Create forms carry a key rendered into the page (a hidden `submissionKey`). The first post with a
// key does its work and records where it led, in one transaction; a double submit or a retry with
// the same key waits for the first, then gets the same answer, and changes nothing.
import { and, eq, lt } from "drizzle-orm";
import { z } from "zod";
import { formSubmissions } from "~db/schema";
import type { Database } from "~/db.server";

import { SUBMISSION_KEY_FIELD } from "./submission-key";

const keySchema = z.uuid();

/** A fresh key for a form about to be rendered. */
export function newSubmissionKey(): string {
  return crypto.randomUUID();
}

/** The key a post carries, or null when it is missing or malformed. */
export function submissionKeyOf(form: FormData): string | null {
  const parsed = keySchema.safeParse(form.get(SUBMISSION_KEY_FIELD));
  return parsed.success ? parsed.data : null;
}

class Refused<F> extends Error {
  constructor(readonly failure: F) {
    super("refused");
  }
}

/**
 * Runs `create` once per user and key. It returns the URL to go to, or a failure (which rolls the
 * transaction back and leaves the key free, so the corrected form can be posted again).
 */
export async function oncePerSubmission<F>(
  db: Database,
  userId: string,
  key: string,
  create: (tx: Database) => Promise<{ redirectTo: string } | { failure: F }>,
): Promise<{ redirectTo: string; repeated: boolean } | { failure: F }> {
  try {
    return await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(formSubmissions)
        .values({ userId, key, redirectTo: "" })
        .onConflictDoNothing()
        .returning({ key: formSubmissions.key });
      if (!claimed) {
        const [first] = await tx
          .select({ redirectTo: formSubmissions.redirectTo })
          .from(formSubmissions)
          .where(and(eq(formSubmissions.userId, userId), eq(formSubmissions.key, key)));
        return { redirectTo: first!.redirectTo, repeated: true };
      }
      const result = await create(tx);
      if ("failure" in result) throw new Refused(result.failure);
      await tx
        .update(formSubmissions)
        .set({ redirectTo: result.redirectTo })
        .where(and(eq(formSubmissions.userId, userId), eq(formSubmissions.key, key)));
      return { redirectTo: result.redirectTo, repeated: false };
    });
  } catch (error) {
    if (error instanceof Refused) return { failure: error.failure as F };
    throw error;
  }
}

/**
 * For a create form whose user the post itself makes (sign-up), where there is no user to claim the
 * key for beforehand: the key is written with the new row, in its transaction, so a repeat that
 * finds the row can tell with `tookEffect` that it made it.
 */
export async function recordSubmission(tx: Database, userId: string, key: string, redirectTo: string): Promise<void> {
  await tx.insert(formSubmissions).values({ userId, key, redirectTo });
}

/** Whether a post with this key already took effect for this user. */
export async function tookEffect(db: Database, userId: string, key: string): Promise<boolean> {
  const [row] = await db
    .select({ key: formSubmissions.key })
    .from(formSubmissions)
    .where(and(eq(formSubmissions.userId, userId), eq(formSubmissions.key, key)))
    .limit(1);
  return Boolean(row);
}

/** Housekeeping: keys older than a day cannot be repeats any more. */
export async function pruneFormSubmissions(db: Database, now = new Date()): Promise<void> {
  await db.delete(formSubmissions).where(lt(formSubmissions.createdAt, new Date(now.getTime() - 86_400_000)));
}
