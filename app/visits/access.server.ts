// Who may open a visit, checked once: its carer, and the parent's family. Anyone else gets null (the
// route answers 404, so another family's visit is not revealed). Everything that acts on a visit
// (taps, positions, the log, the tracking page and stream) takes the VisitAccess returned here.
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { parentMembers, parents, users, visits, type Visit } from "~db/schema";
import { type Database, preparedQuery } from "~/db.server";
import type { Viewer } from "~/privacy/location";

export interface VisitAccess {
  viewer: Viewer;
  side: "carer" | "family";
  /** The family member's role for the parent; null for the carer. */
  memberRole: "owner" | "member" | null;
  visit: Visit;
  parent: { id: string; name: string; timeZone: string };
  carer: { id: string; name: string };
  /** The family member who booked it: whom the carer settled it with in their chat. */
  bookedBy: { name: string };
}

const booker = alias(users, "booker");

export async function getVisitAccess(db: Database, viewer: Viewer, visitId: string): Promise<VisitAccess | null> {
  const [row] = await preparedQuery(db, "visit_access", (db) =>
    db
      .select({
        visit: visits,
        parentName: parents.name,
        parentTimeZone: parents.timeZone,
        carerName: users.name,
        bookedByName: booker.name,
        memberRole: parentMembers.role,
      })
      .from(visits)
      .innerJoin(parents, eq(parents.id, visits.parentId))
      .innerJoin(users, eq(users.id, visits.carerId))
      .innerJoin(booker, eq(booker.id, visits.bookedBy))
      .leftJoin(
        parentMembers,
        and(eq(parentMembers.parentId, visits.parentId), eq(parentMembers.userId, sql.placeholder("viewerId"))),
      )
      .where(eq(visits.id, sql.placeholder("visitId")))
      .limit(1)
      .prepare("visit_access"),
  ).execute({ viewerId: viewer.id, visitId });
  if (!row) return null;
  const isCarer = viewer.role === "carer" && row.visit.carerId === viewer.id;
  const isFamily = viewer.role === "family" && row.memberRole !== null;
  if (!isCarer && !isFamily) return null;
  return {
    viewer,
    side: isCarer ? "carer" : "family",
    memberRole: isFamily ? row.memberRole : null,
    visit: row.visit,
    parent: { id: row.visit.parentId, name: row.parentName, timeZone: row.parentTimeZone },
    carer: { id: row.visit.carerId, name: row.carerName },
    bookedBy: { name: row.bookedByName },
  };
}
