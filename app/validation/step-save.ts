// A form in steps (ADR 022) posts every step, the others riding along with their saved values. A save
// writes only the posted step's own fields over what is saved: a client that posts one step alone
// (a script, a stale page, a careless client) must not blank the others and be told "saved" (an
// outside probe wiped a carer's services and a parent's phone and door code that way).

/**
 * `saved` with the fields `own` taken from `posted`; `posted` whole when nothing is saved yet. The saved
 * values were checked by the same schema when they were written (the database types them more loosely).
 */
export function withStepFields<T extends object>(saved: object | null, posted: T, own: readonly string[]): T {
  if (!saved) return posted;
  const out: Record<string, unknown> = { ...saved };
  for (const field of own) out[field] = (posted as Record<string, unknown>)[field];
  return out as T;
}
