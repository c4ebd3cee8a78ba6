// Sharing a parent by invitation link: the token is shown once, only its SHA-256 is stored; 7 days, single use.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { parentInvitations, parentMembers, parents, users } from "~db/schema";
import { type Database, preparedQuery } from "~/db.server";
import type { MemberParent } from "./parents.server";

export const INVITATION_DAYS = 7;
/** 24 random bytes in lower-case base32; anything else is not worth a query. */
const TOKEN_SHAPE = /^[a-z2-7]{20,60}$/;

function hashToken(token: string): Uint8Array {
  return sha256(new TextEncoder().encode(token));
}

export type InviteResult = { ok: true; token: string } | { ok: false; error: "not_owner" | "already_used" };

/**
 * A new invitation link. `submissionKey` is the create form's key: posting the same form again (a
 * double click, a retry after a lost answer) gives that same invitation a fresh token rather than
 * adding a second live link, so the only link that works is the one the owner was last shown.
 */
export async function createInvitation(
  db: Database,
  parent: MemberParent,
  submissionKey: string,
  now = new Date(),
): Promise<InviteResult> {
  if (parent.memberRole !== "owner") return { ok: false, error: "not_owner" };
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  const tokenHash = hashToken(token);
  const [row] = await db
    .insert(parentInvitations)
    .values({
      parentId: parent.id,
      tokenHash,
      invitedBy: parent.viewer.id,
      submissionKey,
      expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
    })
    .onConflictDoUpdate({
      target: [parentInvitations.invitedBy, parentInvitations.submissionKey],
      set: { tokenHash },
      // A link already used stays as it was; the repeat is told so.
      setWhere: and(isNull(parentInvitations.acceptedAt), eq(parentInvitations.parentId, parent.id)),
    })
    .returning({ id: parentInvitations.id });
  return row ? { ok: true, token } : { ok: false, error: "already_used" };
}

/** The owner's view of links not yet used: when each was made and when it lapses; never the token. */
export async function listPendingInvitations(db: Database, parent: MemberParent, now = new Date()) {
  if (parent.memberRole !== "owner") return [];
  return preparedQuery(db, "parent_invitations_pending", (db) =>
    db
      .select({
        id: parentInvitations.id,
        createdAt: parentInvitations.createdAt,
        expiresAt: parentInvitations.expiresAt,
      })
      .from(parentInvitations)
      .where(
        and(
          eq(parentInvitations.parentId, sql.placeholder("parentId")),
          isNull(parentInvitations.acceptedAt),
          gt(parentInvitations.expiresAt, sql.placeholder("now")),
        ),
      )
      .orderBy(parentInvitations.createdAt)
      .prepare("parent_invitations_pending"),
  ).execute({ parentId: parent.id, now: now.toISOString() }); // ISO text: a placeholder gets no encoder
}

/** An owner withdraws a link nobody has used yet. Revoking twice, or another parent's link, changes nothing. */
export async function revokeInvitation(
  db: Database,
  parent: MemberParent,
  invitationId: string,
): Promise<{ ok: true } | { ok: false; error: "not_owner" | "not_found" }> {
  if (parent.memberRole !== "owner") return { ok: false, error: "not_owner" };
  const gone = await db
    .delete(parentInvitations)
    .where(
      and(
        eq(parentInvitations.id, invitationId),
        eq(parentInvitations.parentId, parent.id),
        isNull(parentInvitations.acceptedAt),
      ),
    )
    .returning({ id: parentInvitations.id });
  return gone.length > 0 ? { ok: true } : { ok: false, error: "not_found" };
}

/**
 * What the invitee sees before accepting: the parent's first name and who invites, nothing private,
 * and whether the viewer shares the parent already (the owner opening their own link, say).
 */
export async function previewInvitation(db: Database, token: string, userId: string, now = new Date()) {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db
    .select({
      parentId: parentInvitations.parentId,
      parentName: parents.name,
      inviter: users.name,
      member: parentMembers.userId,
    })
    .from(parentInvitations)
    .innerJoin(parents, eq(parents.id, parentInvitations.parentId))
    .innerJoin(users, eq(users.id, parentInvitations.invitedBy))
    .leftJoin(
      parentMembers,
      and(eq(parentMembers.parentId, parentInvitations.parentId), eq(parentMembers.userId, userId)),
    )
    .where(
      and(
        eq(parentInvitations.tokenHash, hashToken(token)),
        isNull(parentInvitations.acceptedAt),
        gt(parentInvitations.expiresAt, now),
      ),
    )
    .limit(1);
  if (!row) return null;
  const alreadyMember = row.member !== null;
  // The parent's id goes only to those who share the parent already (for a link to its page).
  return {
    parentName: row.parentName,
    inviter: row.inviter,
    alreadyMember,
    parentId: alreadyMember ? row.parentId : null,
  };
}

/** The parent a link already brought this user to, while they are still a member; otherwise null. */
export async function acceptedBy(db: Database, userId: string, token: string): Promise<string | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [mine] = await db
    .select({ parentId: parentInvitations.parentId })
    .from(parentInvitations)
    .innerJoin(
      parentMembers,
      and(eq(parentMembers.parentId, parentInvitations.parentId), eq(parentMembers.userId, userId)),
    )
    .where(and(eq(parentInvitations.tokenHash, hashToken(token)), eq(parentInvitations.acceptedBy, userId)));
  return mine?.parentId ?? null;
}

export type AcceptResult =
  | { ok: true; parentId: string }
  | { ok: false; error: "not_found" }
  /** The viewer shares the parent already: the link is left unused for the person it was made for. */
  | { ok: false; error: "already_member"; parentId: string };

/**
 * Uses the invitation atomically: a second accept by someone else finds nothing; the same person
 * accepting again (a double click, a retry) is simply taken to the parent again. Someone who shares
 * the parent already (the owner trying their own link) does not use it up: it burned the link the
 * owner meant for a sibling (found by an outside probe).
 */
export async function acceptInvitation(
  db: Database,
  userId: string,
  token: string,
  now = new Date(),
): Promise<AcceptResult> {
  if (!TOKEN_SHAPE.test(token)) return { ok: false, error: "not_found" };
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(parentInvitations)
      .set({ acceptedBy: userId, acceptedAt: now })
      .where(
        and(
          eq(parentInvitations.tokenHash, hashToken(token)),
          isNull(parentInvitations.acceptedAt),
          gt(parentInvitations.expiresAt, now),
          sql`not exists (select 1 from ${parentMembers} pm where pm.parent_id = ${parentInvitations.parentId} and pm.user_id = ${userId})`,
        ),
      )
      .returning({ parentId: parentInvitations.parentId, role: parentInvitations.role });
    if (!used) {
      const again = await acceptedBy(tx, userId, token);
      if (again) return { ok: true, parentId: again };
      const open = await previewInvitation(tx, token, userId, now);
      return open?.parentId
        ? { ok: false, error: "already_member", parentId: open.parentId }
        : { ok: false, error: "not_found" };
    }
    await tx.insert(parentMembers).values({ parentId: used.parentId, userId, role: used.role }).onConflictDoNothing();
    return { ok: true, parentId: used.parentId };
  });
}
