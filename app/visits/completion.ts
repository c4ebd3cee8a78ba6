// When a completed visit confirms itself: 48 hours after check-out without the family's answer
// (PRODUCT §5). Pure; the scan (alerts.server.ts) passes the clock.
import type { VisitStatus } from "~db/schema";

export const AUTO_CONFIRM_AFTER_MS = 48 * 3_600_000;

export function autoConfirmDue(visit: { status: VisitStatus; checkedOutAt: Date | null }, now: Date): boolean {
  return (
    visit.status === "completed" &&
    visit.checkedOutAt !== null &&
    now.getTime() - visit.checkedOutAt.getTime() >= AUTO_CONFIRM_AFTER_MS
  );
}
