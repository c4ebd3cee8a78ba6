// Create forms carry a key rendered into the page (a hidden `submissionKey`). The first post with a
// key does its work and records where it led, in one transaction; a double submit or a retry with
// the same key and the same fields waits for the first, then gets the same answer, and changes
// nothing. The same key with other fields is the page posted again after an edit (Back, change the
// message, send): that is a post of its own, not a repeat to be answered with the first's result.
import { createHash } from "node:crypto";
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

/** What makes a post the same post: the form's key and a digest of the rest of its fields. */
export interface Submission {
  key: string;
  fingerprint: string;
}

/** The post's key and fingerprint, or null when its key is missing or malformed. */
export function submissionOf(form: FormData): Submission | null {
  const parsed = keySchema.safeParse(form.get(SUBMISSION_KEY_FIELD));
  return parsed.success ? { key: parsed.data, fingerprint: formFingerprint(form) } : null;
}

/**
 * SHA-256 of the posted fields, by name, the key left out. Passwords are left out too: the row keeps
 * the digest for a day, and a fast hash of a password is not to be stored. A file counts by its
 * name, type and size.
 */
export function formFingerprint(form: FormData): string {
  const fields = [...form.entries()]
    .filter(([name]) => name !== SUBMISSION_KEY_FIELD && !/password/i.test(name))
    .map(([name, value]) => [
      name,
      typeof value === "string" ? value : `file:${value.name}:${value.type}:${value.size}`,
    ])
    .sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0));
  return createHash("sha256").update(JSON.stringify(fields)).digest("base64url");
}

class Refused<F> extends Error {
  constructor(readonly failure: F) {
    super("refused");
  }
}

const sameSubmission = (userId: string, { key, fingerprint }: Submission) =>
  and(eq(formSubmissions.userId, userId), eq(formSubmissions.key, key), eq(formSubmissions.fingerprint, fingerprint));

/**
 * Runs `create` once per user, key and fingerprint of the posted `form`. It returns the URL to go to,
 * or a failure (which rolls the transaction back and leaves the key free, so the corrected form can be
 * posted again). A post without a key (a page from before keys) runs `create` as it is.
 *
 * The fingerprint leaves passwords out, so two posts that differ only in a password look the same.
 * A form with a password says how to tell with `isRepeat` (the password it sets is now the current
 * one, say): a post it does not recognise runs `create` again instead of getting the first one's answer.
 */
export async function oncePerSubmission<F>(
  db: Database,
  userId: string,
  form: FormData,
  create: (tx: Database) => Promise<{ redirectTo: string } | { failure: F }>,
  { isRepeat }: { isRepeat?: (tx: Database) => Promise<boolean> } = {},
): Promise<{ redirectTo: string; repeated: boolean } | { failure: F }> {
  const submission = submissionOf(form);
  if (!submission) {
    const result = await create(db);
    return "failure" in result ? result : { redirectTo: result.redirectTo, repeated: false };
  }
  try {
    return await db.transaction(async (tx) => {
      const [claimed] = await tx
        .insert(formSubmissions)
        .values({ userId, ...submission, redirectTo: "" })
        .onConflictDoNothing()
        .returning({ key: formSubmissions.key });
      if (!claimed) {
        if (isRepeat && !(await isRepeat(tx))) {
          const again = await create(tx);
          if ("failure" in again) throw new Refused(again.failure);
          return { redirectTo: again.redirectTo, repeated: false };
        }
        const [first] = await tx
          .select({ redirectTo: formSubmissions.redirectTo })
          .from(formSubmissions)
          .where(sameSubmission(userId, submission));
        return { redirectTo: first!.redirectTo, repeated: true };
      }
      const result = await create(tx);
      if ("failure" in result) throw new Refused(result.failure);
      await tx.update(formSubmissions).set({ redirectTo: result.redirectTo }).where(sameSubmission(userId, submission));
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
export async function recordSubmission(
  tx: Database,
  userId: string,
  submission: Submission,
  redirectTo: string,
): Promise<void> {
  await tx.insert(formSubmissions).values({ userId, ...submission, redirectTo });
}

/** Whether this post (key and fields) already took effect for this user. */
export async function tookEffect(db: Database, userId: string, submission: Submission): Promise<boolean> {
  const [row] = await db
    .select({ key: formSubmissions.key })
    .from(formSubmissions)
    .where(sameSubmission(userId, submission))
    .limit(1);
  return Boolean(row);
}

/** Housekeeping: keys older than a day cannot be repeats any more. */
export async function pruneFormSubmissions(db: Database, now = new Date()): Promise<void> {
  await db.delete(formSubmissions).where(lt(formSubmissions.createdAt, new Date(now.getTime() - 86_400_000)));
}
