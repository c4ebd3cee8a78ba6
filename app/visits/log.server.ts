// The visit log against the database: the carer writes it from check-in on; after check-out every
// changed field becomes a row of visit_corrections, with the carer's reason, for the family to see.
// The optional photo goes through the same pipeline as profile photos (readPhoto: sniffed,
// re-encoded, no EXIF or GPS) and is served only to the visit's carer and family.
import { createHash } from "node:crypto";
import { and, eq, or } from "drizzle-orm";
import { visitCorrections, visitLogs } from "~db/schema";
import type { Database } from "~/db.server";
import type { Hub } from "~/realtime/hub.server";
import type { FileStorage, StoredFile } from "~/storage/storage.server";
import type { VisitAccess } from "./access.server";
import type { VisitLogInput } from "./log-schemas";
import { type LogValues, logChanges, logState, orderTasks } from "./log-rules";
import { lockVisit, visitTopic } from "./transitions.server";
import { isCurrent } from "~/validation/form-version";

export type LogError = "not_allowed" | "not_started" | "closed" | "reason_needed" | "unknown_task" | "changed";
export type LogResult = { ok: true; changed: number; corrected: boolean } | { ok: false; error: LogError };

/** Storage keys of visit log photos: visits/<visit uuid>/<photo uuid>.jpg. */
export const VISIT_PHOTO_KEY = /^visits\/[0-9a-f-]{36}\/[0-9a-f-]{36}\.jpg$/;

/**
 * A photo's key is named by its content: the same photo sent again (a double tap, a retried post, the
 * same picture chosen twice) is the same key, so no change, not a correction "Photo → Photo" each time
 * (an outside probe recorded three).
 */
function photoKeyOf(visitId: string, jpeg: Uint8Array): string {
  const hex = createHash("sha256").update(jpeg).digest("hex");
  return `visits/${visitId}/${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}.jpg`;
}

export async function saveVisitLog(
  db: Database,
  effects: { hub: Hub; storage: FileStorage },
  access: VisitAccess,
  input: Omit<VisitLogInput, "intent">,
  /** A photo already through readPhoto, or null to keep the one there. */
  photo: Uint8Array | null,
  /** The version of the log the form was drawn from (app/validation/form-version.ts); none: not checked. */
  drawnFrom: string | undefined,
  now = new Date(),
): Promise<LogResult> {
  if (access.side !== "carer") return { ok: false, error: "not_allowed" };
  const agreed = access.visit.terms.tasks;
  if (input.tasksDone.some((t) => !agreed.includes(t))) return { ok: false, error: "unknown_task" };
  const newKey = photo ? photoKeyOf(access.visit.id, photo) : null;
  if (photo && newKey) await effects.storage.put(newKey, photo, "image/jpeg");
  const { result, dropped } = await db.transaction(async (tx): Promise<{ result: LogResult; dropped?: string }> => {
    const visit = await lockVisit(tx, access.visit.id);
    const [before] = await tx.select().from(visitLogs).where(eq(visitLogs.visitId, access.visit.id));
    const state = visit ? logState(visit.status, { written: before !== undefined }) : "closed";
    if (state === "not_started" || state === "closed") return { result: { ok: false, error: state } };
    const after: LogValues = {
      tasksDone: orderTasks(input.tasksDone, agreed),
      notes: input.notes,
      mood: input.mood ?? null,
      appetite: input.appetite ?? null,
      mobility: input.mobility ?? null,
      concerns: input.concerns,
      photoKey: newKey ?? before?.photoKey ?? null,
    };
    const changes = logChanges(before ?? null, after);
    if (changes.length === 0) return { result: { ok: true, changed: 0, corrected: false } };
    // Saved meanwhile from another form: this one would put back what that save changed.
    if (!isCurrent(drawnFrom, before?.updatedAt)) return { result: { ok: false, error: "changed" } };
    const corrected = state === "correction";
    if (corrected) {
      const reason = input.reason?.trim();
      if (!reason) return { result: { ok: false, error: "reason_needed" } };
      await tx
        .insert(visitCorrections)
        .values(changes.map((c) => ({ visitId: access.visit.id, ...c, reason, by: access.viewer.id, at: now })));
    }
    // A photo replaced during the visit was not yet part of the record; after check-out the old one
    // stays, as the correction's evidence.
    const replaced =
      !corrected && before?.photoKey && newKey && newKey !== before.photoKey ? before.photoKey : undefined;
    await tx
      .insert(visitLogs)
      .values({ visitId: access.visit.id, ...after, updatedAt: now })
      .onConflictDoUpdate({ target: visitLogs.visitId, set: { ...after, updatedAt: now } });
    await effects.hub.notify(tx, { topic: visitTopic(access.visit.id), seq: 0, kind: "log" });
    return { result: { ok: true, changed: changes.length, corrected }, dropped: replaced };
  });
  if (!result.ok || result.changed === 0) {
    // Only a file nothing names: the same photo sent again is the file the log or a correction
    // already names (a refused post deleted a correction's evidence that way: an outside probe), and
    // a twin post may have made it the log's meanwhile.
    if (newKey && !(await photoInUse(db, access.visit.id, newKey))) await effects.storage.delete(newKey);
  } else if (dropped) {
    await effects.storage.delete(dropped);
  }
  return result;
}

/** Whether the visit's log, or one of its corrections (the photo it replaced, or put in), names `key`. */
async function photoInUse(db: Database, visitId: string, key: string): Promise<boolean> {
  const [log] = await db.select({ photoKey: visitLogs.photoKey }).from(visitLogs).where(eq(visitLogs.visitId, visitId));
  if (log?.photoKey === key) return true;
  const [named] = await db
    .select({ id: visitCorrections.id })
    .from(visitCorrections)
    .where(
      and(
        eq(visitCorrections.visitId, visitId),
        eq(visitCorrections.field, "photoKey"),
        or(eq(visitCorrections.oldValue, key), eq(visitCorrections.newValue, key)),
      ),
    )
    .limit(1);
  return named !== undefined;
}

/** The log's photo, for the visit's carer and family (the access was checked by the guard). */
export async function visitLogPhoto(
  db: Database,
  storage: FileStorage,
  access: VisitAccess,
): Promise<StoredFile | null> {
  const [log] = await db
    .select({ photoKey: visitLogs.photoKey })
    .from(visitLogs)
    .where(eq(visitLogs.visitId, access.visit.id));
  if (!log?.photoKey || !VISIT_PHOTO_KEY.test(log.photoKey)) return null;
  return storage.get(log.photoKey);
}

/** The log as the form starts from. */
export async function visitLogValues(
  db: Database,
  access: VisitAccess,
): Promise<(LogValues & { savedAt: Date }) | null> {
  const [log] = await db.select().from(visitLogs).where(eq(visitLogs.visitId, access.visit.id));
  if (!log) return null;
  return {
    savedAt: log.updatedAt,
    tasksDone: log.tasksDone,
    notes: log.notes,
    mood: log.mood,
    appetite: log.appetite,
    mobility: log.mobility,
    concerns: log.concerns,
    photoKey: log.photoKey,
  };
}
