// What cancelling a visit costs, by who cancels and when. A family pays what the agreed terms say
// (recorded only: there are no payments yet); a carer who cancels less than 24 hours ahead is
// flagged, and the punctuality score reads the flag (PRODUCT §5). Pure.
import type { CancellationPolicy } from "~db/schema";

const HOUR = 3_600_000;

/** A carer's cancellation closer to the start than this is a late one. */
export const LATE_CANCELLATION_MS = 24 * HOUR;

/**
 * Each policy (db/schema/chat.ts): free until this long before the start, then this share of the
 * price. Flexible says only "free until 2 hours before"; inside those 2 hours the carer is on the
 * way or about to be, so the full price applies, as under strict.
 */
export const POLICY_TERMS: Record<CancellationPolicy, { freeUntilMs: number; share: number }> = {
  flexible: { freeUntilMs: 2 * HOUR, share: 1 },
  moderate: { freeUntilMs: 24 * HOUR, share: 0.5 },
  strict: { freeUntilMs: 72 * HOUR, share: 1 },
};

/** What a family's cancellation at `now` costs under the visit's policy, in cents. */
export function familyCancellationFee(
  visit: { cancellation: CancellationPolicy; priceCents: number; startsAt: Date },
  now: Date,
): number {
  const terms = POLICY_TERMS[visit.cancellation];
  if (visit.startsAt.getTime() - now.getTime() >= terms.freeUntilMs) return 0;
  return Math.round(visit.priceCents * terms.share);
}

/** Whether a carer's cancellation at `now` is a late one. */
export function isLateCarerCancellation(visit: { startsAt: Date }, now: Date): boolean {
  return visit.startsAt.getTime() - now.getTime() < LATE_CANCELLATION_MS;
}

export type CancellingSide = "family" | "carer";

/** The consequence recorded on the visit: a fee for a family, the late flag for a carer. */
export function cancellationConsequence(
  side: CancellingSide,
  visit: { cancellation: CancellationPolicy; priceCents: number; startsAt: Date },
  now: Date,
): { cancellationFeeCents: number | null; lateCancellation: boolean } {
  return side === "family"
    ? { cancellationFeeCents: familyCancellationFee(visit, now), lateCancellation: false }
    : { cancellationFeeCents: null, lateCancellation: isLateCarerCancellation(visit, now) };
}

/** When a family's cancellation stops being free: the page says "free until …". */
export function freeUntil(visit: { cancellation: CancellationPolicy; startsAt: Date }): Date {
  return new Date(visit.startsAt.getTime() - POLICY_TERMS[visit.cancellation].freeUntilMs);
}
