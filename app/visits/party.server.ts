// Who a visit belongs to, for the pages that act on it (cancel, confirm, dispute): its carer, and the
// family members of its parent. This is those pages' one access check (party-guard.server.ts calls
// it at the route's edge); the functions that act on the visit take its result, not an id.
import { and, eq } from "drizzle-orm";
import { parentMembers, visits, type Visit } from "~db/schema";
import type { Database } from "~/db.server";
import type { Viewer } from "~/privacy/location";

export type VisitSide = "family" | "carer";

export interface VisitParty {
  viewer: Viewer;
  visitId: string;
  side: VisitSide;
}

/** The viewer's side of the visit, or null when it is not theirs (or does not exist): a 404. */
export async function getVisitParty(db: Database, viewer: Viewer, visitId: string): Promise<VisitParty | null> {
  const [row] = await db
    .select({ carerId: visits.carerId, member: parentMembers.userId })
    .from(visits)
    .leftJoin(parentMembers, and(eq(parentMembers.parentId, visits.parentId), eq(parentMembers.userId, viewer.id)))
    .where(eq(visits.id, visitId))
    .limit(1);
  if (!row) return null;
  if (viewer.role === "carer" && row.carerId === viewer.id) return { viewer, visitId, side: "carer" };
  if (viewer.role === "family" && row.member !== null) return { viewer, visitId, side: "family" };
  return null;
}

/** The party's visit, locked for the rest of the transaction. */
export async function lockPartyVisit(tx: Database, party: VisitParty): Promise<Visit> {
  const [row] = await tx.select().from(visits).where(eq(visits.id, party.visitId)).for("update");
  // Visits are never deleted while their parent and carer exist; the check above just found it.
  if (!row) throw new Error(`visit ${party.visitId} vanished`);
  return row;
}

/** The party's visit, unlocked, for pages. */
export async function readPartyVisit(db: Database, party: VisitParty): Promise<Visit> {
  const [row] = await db.select().from(visits).where(eq(visits.id, party.visitId));
  if (!row) throw new Error(`visit ${party.visitId} vanished`);
  return row;
}
