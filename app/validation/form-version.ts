// Forms that edit a saved row (a parent's details, a visit log) carry the version they were drawn from:
// when the row was last saved. A save from a form drawn before another save (a second tab, another
// family member at the same moment) would put back what the other save changed, unseen: an outside
// probe lost a carer's note of a bruise that way. Such a save is refused and says so, unless it changes
// nothing (a double tap, a retry: their first post already saved the same values). No zod here: the
// pages import the field's name (the server reads the posted value: form-version.server.ts).

/** The hidden field a form's version travels in. */
export const VERSION_FIELD = "version";

/** A saved row's version: when it was saved, in milliseconds; "new" while nothing is saved. */
export function versionOf(savedAt: Date | string | null | undefined): string {
  return savedAt ? String(new Date(savedAt).getTime()) : "new";
}

/** Whether a form drawn at `posted` was drawn from the row as saved at `savedAt` (none posted: not checked). */
export function isCurrent(posted: string | undefined, savedAt: Date | string | null | undefined): boolean {
  return posted === undefined || posted === versionOf(savedAt);
}
