// Parent profiles and who shares them: every read is scoped by the acting user's membership.
import { isDeepStrictEqual } from "node:util";
import { and, asc, eq, sql } from "drizzle-orm";
import {
  offers,
  parentMembers,
  parents,
  users,
  visitRequests,
  type EmergencyContact,
  type ParentMemberRole,
} from "~db/schema";
import { type Database, preparedQuery } from "~/db.server";
import { renderMail } from "~/account/mail-templates";
import { sendMail } from "~/account/mail.server";
import type { Logger } from "~/logger.server";
import { checkPhoneField, toE164 } from "~/auth/phone.server";
import { canSeeParentExact, type Point, type Reach, reachOf, type Viewer } from "~/privacy/location";
import { type ParentInput, ParentSchema } from "./schemas";
import { isCurrent } from "~/validation/form-version";

export interface ParentSummary {
  id: string;
  name: string;
  role: ParentMemberRole;
}

export async function listParentsForUser(db: Database, userId: string): Promise<ParentSummary[]> {
  return db
    .select({ id: parents.id, name: parents.name, role: parentMembers.role })
    .from(parentMembers)
    .innerJoin(parents, eq(parents.id, parentMembers.parentId))
    .where(eq(parentMembers.userId, userId))
    .orderBy(asc(parents.createdAt));
}

/**
 * The user's parents, each with whether the carer's area reaches their home (reachOf): for the
 * "Message" form on a carer's profile. Only the verdict and a rounded distance leave the server.
 */
export async function parentsAgainstArea(
  db: Database,
  userId: string,
  carer: { approx: Point; radiusM: number },
): Promise<({ id: string; name: string } & Reach)[]> {
  const rows = await db
    .select({ id: parents.id, name: parents.name, lat: parents.lat, lng: parents.lng })
    .from(parentMembers)
    .innerJoin(parents, eq(parents.id, parentMembers.parentId))
    .where(eq(parentMembers.userId, userId))
    .orderBy(asc(parents.createdAt));
  return rows.map(({ id, name, lat, lng }) => ({ id, name, ...reachOf({ lat, lng }, carer) }));
}

/** A parent's or an emergency contact's number in E.164: a mobile or a landline (one they are called on). */
function parentPhone(input: string): string | null {
  return toE164(input, { landline: true });
}

/**
 * ParentSchema with the phone rule: a phone that is no real number is refused beside the form's other
 * problems, in one answer (checked after the schema, it came last, in a round of its own after a
 * wrong birth year and a bad emergency number). The schema in the browser checks only the shape:
 * libphonenumber's metadata stays on the server. A phone whose shape failed keeps that message alone.
 * createParent and updateParent refuse a form this lets through with a phone that is no number.
 */
export const ParentSchemaWithPhones = ParentSchema.superRefine(
  (v, ctx) => {
    const check = (phone: unknown, path: (string | number)[]) =>
      checkPhoneField(ctx, phone, path, (p) => (parentPhone(p) ? null : "errors.phoneNumber"));
    check(v.phone, ["phone"]);
    if (Array.isArray(v.emergencyContacts)) {
      v.emergencyContacts.forEach((c, i) => {
        check(typeof c === "object" && c ? c.phone : undefined, ["emergencyContacts", i, "phone"]);
      });
    }
  },
  { when: () => true },
);

/** Stored in E.164, so a text to the parent and the parent's reply name the same number. */
function storedPhone(input: string | undefined): string | null {
  if (!input) return null;
  const e164 = parentPhone(input);
  if (!e164)
    throw new Error("a parent form with a phone that is not a number (parse with ParentSchemaWithPhones first)");
  return e164;
}

function toRow(input: ParentInput) {
  return {
    name: input.name,
    birthYear: input.birthYear ?? null,
    address: input.address,
    phone: storedPhone(input.phone),
    lat: input.lat,
    lng: input.lng,
    timeZone: input.timeZone,
    languages: input.languages,
    needs: input.needs,
    interests: input.interests,
    emergencyContacts: input.emergencyContacts
      .filter((c) => c.name || c.phone)
      .map((c) => ({
        name: c.name ?? "",
        relation: c.relation ?? "",
        phone: storedPhone(c.phone) ?? "",
      })) satisfies EmergencyContact[],
    accessNotes: input.accessNotes,
    visitGoalVisits: input.visitGoalVisits ?? null,
    visitGoalMinutes: input.visitGoalMinutes ?? null,
  };
}

export async function createParent(db: Database, userId: string, input: ParentInput): Promise<string> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(parents)
      .values({ ...toRow(input), createdBy: userId })
      .returning({ id: parents.id });
    await tx.insert(parentMembers).values({ parentId: row!.id, userId, role: "owner" });
    return row!.id;
  });
}

/**
 * The full parent record and the viewer's role, for someone entitled to it; null for anyone else,
 * and the route answers 404, so the existence of another family's parent is not revealed.
 *
 * This is the parents domain's one access check. The functions below that act on a parent take
 * its result (a MemberParent) instead of an id, so none can be called without the check, and none
 * repeats it.
 */
export async function getParentForMember(db: Database, viewer: Viewer, parentId: string, now = new Date()) {
  const [row] = await preparedQuery(db, "parent_for_member", (db) =>
    db
      .select({ parent: parents, memberRole: parentMembers.role })
      .from(parents)
      .leftJoin(
        parentMembers,
        and(eq(parentMembers.parentId, parents.id), eq(parentMembers.userId, sql.placeholder("viewerId"))),
      )
      .where(eq(parents.id, sql.placeholder("parentId")))
      .limit(1)
      .prepare("parent_for_member"),
  ).execute({ viewerId: viewer.id, parentId });
  // Only the family (and admins) manage a parent here; a carer's view of the home goes through a
  // visit (app/visits/visits.server.ts).
  if (!row || viewer.role === "carer" || !canSeeParentExact(viewer, { memberRole: row.memberRole }, now)) return null;
  return { ...row.parent, memberRole: row.memberRole, viewer };
}

export type MemberParent = NonNullable<Awaited<ReturnType<typeof getParentForMember>>>;

/** Only what a parent page needs: the form values, never the database's internal columns. */
export function parentFormValues(p: MemberParent) {
  return {
    name: p.name,
    birthYear: p.birthYear ?? undefined,
    address: p.address,
    phone: p.phone ?? undefined,
    lat: p.lat,
    lng: p.lng,
    timeZone: p.timeZone,
    languages: p.languages,
    needs: p.needs,
    interests: p.interests,
    emergencyContacts: p.emergencyContacts,
    accessNotes: p.accessNotes,
    visitGoalVisits: p.visitGoalVisits ?? undefined,
    visitGoalMinutes: p.visitGoalMinutes ?? undefined,
  };
}

/**
 * Saves the parent's details. `drawnFrom` is the version the form was drawn from
 * (app/validation/form-version.ts): a save from a form drawn before another save is refused as
 * `changed`, unless it changes nothing (a double tap or a retry, whose first post saved the same).
 */
export async function updateParent(
  db: Database,
  parent: MemberParent,
  input: ParentInput,
  drawnFrom: string | undefined,
  now = new Date(),
): Promise<{ ok: true; changed: boolean } | { ok: false; error: "changed" }> {
  return db.transaction(async (tx) => {
    const row = toRow(input);
    const [current] = await tx.select().from(parents).where(eq(parents.id, parent.id)).for("update");
    if (!current) return { ok: false, error: "changed" } as const;
    // Compared as values, not as JSON text: jsonb gives an object's keys back in its own order.
    const same = (Object.keys(row) as (keyof typeof row)[]).every((k) =>
      isDeepStrictEqual(row[k] ?? null, current[k] ?? null),
    );
    if (same) return { ok: true, changed: false } as const;
    if (!isCurrent(drawnFrom, current.updatedAt)) return { ok: false, error: "changed" } as const;
    await tx
      .update(parents)
      // A new number must be confirmed again before anything is texted to it.
      .set({ ...row, updatedAt: now, ...(row.phone === parent.phone ? {} : { phoneVerifiedAt: null }) })
      .where(eq(parents.id, parent.id));
    // Open requests carry the home point for the nearby-jobs index: keep them in step.
    await tx
      .update(visitRequests)
      .set({ lat: input.lat, lng: input.lng })
      .where(and(eq(visitRequests.parentId, parent.id), eq(visitRequests.status, "open")));
    return { ok: true, changed: true } as const;
  });
}

export async function listMembers(db: Database, parent: MemberParent) {
  return preparedQuery(db, "parent_members", (db) =>
    db
      .select({ userId: parentMembers.userId, name: users.name, role: parentMembers.role })
      .from(parentMembers)
      .innerJoin(users, eq(users.id, parentMembers.userId))
      .where(eq(parentMembers.parentId, sql.placeholder("parentId")))
      .orderBy(sql`${parentMembers.role} = 'member'`, asc(parentMembers.createdAt))
      .prepare("parent_members"),
  ).execute({ parentId: parent.id });
}

export type RemoveMemberResult = { ok: true } | { ok: false; error: "not_owner" | "not_member" | "last_owner" };

/**
 * Owners may remove members; anyone may leave. The last owner cannot leave or be removed. Whoever
 * goes loses their say over the parent with their membership, in the same transaction: their open
 * requests for this parent are cancelled, the open offers in their conversations about it are
 * withdrawn, and those conversations close (a carer reads them still, and nothing more can be sent,
 * offered or accepted: app/chat/conversations.server.ts). Visits already booked go ahead.
 */
export async function removeMember(
  db: Database,
  parent: MemberParent,
  userId: string,
  logger: Logger,
  now = new Date(),
): Promise<RemoveMemberResult> {
  if (parent.memberRole !== "owner" && userId !== parent.viewer.id) return { ok: false, error: "not_owner" };
  return db.transaction(async (tx) => {
    // Membership changes of one parent take turns, so two owners cannot remove each other at once. "No key
    // update": a booking or an offer for this parent (a key share through its foreign key) is not held up
    // by it, so the member's own lock, which they take first, decides who goes first (a deadlock before).
    await tx.execute(sql`select id from parents where id = ${parent.id} for no key update`);
    const members = await listMembers(tx, parent);
    const target = members.find((m) => m.userId === userId);
    if (!target) return { ok: false as const, error: "not_member" as const };
    if (target.role === "owner" && members.filter((m) => m.role === "owner").length === 1) {
      return { ok: false as const, error: "last_owner" as const };
    }
    await tx.delete(parentMembers).where(and(eq(parentMembers.parentId, parent.id), eq(parentMembers.userId, userId)));
    await tx
      .update(visitRequests)
      .set({ status: "cancelled" })
      .where(
        and(
          eq(visitRequests.parentId, parent.id),
          eq(visitRequests.createdBy, userId),
          eq(visitRequests.status, "open"),
        ),
      );
    const theirs = sql`(select id from conversations where parent_id = ${parent.id} and family_user_id = ${userId})`;
    await tx
      .update(offers)
      .set({ status: "withdrawn", respondedBy: userId, respondedAt: now })
      .where(and(sql`${offers.conversationId} in ${theirs}`, eq(offers.status, "open")));
    await tx.execute(sql`update conversations set family_unread = 0
      where parent_id = ${parent.id} and family_user_id = ${userId}`);
    // Removed by another (not leaving): told by email, in their language, what went with it. The
    // parent's pages were gone for them without a word (a 404 where a parent had been).
    if (userId !== parent.viewer.id) {
      const [removed] = await tx
        .select({ email: users.email, locale: users.locale, erasedAt: users.erasedAt })
        .from(users)
        .where(eq(users.id, userId));
      if (removed && !removed.erasedAt) {
        const mail = renderMail("removed_from_family", removed.locale, {
          parent: parent.name,
          by: members.find((m) => m.userId === parent.viewer.id)?.name ?? "",
        });
        await sendMail(tx, logger, { userId, to: removed.email, kind: "removed_from_family", ...mail }, now);
      }
    }
    return { ok: true as const };
  });
}
