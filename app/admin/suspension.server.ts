// Suspending and reinstating an account, with an admin's reason. Suspension, in one transaction:
// the account is marked, every session of it ends, and for a carer the profile leaves search, any
// weekly series stops, and every upcoming visit is cancelled through the visit lifecycle (fire), so
// the families are texted exactly as for any other cancellation. Logging in again is refused while
// suspended (app/auth/accounts.server.ts), and chat refuses both directions (isBlockedBetween).
import { and, eq, ilike, inArray, isNull, or, sql } from "drizzle-orm";
import { carerServices, carers, sessions, users, visitSeries, visits, type VisitStatus } from "~db/schema";
import type { SystemReason } from "~/visits/visit-status";
import type { Database } from "~/db.server";
import { fire, type VisitEffects } from "~/visits/transitions.server";
import { type AdminViewer, recordAudit } from "./audit.server";
import { containsPattern } from "./text-search";
import { toE164 } from "~/auth/phone.server";

/** What a family reads on the cancelled visit's timeline: never the admin's own reason. */
export const SUSPENSION_CANCEL_REASON = "carer_unavailable" satisfies SystemReason;

const UPCOMING: VisitStatus[] = ["scheduled", "on_the_way"];

export type SuspendError = "not_found" | "already_suspended" | "not_suspended" | "is_admin";
export type SuspendResult =
  | { ok: true; cancelledVisits: number; endedSessions: number }
  | { ok: false; error: SuspendError };

export async function suspendUser(
  db: Database,
  effects: VisitEffects,
  admin: AdminViewer,
  input: { userId: string; reason: string },
  now: Date,
): Promise<SuspendResult> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, role: users.role, suspendedAt: users.suspendedAt })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update");
    if (!user) return { ok: false, error: "not_found" };
    // Admins are managed outside the app (npm run admin:create): no admin can lock another out.
    if (user.role === "admin") return { ok: false, error: "is_admin" };
    if (user.suspendedAt) return { ok: false, error: "already_suspended" };
    await tx.update(users).set({ suspendedAt: now, suspendedReason: input.reason }).where(eq(users.id, user.id));
    const ended = await tx.delete(sessions).where(eq(sessions.userId, user.id)).returning({ id: sessions.id });
    let cancelled = 0;
    if (user.role === "carer") {
      await tx.update(carers).set({ listed: false, updatedAt: now }).where(eq(carers.userId, user.id));
      // The generator makes no more visits of a cancelled series (app/visits/booking.server.ts).
      await tx
        .update(visitSeries)
        .set({ cancelledAt: now })
        .where(and(eq(visitSeries.carerId, user.id), isNull(visitSeries.cancelledAt)));
      const upcoming = await tx
        .select()
        .from(visits)
        .where(and(eq(visits.carerId, user.id), inArray(visits.status, UPCOMING)))
        .orderBy(visits.startsAt)
        .for("update");
      // A series' visits go as the rest of that series, from its first: one text and one chat line for
      // it, not one per visit (a review: a suspension wrote a line per visit of a weekly series).
      const seriesFrom = new Map<string, string>();
      for (const visit of upcoming)
        if (visit.seriesId && !seriesFrom.has(visit.seriesId)) seriesFrom.set(visit.seriesId, visit.id);
      for (const visit of upcoming) {
        const from = visit.seriesId ? seriesFrom.get(visit.seriesId) : undefined;
        const fired = await fire(
          tx,
          effects,
          visit,
          "cancel",
          { kind: "admin", userId: admin.id },
          {
            reason: SUSPENSION_CANCEL_REASON,
            data: from ? { scope: "series", from, suspension: true } : { scope: "one", suspension: true },
            set: { cancelledAt: now, cancelledBy: admin.id, cancelReason: SUSPENSION_CANCEL_REASON },
          },
          now,
        );
        // Every row is locked and was read in a cancellable state.
        if (!fired.ok) throw new Error(`suspension: cancel refused on a locked ${visit.status} visit`);
        cancelled += 1;
      }
    }
    await recordAudit(
      tx,
      admin,
      {
        action: "user.suspend",
        subjectType: "user",
        subjectId: user.id,
        reason: input.reason,
        data: { role: user.role, cancelledVisits: cancelled, endedSessions: ended.length },
      },
      now,
    );
    return { ok: true, cancelledVisits: cancelled, endedSessions: ended.length };
  });
}

export async function reinstateUser(
  db: Database,
  admin: AdminViewer,
  input: { userId: string; reason: string },
  now: Date,
): Promise<{ ok: true } | { ok: false; error: SuspendError }> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ id: users.id, role: users.role, suspendedAt: users.suspendedAt })
      .from(users)
      .where(eq(users.id, input.userId))
      .for("update");
    if (!user) return { ok: false, error: "not_found" };
    if (!user.suspendedAt) return { ok: false, error: "not_suspended" };
    await tx.update(users).set({ suspendedAt: null, suspendedReason: null }).where(eq(users.id, user.id));
    if (user.role === "carer") {
      // Listed again only with a service to offer, as when the carer saves the profile.
      await tx
        .update(carers)
        .set({
          listed: sql`exists (select 1 from ${carerServices} where ${carerServices.carerId} = ${user.id})`,
          updatedAt: now,
        })
        .where(eq(carers.userId, user.id));
    }
    await recordAudit(
      tx,
      admin,
      {
        action: "user.reinstate",
        subjectType: "user",
        subjectId: user.id,
        reason: input.reason,
        data: { role: user.role },
      },
      now,
    );
    return { ok: true };
  });
}

/** Accounts matching a name or email (or all suspended ones), for the admin's account page; a carer still to verify says so. */
export async function findAccounts(
  db: Database,
  _admin: AdminViewer,
  input: { q?: string | undefined; suspended?: boolean; limit: number },
) {
  const q = input.q?.trim();
  // A mobile number however it is typed ("138 0013 8000", "+86 138…"): the account's, verified or not.
  const phone = q ? toE164(q) : null;
  const where = [
    q
      ? or(
          ilike(users.name, containsPattern(q)),
          ilike(users.email, containsPattern(q)),
          phone ? eq(users.phone, phone) : undefined,
        )
      : undefined,
    input.suspended ? sql`${users.suspendedAt} is not null` : undefined,
  ].filter(Boolean);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      phone: users.phone,
      role: users.role,
      suspendedAt: users.suspendedAt,
      suspendedReason: users.suspendedReason,
      createdAt: users.createdAt,
      // A carer with a profile and no verification yet: the verification queue holds their card.
      awaitingVerification: sql<boolean>`(${carers.userId} is not null and ${carers.verifiedAt} is null)`,
    })
    .from(users)
    .leftJoin(carers, eq(carers.userId, users.id))
    .where(where.length ? and(...where) : undefined)
    .orderBy(sql`${users.suspendedAt} desc nulls last`, users.name)
    .limit(input.limit);
  return rows.map((r) => ({
    ...r,
    suspendedAt: r.suspendedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}
