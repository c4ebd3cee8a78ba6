// The end of a visit, as rules: when a completed visit confirms itself (48 hours after check-out
// without the family's answer, PRODUCT §5), and who may dispute it until when. Pure; callers pass
// the clock.
import type { VisitStatus } from "~db/schema";
import { canFire } from "./visit-status";

export const AUTO_CONFIRM_AFTER_MS = 48 * 3_600_000;

export function autoConfirmDue(visit: { status: VisitStatus; checkedOutAt: Date | null }, now: Date): boolean {
  return (
    visit.status === "completed" &&
    visit.checkedOutAt !== null &&
    now.getTime() - visit.checkedOutAt.getTime() >= AUTO_CONFIRM_AFTER_MS
  );
}

/**
 * A visit may be disputed for 15 days after it ended, the time the family has to rate it: long
 * enough to notice what went wrong, short enough that an admin can still weigh fresh evidence and a
 * carer's record is not reopened months later.
 */
export const DISPUTE_WITHIN_DAYS = 15;

interface Disputable {
  status: VisitStatus;
  checkedOutAt: Date | null;
  endsAt: Date;
  /** An admin has ruled on a dispute of this visit: the ruling is final (disputeRuled, .server). */
  ruled?: boolean;
}

/** The last moment to dispute: from the check-out, or the visit's scheduled end when there was none. */
export function disputeDeadline(visit: Pick<Disputable, "checkedOutAt" | "endsAt">): Date {
  const ended = visit.checkedOutAt ?? visit.endsAt;
  return new Date(ended.getTime() + DISPUTE_WITHIN_DAYS * 86_400_000);
}

/**
 * Whether this side may open a dispute now. The family disputes a visit done, confirmed or missed;
 * the carer only a visit marked missed (they were there and could not check in).
 */
export function mayDispute(visit: Disputable, side: "family" | "carer", now: Date): boolean {
  if (visit.ruled || !canFire("dispute", visit.status, side)) return false;
  if (side === "carer" && visit.status !== "missed") return false;
  return now.getTime() < disputeDeadline(visit).getTime();
}

/** Which of the visit page's cancel, confirm and dispute links this side sees now. */
export function visitActionsFor(visit: Disputable, side: "family" | "carer", now: Date) {
  return {
    cancel: canFire("cancel", visit.status, side),
    confirm: canFire("confirm", visit.status, side),
    dispute: mayDispute(visit, side, now),
  };
}
