// A visit's timeline, as the family follows it (booked, reminder sent, on the way, arrived 10:02 ·
// 40 m from home, notes, left 11:05 · 63 min, …): built from the visit's events, its EVV columns,
// the alerts sent, the log, corrections and the parent's own answer. Pure; times come out as ISO
// strings, ready for the page.
import type { VisitStatus } from "~db/schema";
import { isSystemReason, type SystemReason } from "./visit-status";

export interface TimelineEvent {
  id: number;
  at: Date;
  fromStatus: VisitStatus | null;
  toStatus: VisitStatus;
  reason: string | null;
  data: Record<string, string | number | boolean | null> | null;
}

export interface TimelineEvv {
  checkedInAt: Date | null;
  checkInDistanceM: number | null;
  checkInAccuracyM: number | null;
  checkInReason: string | null;
  checkedOutAt: Date | null;
  checkOutDistanceM: number | null;
  checkOutAccuracyM: number | null;
  checkOutReason: string | null;
  /** The booked times: a visit much shorter than booked says so on its check-out. */
  startsAt?: Date;
  endsAt?: Date;
}

/** A visit this much shorter than booked, or more, says so beside its check-out. */
export const SHORT_VISIT_MINUTES = 10;

/** Where the carer was at a check-in or check-out, as the timeline tells it. */
export interface TimelinePlace {
  distanceM: number | null;
  accuracyM: number | null;
  /** Given when the carer was away from the home or had no position. */
  reason: string | null;
  /** A fix too vague to say much (accepted, flagged), or none at all. */
  flagged: boolean;
  noFix: boolean;
}

/** A transition's reason: one the app wrote (shown as a translated label) or a person's words. */
export type StatusReason = { code: SystemReason } | { words: string };

export type TimelineEntry =
  | { kind: "booked"; at: string }
  | {
      kind: "reminder";
      /** When it was texted, once it was; else when the scan made it. */
      at: string;
      /** What became of the text: see reminderText. */
      text: ReminderText;
      /** Held: the time it is to go out at. */
      until: string | null;
    }
  | { kind: "late"; at: string; to: "carer" | "family" }
  | { kind: "on_the_way"; at: string; etaMinutes: number | null }
  | ({ kind: "arrived"; at: string } & TimelinePlace)
  | ({ kind: "left"; at: string; minutes: number | null; shortByMinutes: number | null } & TimelinePlace)
  | { kind: "log"; at: string; notes: string }
  | { kind: "correction"; at: string; field: string; reason: string }
  | { kind: "parent_asked"; at: string }
  | { kind: "parent_answered"; at: string; answer: "yes" | "no" }
  | {
      kind: "status";
      at: string;
      to: VisitStatus;
      transition: string;
      reason: StatusReason | null;
      auto: boolean;
      /** Who made the change, when a person did: the family, the carer or Kinvisit (an admin). */
      by: "family" | "carer" | "admin" | null;
    };

export interface TimelineInput {
  events: TimelineEvent[];
  evv: TimelineEvv;
  alerts: { kind: string; at: Date; text?: AlertText | null }[];
  log: { notes: string; updatedAt: Date } | null;
  corrections: { field: string; reason: string; at: Date }[];
  parentCheck: { sentAt: Date; answer: "yes" | "no" | null; answeredAt: Date | null } | null;
}

/** The carer's text of an alert, as the SMS queue holds it (sms_messages). */
export interface AlertText {
  status: "pending" | "sending" | "accepted" | "sent" | "delivered" | "undelivered" | "failed" | "suppressed" | null;
  sendAfter: Date | null;
  acceptedAt: Date | null;
}

/**
 * sent: the provider took it. held: waiting for the carer's quiet hours to end (a text waits at most
 * until half an hour before the visit). sending: queued to go now. not_sent: never sent (the carer
 * turned these texts off, has no confirmed number, or replied STOP). failed: the provider could not
 * deliver it. Unknown (no text found, as for reminders made before texts were kept with them): sent,
 * as the timeline said before.
 */
export type ReminderText = "sent" | "held" | "sending" | "not_sent" | "failed";

/** A minute's grace: a text queued "now" is not said to be held. */
const HELD_AFTER_MS = 60_000;

export function reminderText(
  alertAt: Date,
  text: AlertText | null | undefined,
): { state: ReminderText; until: Date | null } {
  switch (text?.status) {
    case "pending":
    case "sending":
      return text.sendAfter && text.sendAfter.getTime() - alertAt.getTime() > HELD_AFTER_MS
        ? { state: "held", until: text.sendAfter }
        : { state: "sending", until: null };
    case "suppressed":
      return { state: "not_sent", until: null };
    case "failed":
    case "undelivered":
      return { state: "failed", until: null };
    default:
      return { state: "sent", until: null };
  }
}

/** The transition an event records (fire() writes it into the event's data). */
export function transitionOf(e: Pick<TimelineEvent, "data" | "fromStatus" | "toStatus">): string {
  const name = e.data?.transition;
  if (typeof name === "string") return name;
  return e.fromStatus === null && e.toStatus === "scheduled" ? "booked" : "unknown";
}

/**
 * The reason given for a transition, if any. Events written before fire() stored null for "no
 * reason" hold the transition's name instead, and a confirmation held "confirmed": neither is a
 * reason, and neither may reach the page as an untranslated word.
 */
export function givenReason(
  e: Pick<TimelineEvent, "data" | "fromStatus" | "toStatus" | "reason">,
): StatusReason | null {
  const name = transitionOf(e);
  const reason = e.reason?.trim();
  if (!reason || reason === name || reason === "booked" || (name === "confirm" && reason === "confirmed")) return null;
  return isSystemReason(reason) ? { code: reason } : { words: reason };
}

const flag = (e: TimelineEvent, key: string) => e.data?.[key] === true;

function place(
  e: TimelineEvent,
  distanceM: number | null,
  accuracyM: number | null,
  reason: string | null,
): TimelinePlace {
  const noFix = distanceM === null && accuracyM === null;
  return { distanceM, accuracyM, reason, flagged: flag(e, "flagged") || noFix, noFix };
}

/** Minutes between check-in and check-out, rounded. */
export function visitMinutes(evv: Pick<TimelineEvv, "checkedInAt" | "checkedOutAt">): number | null {
  if (!evv.checkedInAt || !evv.checkedOutAt) return null;
  return Math.round((evv.checkedOutAt.getTime() - evv.checkedInAt.getTime()) / 60_000);
}

/**
 * How many minutes shorter than booked the visit was (time checked in against the booked length),
 * when that is SHORT_VISIT_MINUTES or more: a carer who came early and left early after the full
 * time is not short.
 */
export function shortBy(evv: Pick<TimelineEvv, "checkedInAt" | "checkedOutAt" | "startsAt" | "endsAt">): number | null {
  const done = visitMinutes(evv);
  if (done === null || !evv.startsAt || !evv.endsAt) return null;
  const booked = Math.round((evv.endsAt.getTime() - evv.startsAt.getTime()) / 60_000);
  const short = booked - done;
  return short >= SHORT_VISIT_MINUTES ? short : null;
}

/**
 * Whether the carer checked out before the booked start: the whole visit happened before its time
 * (check-in opens two hours early). Listed with the exceptions, and never on time (the ratings'
 * measured punctuality): it read as completed and punctual.
 */
export function endedBeforeStart(evv: Pick<TimelineEvv, "checkedOutAt" | "startsAt">): boolean {
  return (
    evv.checkedOutAt !== null && evv.startsAt !== undefined && evv.checkedOutAt.getTime() <= evv.startsAt.getTime()
  );
}

// When two entries share a second, the one that happens first in a visit's life comes first.
const ORDER: Record<TimelineEntry["kind"], number> = {
  booked: 0,
  reminder: 1,
  late: 2,
  on_the_way: 3,
  arrived: 4,
  log: 5,
  left: 6,
  parent_asked: 7,
  parent_answered: 8,
  status: 9,
  correction: 10,
};

export function buildTimeline(input: TimelineInput): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  const iso = (d: Date) => d.toISOString();
  const { evv } = input;
  for (const e of input.events) {
    // Events that record a side effect rather than a change of state (a reminder sent, the parent
    // asked or answering) come into the timeline from their own rows below.
    if (!e.data?.transition && e.fromStatus === e.toStatus) continue;
    const name = transitionOf(e);
    switch (name) {
      case "booked":
        out.push({ kind: "booked", at: iso(e.at) });
        break;
      case "start_travel": {
        const eta = e.data?.etaMinutes;
        out.push({ kind: "on_the_way", at: iso(e.at), etaMinutes: typeof eta === "number" ? eta : null });
        break;
      }
      case "check_in":
        out.push({
          kind: "arrived",
          at: iso(evv.checkedInAt ?? e.at),
          ...place(e, evv.checkInDistanceM, evv.checkInAccuracyM, evv.checkInReason),
        });
        break;
      case "check_out":
        out.push({
          kind: "left",
          at: iso(evv.checkedOutAt ?? e.at),
          minutes: visitMinutes(evv),
          shortByMinutes: shortBy(evv),
          ...place(e, evv.checkOutDistanceM, evv.checkOutAccuracyM, evv.checkOutReason),
        });
        break;
      default:
        out.push({
          kind: "status",
          at: iso(e.at),
          to: e.toStatus,
          transition: name,
          reason: givenReason(e),
          auto: name === "auto_confirm",
          // A cancelled visit said "Cancelled" and why, not by whom (a new-user walk).
          by: e.data?.by === "family" || e.data?.by === "carer" || e.data?.by === "admin" ? e.data.by : null,
        });
    }
  }
  for (const a of input.alerts) {
    if (a.kind === "reminder") {
      const { state, until } = reminderText(a.at, a.text);
      const at = state === "sent" && a.text?.acceptedAt ? a.text.acceptedAt : a.at;
      out.push({ kind: "reminder", at: iso(at), text: state, until: until ? iso(until) : null });
    }
    if (a.kind === "late_carer") out.push({ kind: "late", at: iso(a.at), to: "carer" });
    if (a.kind === "late_family") out.push({ kind: "late", at: iso(a.at), to: "family" });
  }
  if (input.log?.notes.trim()) {
    out.push({ kind: "log", at: iso(input.log.updatedAt), notes: input.log.notes.trim() });
  }
  for (const c of input.corrections) out.push({ kind: "correction", at: iso(c.at), field: c.field, reason: c.reason });
  const check = input.parentCheck;
  if (check) {
    out.push({ kind: "parent_asked", at: iso(check.sentAt) });
    if (check.answer && check.answeredAt)
      out.push({ kind: "parent_answered", at: iso(check.answeredAt), answer: check.answer });
  }
  return out.sort((a, b) => a.at.localeCompare(b.at) || ORDER[a.kind] - ORDER[b.kind]);
}
