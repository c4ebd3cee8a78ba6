// The end of a visit, on the family's side: confirming it, or disputing it with a reason. A dispute
// is a row for admins (the Admin issue decides them) naming the visit, from which the evidence is
// reached: the visit's EVV record, its events, log, corrections and the parent's own answer.
import { and, eq, ne } from "drizzle-orm";
import { disputes, parents, users } from "~db/schema";
import type { Database } from "~/db.server";
import { lockPartyVisit, readPartyVisit, type VisitParty } from "./party.server";
import { mayDispute } from "./completion";
import { fire, type VisitEffects } from "./transitions.server";
import { canFire, notDoneReason, type NotDone } from "./visit-status";

/**
 * Whether an admin has ruled on a dispute of the visit. A ruling is final: neither side opens another
 * (a family re-disputed a ruling of "done", the carer the ruling of "missed" that followed: an outside
 * probe).
 */
export async function disputeRuled(db: Database, visitId: string): Promise<boolean> {
  const [ruled] = await db
    .select({ id: disputes.id })
    .from(disputes)
    .where(and(eq(disputes.visitId, visitId), ne(disputes.status, "open")))
    .limit(1);
  return ruled !== undefined;
}

/** What the confirm and dispute pages show to the visit's family (or, for a missed visit, its carer). */
export async function completionView(db: Database, party: VisitParty, now: Date) {
  const read = await readPartyVisit(db, party);
  const visit = { ...read, ruled: await disputeRuled(db, read.id) };
  const [names] = await db
    .select({ parentName: parents.name, timeZone: parents.timeZone, carerName: users.name })
    .from(parents)
    .innerJoin(users, eq(users.id, visit.carerId))
    .where(eq(parents.id, visit.parentId));
  const minutes =
    visit.checkedInAt && visit.checkedOutAt
      ? Math.round((visit.checkedOutAt.getTime() - visit.checkedInAt.getTime()) / 60_000)
      : null;
  return {
    visit: {
      id: visit.id,
      status: visit.status,
      service: visit.service,
      startsAt: visit.startsAt.toISOString(),
      endsAt: visit.endsAt.toISOString(),
      checkedInAt: visit.checkedInAt?.toISOString() ?? null,
      checkedOutAt: visit.checkedOutAt?.toISOString() ?? null,
      minutes,
      checkInReason: visit.checkInReason,
      checkOutReason: visit.checkOutReason,
      confirmedAt: visit.confirmedAt?.toISOString() ?? null,
      autoConfirmed: visit.autoConfirmed,
    },
    parent: { name: names?.parentName ?? "", timeZone: names?.timeZone ?? "Asia/Shanghai" },
    carer: { name: names?.carerName ?? "" },
    side: party.side,
    canConfirm: party.side === "family" && canFire("confirm", visit.status, "family"),
    /** Why it cannot be confirmed, when it cannot: its page says which. */
    notDone: notDoneReason(visit.status),
    canDispute: mayDispute(visit, party.side, now),
    ruled: visit.ruled,
  };
}

export type CompletionResult =
  | { ok: true }
  | { ok: false; error: "not_completed"; why: NotDone }
  | { ok: false; error: "not_disputable" | "disputed" | "ruled" | "carer_only_missed" };

/** The family confirms a completed visit. */
export async function confirmVisit(
  db: Database,
  effects: VisitEffects,
  party: VisitParty,
  now: Date,
): Promise<CompletionResult> {
  const { viewer } = party;
  return db.transaction(async (tx) => {
    const visit = await lockPartyVisit(tx, party);
    // Confirmed already (this tap retried after a lost answer, or another of the family was first): the
    // answer is the first one's, and nothing happens again.
    if (visit.status === "confirmed") return { ok: true };
    const fired = await fire(
      tx,
      effects,
      visit,
      "confirm",
      { kind: "family", userId: viewer.id },
      { set: { confirmedAt: now } },
      now,
    );
    return fired.ok ? { ok: true } : { ok: false, error: "not_completed", why: notDoneReason(visit.status) };
  });
}

/**
 * The family disputes a visit (or the carer a missed one), with a reason, within the window
 * (mayDispute): the visit moves to disputed and admins get a row.
 */
export async function disputeVisit(
  db: Database,
  effects: VisitEffects,
  party: VisitParty,
  reason: string,
  now: Date,
): Promise<CompletionResult & { disputeId?: string }> {
  const { viewer, visitId, side } = party;
  return db.transaction(async (tx) => {
    const visit = await lockPartyVisit(tx, party);
    // Disputed already by this person: the same words again are a retry after a lost answer, answered
    // as the first was; other words are refused as "already disputed", not dropped unsaid.
    if (visit.status === "disputed") {
      const [mine] = await tx
        .select({ id: disputes.id, reason: disputes.reason })
        .from(disputes)
        .where(and(eq(disputes.visitId, visitId), eq(disputes.openedBy, viewer.id)))
        .limit(1);
      if (mine) return mine.reason === reason ? { ok: true, disputeId: mine.id } : { ok: false, error: "disputed" };
    }
    // A ruling is final (read under the visit's lock, which a ruling also takes).
    if (await disputeRuled(tx, visitId)) return { ok: false, error: "ruled" };
    if (side === "carer" && visit.status !== "missed") return { ok: false, error: "carer_only_missed" };
    // The row is locked: what mayDispute says now, fire() will find.
    if (!mayDispute(visit, side, now)) return { ok: false, error: "not_disputable" };
    const [dispute] = await tx
      .insert(disputes)
      .values({ visitId, openedBy: viewer.id, reason, createdAt: now })
      .returning({ id: disputes.id });
    const fired = await fire(
      tx,
      effects,
      visit,
      "dispute",
      { kind: side, userId: viewer.id },
      { reason, data: { disputeId: dispute!.id } },
      now,
    );
    if (!fired.ok) throw new Error(`dispute refused on a locked ${visit.status} visit`);
    return { ok: true, disputeId: dispute!.id };
  });
}
