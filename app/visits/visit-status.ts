// A visit's lifecycle as data: the states, the named transitions, and who may fire each. Everything
// that changes a visit's state goes through one of these (app/visits/transitions.server.ts), and
// side effects (texts, the tracking stream) hang off the transition's name, not off an `if`.
import type { VisitStatus } from "~db/schema";

export type Actor = "carer" | "family" | "system" | "admin";

export interface Transition {
  from: readonly VisitStatus[];
  to: VisitStatus;
  by: readonly Actor[];
}

export const TRANSITIONS = {
  /** The carer sets off: their position is shared with the family until check-in. */
  start_travel: { from: ["scheduled"], to: "on_the_way", by: ["carer"] },
  check_in: { from: ["scheduled", "on_the_way"], to: "in_progress", by: ["carer"] },
  check_out: { from: ["in_progress"], to: "completed", by: ["carer"] },
  confirm: { from: ["completed"], to: "confirmed", by: ["family"] },
  /** 48 hours after check-out without an answer. */
  auto_confirm: { from: ["completed"], to: "confirmed", by: ["system"] },
  /** The family (or the parent's own "no") disputes a visit; a carer disputes a "missed". */
  dispute: { from: ["completed", "confirmed", "missed"], to: "disputed", by: ["family", "carer", "system"] },
  cancel: { from: ["scheduled", "on_the_way"], to: "cancelled", by: ["family", "carer", "admin"] },
  /** No check-in 60 minutes after the start. */
  mark_missed: { from: ["scheduled", "on_the_way"], to: "missed", by: ["system"] },
  /** An admin's decision on a dispute. */
  resolve_as_done: { from: ["disputed"], to: "confirmed", by: ["admin"] },
  resolve_as_missed: { from: ["disputed"], to: "missed", by: ["admin"] },
  resolve_as_cancelled: { from: ["disputed"], to: "cancelled", by: ["admin"] },
} as const satisfies Record<string, Transition>;

export type TransitionName = keyof typeof TRANSITIONS;

export const ACTIVE_STATES: readonly VisitStatus[] = ["scheduled", "on_the_way", "in_progress"];
export const FINAL_STATES: readonly VisitStatus[] = ["confirmed", "cancelled"];

/**
 * The reasons the app itself writes on a transition: a missed visit, the parent's "no", a carer's
 * suspension. Pages show each as a label in the reader's language (visits.track.systemReasons);
 * any other reason on an event is a person's own words, shown as written. A transition fired
 * without a reason (a confirmation) has none: fire() stores null, not the transition's name.
 */
export const SYSTEM_REASONS = ["no_check_in", "parent_said_no", "carer_unavailable"] as const;
export type SystemReason = (typeof SYSTEM_REASONS)[number];

export function isSystemReason(reason: string): reason is SystemReason {
  return (SYSTEM_REASONS as readonly string[]).includes(reason);
}

/**
 * A visit the carer has done: checked out, and completed or confirmed. The same meaning as "a
 * completed visit" for ratings (ADR 019): a disputed visit is not counted until an admin resolves
 * it as done, and a missed one resolved as done has no check-out. A carer's visits_completed column
 * is the count of these; fire() moves it with each transition, and recountVisitsCompleted
 * (app/carers/visits-completed.server.ts) is the SQL twin a test holds equal.
 */
export const DONE_STATES: readonly VisitStatus[] = ["completed", "confirmed"];

export function countsAsDone(v: { status: VisitStatus; checkedOutAt: Date | null }): boolean {
  return DONE_STATES.includes(v.status) && v.checkedOutAt !== null;
}

/** Whether `actor` may fire `name` on a visit in `status`. */
export function canFire(name: TransitionName, status: VisitStatus, actor: Actor): boolean {
  const t: Transition = TRANSITIONS[name];
  return t.from.includes(status) && t.by.includes(actor);
}

/** The transitions an actor could fire from a state: what the page offers as buttons. */
export function available(status: VisitStatus, actor: Actor): TransitionName[] {
  return (Object.keys(TRANSITIONS) as TransitionName[]).filter((name) => canFire(name, status, actor));
}

/**
 * Why a visit cannot be confirmed or rated (yet): over for good (cancelled, missed), waiting on an
 * admin (disputed), or still to happen. "Once it is completed" was said of a cancelled visit.
 */
export type NotDone = "cancelled" | "missed" | "disputed" | "no_check_out" | "not_yet";

/** `checkedOut`: whether it was; a missed visit an admin ruled done is confirmed with no check-out. */
export function notDoneReason(status: VisitStatus, checkedOut = true): NotDone {
  if (status === "cancelled" || status === "missed" || status === "disputed") return status;
  return DONE_STATES.includes(status) && !checkedOut ? "no_check_out" : "not_yet";
}
