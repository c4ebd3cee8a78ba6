// The visit log's rules: when the carer may write it, and what a change after check-out is. During
// the visit the carer writes freely; once it is completed, every changed field is a correction that
// needs a reason and is kept for the family to see. Pure.
import type { VisitStatus } from "~db/schema";

export const MOODS = ["good", "fair", "low"] as const;
export const LEVELS = ["usual", "less", "more"] as const;
export type Mood = (typeof MOODS)[number];
export type Level = (typeof LEVELS)[number];

export interface LogValues {
  tasksDone: string[];
  notes: string;
  mood: Mood | null;
  appetite: Level | null;
  mobility: Level | null;
  concerns: string;
  /** The storage key of the photo, if any. */
  photoKey: string | null;
}

export const EMPTY_LOG: LogValues = {
  tasksDone: [],
  notes: "",
  mood: null,
  appetite: null,
  mobility: null,
  concerns: "",
  photoKey: null,
};

export type LogField = keyof LogValues;

/** "open": written freely; "correction": each change needs a reason; otherwise why it is shut. */
export type LogState = "open" | "correction" | "not_started" | "closed";

/**
 * `written`: whether the visit has a log yet. A carer who writes it just after checking out writes it
 * for the first time: nothing is corrected, so no reason is asked and no correction is recorded, until
 * the family has confirmed the visit or disputed it.
 */
export function logState(status: VisitStatus, { written = true }: { written?: boolean } = {}): LogState {
  switch (status) {
    case "in_progress":
      return "open";
    case "completed":
      return written ? "correction" : "open";
    case "confirmed":
    case "disputed":
      return "correction";
    case "scheduled":
    case "on_the_way":
      return "not_started";
    case "cancelled":
    case "missed":
      return "closed";
  }
}

export interface LogChange {
  field: LogField;
  oldValue: string | null;
  newValue: string | null;
}

function text(field: LogField, values: LogValues): string | null {
  const v = values[field];
  if (Array.isArray(v)) return v.length ? v.join("\n") : null;
  return v === null || v === "" ? null : String(v);
}

/** Tasks are kept in the order of the agreed terms, so ticking them in another order changes nothing. */
export function orderTasks(done: string[], agreed: readonly string[]): string[] {
  const set = new Set(done);
  return agreed.filter((t) => set.has(t));
}

/** The fields whose value differs, with the old and new value as text (tasks one per line). */
export function logChanges(before: LogValues | null, after: LogValues): LogChange[] {
  const old = before ?? EMPTY_LOG;
  const fields: LogField[] = ["tasksDone", "notes", "mood", "appetite", "mobility", "concerns", "photoKey"];
  const changes: LogChange[] = [];
  for (const field of fields) {
    const a = text(field, old);
    const b = text(field, after);
    if (a !== b) changes.push({ field, oldValue: a, newValue: b });
  }
  return changes;
}

/** Lengths of the log's text fields (the schema in log-schemas.ts and the form read them). */
export const NOTES_MAX = 2000;
export const CONCERNS_MAX = 1000;
export const CORRECTION_REASON_MAX = 300;
