// Deleting an account (ADR 021): a request starts a grace period (the account is hidden and logged
// out everywhere); logging in and keeping the account within it cancels; after it, the erase job
// anonymises the account. What is kept, and for how long, is in RETENTION below and docs/product.md.
import { and, eq, inArray, isNotNull, isNull, lte, or, sql } from "drizzle-orm";
import {
  carers,
  formSubmissions,
  mailMessages,
  offers,
  parentMembers,
  parents,
  passwordResets,
  phoneCodes,
  sessions,
  smsMessages,
  smsPreferences,
  users,
  visitRequests,
  visits,
} from "~db/schema";
import type { Database } from "~/db.server";
import type { Logger } from "~/logger.server";
import type { FileStorage } from "~/storage/storage.server";
import { sendMail } from "./mail.server";
import { renderMail } from "./mail-templates";
import { type AccountViewer, confirmPassword } from "./settings.server";

const DAY_MS = 86_400_000;

/** The rule the account page, docs/product.md and ADR 021 state. */
export const RETENTION = {
  /** Days between the request and the erasure, during which logging in can cancel it. */
  graceDays: 14,
  /** Visit records (times, check-in and check-out, logs, disputes) stay this long after the visit. */
  visitRecordYears: 3,
} as const;

export function eraseDate(requestedAt: Date): Date {
  return new Date(requestedAt.getTime() + RETENTION.graceDays * DAY_MS);
}

/** Visits that still lie ahead (or are under way) for this account, as carer or as the family who booked. */
const ACTIVE_VISIT_STATUSES = ["scheduled", "on_the_way", "in_progress"] as const;
const holdsAccount = (userId: string) =>
  and(
    or(
      eq(visits.carerId, userId),
      // Booked by them for a parent they still look after: one who left can neither see nor cancel
      // those visits (they go ahead for the others), so they do not hold the account (a review).
      and(
        eq(visits.bookedBy, userId),
        sql`exists (select 1 from ${parentMembers} m where m.parent_id = ${visits.parentId} and m.user_id = ${userId})`,
      ),
    ),
    inArray(visits.status, [...ACTIVE_VISIT_STATUSES]),
  );

/**
 * The visits that keep this account from being deleted, soonest first, for the page to list before
 * the password is typed (it said only "you have a visit booked", and a carer with a weekly series
 * had to find them: a new-user walk).
 */
export async function visitsHoldingAccount(db: Database, userId: string, limit = 10) {
  return db
    .select({ id: visits.id, startsAt: visits.startsAt, parentName: parents.name, timeZone: parents.timeZone })
    .from(visits)
    .innerJoin(parents, eq(parents.id, visits.parentId))
    .where(holdsAccount(userId))
    .orderBy(visits.startsAt)
    .limit(limit);
}

export type DeletionRequestResult =
  | { ok: true; eraseOn: Date }
  | { ok: false; error: "wrong_password" | "rate_limited" | "upcoming_visits" };

/**
 * Marks the account for deletion once the password is confirmed: every session ends, a carer leaves
 * the search, and an email says when the erasure happens. Refused while a visit is still ahead:
 * the family and the carer of a booked visit must settle it first (cancel it, or let it happen).
 */
export async function requestDeletion(
  db: Database,
  logger: Logger,
  viewer: AccountViewer,
  { currentPassword }: { currentPassword: string },
  now: Date,
): Promise<DeletionRequestResult> {
  const checked = await confirmPassword(db, viewer, currentPassword);
  if (!checked.ok) return checked;
  return db.transaction(async (tx) => {
    // The account's row first, FOR UPDATE: a booking under way holds KEY SHARE on it (its visit's
    // foreign key) until it commits, so this waits for it and then sees its visit. Checked before the
    // lock, a visit booked in the same instant slipped past (an outside probe: the deletion and the
    // booking 12 ms apart both succeeded). A booking that starts after this waits, then finds its
    // offer withdrawn below; a deadlock between the two is run again (db/retry.ts).
    await tx.execute(sql`select id from users where id = ${viewer.id} for update`);
    const [ahead] = await tx.select({ id: visits.id }).from(visits).where(holdsAccount(viewer.id)).limit(1);
    if (ahead) return { ok: false as const, error: "upcoming_visits" as const };
    // Once: a double submit (or a second tab) finds the request made and answers with its date,
    // without a second email.
    const [me] = await tx
      .update(users)
      .set({ deletionRequestedAt: now })
      .where(and(eq(users.id, viewer.id), isNull(users.deletionRequestedAt)))
      .returning({ email: users.email, locale: users.locale });
    if (!me) {
      const [first] = await tx.select({ at: users.deletionRequestedAt }).from(users).where(eq(users.id, viewer.id));
      return { ok: true as const, eraseOn: eraseDate(first?.at ?? now) };
    }
    const eraseOn = eraseDate(now);
    await tx.update(carers).set({ listed: false }).where(eq(carers.userId, viewer.id));
    // Nobody can answer for this account until it is restored: its open requests leave the carers' job
    // boards, and the open offers in its conversations, either way, are withdrawn, so no visit is booked
    // with someone who is leaving (an outside probe: carers kept offering on a leaving family's
    // requests). Restoring the account does not reopen them.
    await tx
      .update(visitRequests)
      .set({ status: "cancelled" })
      .where(and(eq(visitRequests.createdBy, viewer.id), eq(visitRequests.status, "open")));
    await tx
      .update(offers)
      .set({ status: "withdrawn", respondedBy: viewer.id, respondedAt: now })
      .where(
        and(
          sql`${offers.conversationId} in (select id from conversations where family_user_id = ${viewer.id} or carer_id = ${viewer.id})`,
          eq(offers.status, "open"),
        ),
      );
    await tx.delete(sessions).where(eq(sessions.userId, viewer.id));
    const date = eraseOn.toISOString().slice(0, 10);
    const mail = renderMail("deletion_scheduled", me.locale, { date });
    await sendMail(tx, logger, { userId: viewer.id, to: me.email, kind: "deletion_scheduled", ...mail }, now);
    return { ok: true as const, eraseOn };
  });
}

/**
 * Keeps the account: clears the request and lists a carer again if their profile offers a service.
 * Null when the account has no pending request (or it was already erased).
 */
export async function cancelDeletion(db: Database, viewer: AccountViewer): Promise<{ ok: true } | null> {
  return db.transaction(async (tx) => {
    const [kept] = await tx
      .update(users)
      .set({ deletionRequestedAt: null })
      .where(and(eq(users.id, viewer.id), isNotNull(users.deletionRequestedAt), isNull(users.erasedAt)))
      .returning({ id: users.id });
    if (!kept) return null;
    await tx
      .update(carers)
      // "carers"."user_id" by hand: drizzle writes an update's columns unqualified.
      .set({ listed: sql`exists (select 1 from carer_services s where s.carer_id = "carers"."user_id")` })
      .where(eq(carers.userId, viewer.id));
    return { ok: true } as const;
  });
}

/**
 * The erase job: anonymises every account whose grace period ended by `now`, and deletes the visit
 * records of erased accounts once they are older than the retention period. Returns how many of each.
 * `storage` deletes carers' photos; a photo whose deletion fails is logged and left (the key is gone).
 */
export async function eraseDueAccounts(
  db: Database,
  { storage, logger }: { storage?: FileStorage; logger?: Logger },
  now: Date,
): Promise<{ erased: number; visitsPurged: number }> {
  const due = await db
    .select({ id: users.id })
    .from(users)
    .where(
      and(
        lte(users.deletionRequestedAt, new Date(now.getTime() - RETENTION.graceDays * DAY_MS)),
        isNull(users.erasedAt),
      ),
    );
  for (const { id } of due) {
    const photoKey = await db.transaction(async (tx) => eraseAccount(tx, id, now));
    if (photoKey && storage) {
      await storage.delete(photoKey).catch((error: unknown) => logger?.warn("erase: photo not deleted", { error }));
    }
  }
  const cutoff = new Date(now.getFullYear() - RETENTION.visitRecordYears, now.getMonth(), now.getDate());
  const purged = await db
    .delete(visits)
    .where(
      and(
        lte(visits.endsAt, cutoff),
        sql`(${visits.carerId} in (select id from users where erased_at is not null)
          or ${visits.bookedBy} in (select id from users where erased_at is not null))`,
      ),
    )
    .returning({ id: visits.id });
  return { erased: due.length, visitsPurged: purged.length };
}

/** One account, in one transaction. Returns the carer's photo key, to delete from storage after. */
async function eraseAccount(tx: Database, userId: string, now: Date): Promise<string | null> {
  // The person: nothing left that names or reaches them. The row stays so visit records keep a party.
  await tx
    .update(users)
    .set({
      name: "—",
      email: `erased-${userId}@erased.invalid`,
      // Not an argon2 hash: no password can ever match it.
      passwordHash: "erased",
      phone: "",
      phoneVerifiedAt: null,
      lastActiveAt: null,
      erasedAt: now,
    })
    .where(eq(users.id, userId));
  for (const table of [sessions, smsPreferences, formSubmissions])
    await tx.delete(table).where(eq(table.userId, userId));
  await tx.delete(phoneCodes).where(eq(phoneCodes.userId, userId));
  await tx.delete(passwordResets).where(eq(passwordResets.userId, userId));
  await tx.delete(smsMessages).where(eq(smsMessages.userId, userId));
  await tx.delete(mailMessages).where(eq(mailMessages.userId, userId));
  // Messages written in conversations that never led to a visit are nobody's record: emptied. (Not
  // `booked_at`: it is cleared again when every visit booked in a conversation is cancelled.)
  await tx.execute(sql`update messages m set body = '', masked_body = null
    from conversations c
    where m.conversation_id = c.id and m.sender_id = ${userId}
      and not exists (select 1 from offers o where o.conversation_id = c.id and o.status = 'accepted')`);
  // Open requests close.
  await tx
    .update(visitRequests)
    .set({ status: "cancelled" })
    .where(and(eq(visitRequests.createdBy, userId), eq(visitRequests.status, "open")));
  // Parents only this account looked after: the private details go; the name stays on the visit
  // records, and the home moves to its approximate point (app/privacy/location.ts).
  await tx.execute(sql`update parents p set address = '', phone = null, phone_verified_at = null,
      access_notes = '', emergency_contacts = '[]'::jsonb, needs = '{}', interests = '',
      lat = approx_lat(p.lat), lng = approx_lng(p.lat, p.lng), updated_at = ${now.toISOString()}::timestamptz
    where p.id in (select parent_id from parent_members where user_id = ${userId})
      and not exists (select 1 from parent_members o where o.parent_id = p.id and o.user_id <> ${userId})`);
  await tx.execute(sql`update visit_requests r set lat = p.lat, lng = p.lng from parents p
    where r.parent_id = p.id and p.id in (select parent_id from parent_members where user_id = ${userId})`);
  // A parent this account owned alone, shared with others: the member who joined first becomes its
  // owner, so that someone can still invite and remove (the parent was left with nobody in charge).
  await tx.execute(sql`update parent_members m set role = 'owner'
    from (select distinct on (o.parent_id) o.parent_id, o.user_id from parent_members o
          where o.user_id <> ${userId}
            and o.parent_id in (select parent_id from parent_members where user_id = ${userId} and role = 'owner')
            and not exists (select 1 from parent_members x
                            where x.parent_id = o.parent_id and x.role = 'owner' and x.user_id <> ${userId})
          order by o.parent_id, o.created_at, o.user_id) heir
    where m.parent_id = heir.parent_id and m.user_id = heir.user_id`);
  await tx.delete(parentMembers).where(eq(parentMembers.userId, userId));
  // A carer's profile: gone (services and availability with it).
  const [carer] = await tx.delete(carers).where(eq(carers.userId, userId)).returning({ photoKey: carers.photoKey });
  return carer?.photoKey ?? null;
}
