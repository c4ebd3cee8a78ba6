// Who a visit belongs to, for the pages that act on it (cancel, confirm, dispute): its carer, and the
// family members of its parent. Anyone else gets null, and the route answers 404, so the existence of
// another family's visit is not revealed.
import { and, eq } from "drizzle-orm";
import { parentMembers, visits, type Visit } from "~db/schema";
import type { Database } from "~/db.server";
import type { Viewer } from "~/privacy/location";

export type VisitSide = "family" | "carer";

export async function visitForParty(
  db: Database,
  viewer: Viewer,
  visitId: string,
  { lock = false } = {},
): Promise<{ visit: Visit; side: VisitSide } | null> {
  const query = db
    .select({ visit: visits, member: parentMembers.userId })
    .from(visits)
    .leftJoin(parentMembers, and(eq(parentMembers.parentId, visits.parentId), eq(parentMembers.userId, viewer.id)))
    .where(eq(visits.id, visitId))
    .limit(1);
  // Locks the visit row only (the member row is not ours to lock).
  const [row] = lock ? await query.for("update", { of: visits }) : await query;
  if (!row) return null;
  if (viewer.role === "carer" && row.visit.carerId === viewer.id) return { visit: row.visit, side: "carer" };
  if (viewer.role === "family" && row.member !== null) return { visit: row.visit, side: "family" };
  return null;
}
