// Sharing a parent by invitation link: the token is shown once, only its SHA-256 is stored; 7 days, single use.
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { and, eq, gt, isNull } from "drizzle-orm";
import { parentInvitations, parentMembers, parents, users } from "~db/schema";
import type { Database } from "~/db.server";
import type { Viewer } from "~/privacy/location";
import { getParentForMember } from "./parents.server";

export const INVITATION_DAYS = 7;

function hashToken(token: string): Uint8Array {
  return sha256(new TextEncoder().encode(token));
}

export type InviteResult = { ok: true; token: string } | { ok: false; reason: "not_owner" };

export async function createInvitation(db: Database, viewer: Viewer, parentId: string, now = new Date()): Promise<InviteResult> {
  const parent = await getParentForMember(db, viewer, parentId);
  if (parent.memberRole !== "owner") return { ok: false, reason: "not_owner" };
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  const token = encodeBase32LowerCaseNoPadding(bytes);
  await db.insert(parentInvitations).values({
    parentId,
    tokenHash: hashToken(token),
    invitedBy: viewer.id,
    expiresAt: new Date(now.getTime() + INVITATION_DAYS * 86_400_000),
  });
  return { ok: true, token };
}

/** What the invitee sees before accepting: the parent's first name and who invites, nothing private. */
export async function previewInvitation(db: Database, token: string, now = new Date()) {
  if (!/^[a-z2-7]{20,60}$/.test(token)) return null;
  const [row] = await db
    .select({ parentName: parents.name, inviter: users.name })
    .from(parentInvitations)
    .innerJoin(parents, eq(parents.id, parentInvitations.parentId))
    .innerJoin(users, eq(users.id, parentInvitations.invitedBy))
    .where(
      and(
        eq(parentInvitations.tokenHash, hashToken(token)),
        isNull(parentInvitations.acceptedAt),
        gt(parentInvitations.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Uses the invitation atomically (a second accept of the same link finds nothing). */
export async function acceptInvitation(db: Database, userId: string, token: string, now = new Date()): Promise<string | null> {
  if (!/^[a-z2-7]{20,60}$/.test(token)) return null;
  return db.transaction(async (tx) => {
    const [used] = await tx
      .update(parentInvitations)
      .set({ acceptedBy: userId, acceptedAt: now })
      .where(
        and(
          eq(parentInvitations.tokenHash, hashToken(token)),
          isNull(parentInvitations.acceptedAt),
          gt(parentInvitations.expiresAt, now),
        ),
      )
      .returning({ parentId: parentInvitations.parentId, role: parentInvitations.role });
    if (!used) return null;
    await tx.insert(parentMembers).values({ parentId: used.parentId, userId, role: used.role }).onConflictDoNothing();
    return used.parentId;
  });
}
