// Firing a visit transition: the table in visit-status.ts says whether the actor may, the update
// applies only if the visit is still in the state that was read (so two taps, or a tap and the
// scan, cannot both move it), the change is written as a visit event, the tracking stream hears it,
// and the transition's side effects (texts) run in the same transaction, so they happen exactly
// when the change does.
import { and, eq, sql } from "drizzle-orm";
import {
  carers,
  conversations,
  offers,
  parentMembers,
  parents,
  users,
  visitEvents,
  visitPositions,
  visits,
  type Visit,
} from "~db/schema";
import { appendMessage } from "~/chat/messages.server";
import type { ChatEvent } from "~/chat/limits";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import { formatClock, zonedParts } from "~/geo/time-zone";
import type { Jobs } from "~/jobs/jobs.server";
import type { Hub } from "~/realtime/hub.server";
import { queueSms, type SmsRequest } from "~/sms/sms.server";
import { askParent } from "./parent-ask.server";
import { visitTopic } from "./topics";
import { type Actor, canFire, countsAsDone, TRANSITIONS, type TransitionName } from "./visit-status";

export interface VisitEffects {
  jobs: Jobs;
  env: Env;
  /** Only its notify: job workers announce changes without listening (publish, in hub.server.ts). */
  hub: Pick<Hub, "notify">;
}

export interface ActingAs {
  kind: Actor;
  /** Null for the system (scans, jobs) and for the parent's own SMS answer. */
  userId: string | null;
}

export type FireResult = { ok: true; visit: Visit; eventId: number } | { ok: false; error: "not_allowed" | "stale" };

export { visitTopic };

type VisitColumns = Partial<Omit<typeof visits.$inferInsert, "id" | "status" | "terms">>;

export async function fire(
  tx: Database,
  effects: VisitEffects,
  visit: Visit,
  name: TransitionName,
  actor: ActingAs,
  details: { reason?: string | null; data?: Record<string, string | number | boolean | null>; set?: VisitColumns },
  now: Date,
): Promise<FireResult> {
  if (!canFire(name, visit.status, actor.kind)) return { ok: false, error: "not_allowed" };
  const to = TRANSITIONS[name].to;
  const [moved] = await tx
    .update(visits)
    .set({ ...details.set, status: to })
    .where(and(eq(visits.id, visit.id), eq(visits.status, visit.status)))
    .returning();
  if (!moved) return { ok: false, error: "stale" };
  // The carer's count of visits done follows the visit across the line, both ways (a dispute takes
  // a confirmed visit out until an admin resolves it as done).
  const done = Number(countsAsDone(moved)) - Number(countsAsDone(visit));
  if (done !== 0) {
    await tx
      .update(carers)
      .set({ visitsCompleted: sql`${carers.visitsCompleted} + ${done}` })
      .where(eq(carers.userId, visit.carerId));
  }
  // The carer's live position is for the journey only: whatever ends it (a check-in, a cancellation,
  // a missed visit) deletes it in the same transaction.
  if (visit.status === "on_the_way") await tx.delete(visitPositions).where(eq(visitPositions.visitId, visit.id));
  if (to === "cancelled") await unbookWhenNoneStands(tx, moved.offerId);
  const [event] = await tx
    .insert(visitEvents)
    .values({
      visitId: visit.id,
      actorId: actor.userId,
      fromStatus: visit.status,
      toStatus: to,
      reason: details.reason ?? null,
      data: { transition: name, by: actor.kind, ...details.data },
      at: now,
    })
    .returning({ id: visitEvents.id });
  await sideEffects[name]?.(tx, effects, moved, actor, now, details);
  await effects.hub.notify(tx, { topic: visitTopic(visit.id), seq: event!.id });
  return { ok: true, visit: moved, eventId: event!.id };
}

/**
 * A conversation stays booked (its texts and offers unmasked, app/chat/messages.server.ts) while a
 * visit booked in it stands: once the last one is cancelled, and no weekly series of it is still
 * running, it is as before the booking. Cancelling the only visit left the chat unmasked, so the door
 * code a family typed next reached a carer who could no longer see the home (an outside probe).
 */
async function unbookWhenNoneStands(tx: Database, offerId: string) {
  // The conversation's row first: a booking (which sets booked_at) or another cancellation in it at
  // the same moment waits here or is waited for, and the statement below, read after the lock, sees
  // what it did (two cancellations at once each saw the other's visit standing, and neither masked).
  await tx.execute(sql`select c.id from conversations c join offers o on o.conversation_id = c.id
    where o.id = ${offerId} for update of c`);
  await tx.execute(sql`update conversations c set booked_at = null
    from offers o
    where o.id = ${offerId} and c.id = o.conversation_id and c.booked_at is not null
      and not exists (select 1 from offers b join visits v on v.offer_id = b.id
        where b.conversation_id = c.id and v.status <> 'cancelled')
      and not exists (select 1 from offers b join visit_series s on s.offer_id = b.id
        where b.conversation_id = c.id and s.cancelled_at is null
          -- A visit still to be made: one of its weekdays after the generator's mark, within the
          -- \`weeks\` weeks from its first date (the mark runs ahead of the last visit, up to the end of
          -- the range: an outside probe kept a chat unmasked that way).
          and exists (select 1 from generate_series(s.generated_through + 1, s.start_date + (s.weeks * 7 - 1),
              interval '1 day') d
            where extract(dow from d)::smallint = any(s.weekdays)))`);
}

/** The people of a visit: the carer, and every family member of the parent, with names for texts. */
export async function visitPeople(db: Database, visit: Pick<Visit, "parentId" | "carerId">) {
  const [names] = await db
    .select({ carerName: users.name, parentName: parents.name, timeZone: parents.timeZone })
    .from(users)
    .innerJoin(parents, eq(parents.id, visit.parentId))
    .where(eq(users.id, visit.carerId));
  const family = await db
    .select({ userId: parentMembers.userId })
    .from(parentMembers)
    .where(eq(parentMembers.parentId, visit.parentId));
  return {
    carerName: names?.carerName ?? "",
    parentName: names?.parentName ?? "",
    timeZone: names?.timeZone ?? "Asia/Shanghai",
    familyIds: family.map((f) => f.userId),
  };
}

/** The wall-clock time of an instant in the parent's zone, "10:02". */
export function clockIn(timeZone: string, at: Date): string {
  const p = zonedParts(timeZone, at);
  return formatClock(p.hour * 60 + p.minute);
}

async function text(
  tx: Database,
  effects: VisitEffects,
  userIds: string[],
  request: Omit<SmsRequest, "userId">,
  now: Date,
) {
  for (const userId of userIds) await queueSms(tx, effects.jobs, effects.env, { ...request, userId }, now);
}

type FireDetails = Parameters<typeof fire>[5];
type SideEffect = (
  tx: Database,
  effects: VisitEffects,
  visit: Visit,
  actor: ActingAs,
  now: Date,
  details: FireDetails,
) => Promise<void>;

/** What each transition sets off, besides the event: texts, and the end of position sharing. */
const sideEffects: Partial<Record<TransitionName, SideEffect>> = {
  async check_in(tx, effects, visit, _actor, now) {
    // The carer's live position is for the journey only.
    await tx.delete(visitPositions).where(eq(visitPositions.visitId, visit.id));
    const people = await visitPeople(tx, visit);
    await text(
      tx,
      effects,
      people.familyIds,
      {
        event: `visit_check_in:${visit.id}`,
        kind: "carer_arrived",
        params: {
          visitId: visit.id,
          carerName: people.carerName,
          parentName: people.parentName,
          at: (visit.checkedInAt ?? now).toISOString(),
          timeZone: people.timeZone,
        },
      },
      now,
    );
  },
  async check_out(tx, effects, visit, _actor, now) {
    const people = await visitPeople(tx, visit);
    const minutes =
      visit.checkedInAt && visit.checkedOutAt
        ? Math.round((visit.checkedOutAt.getTime() - visit.checkedInAt.getTime()) / 60_000)
        : 0;
    await text(
      tx,
      effects,
      people.familyIds,
      {
        event: `visit_check_out:${visit.id}`,
        kind: "carer_left",
        params: {
          visitId: visit.id,
          carerName: people.carerName,
          at: (visit.checkedOutAt ?? now).toISOString(),
          timeZone: people.timeZone,
          minutes,
        },
      },
      now,
    );
    // The parent's own word, if the family asked for it (app/visits/parent-ask.server.ts).
    await askParent(tx, effects, visit, now);
  },
  async cancel(tx, effects, visit, actor, now, details) {
    const people = await visitPeople(tx, visit);
    // Everyone but the one who cancelled hears of it. The rest of a weekly series is one text, keyed
    // by the series and the visit it was cancelled from, however many visits it cancels: a later
    // cancellation from an earlier visit of the same series is news of its own (app/visits/cancel.server.ts).
    const told = [visit.carerId, ...people.familyIds].filter((id) => id !== actor.userId);
    const series = details.data?.scope === "series" && visit.seriesId;
    const from = typeof details.data?.from === "string" ? details.data.from : visit.id;
    await text(
      tx,
      effects,
      told,
      {
        event: series ? `series_cancelled:${visit.seriesId}:${from}` : `visit_cancelled:${visit.id}`,
        kind: series ? "series_cancelled" : "visit_cancelled",
        params: {
          visitId: visit.id,
          parentName: people.parentName,
          startsAt: visit.startsAt.toISOString(),
          timeZone: people.timeZone,
          // What a family's cancellation costs under the terms, said to the carer (a new-user walk found
          // it nowhere after the cancel page); one visit's, as the series' text is about the rest.
          ...(!series && (details.set?.cancellationFeeCents ?? 0) > 0
            ? { feeCents: details.set!.cancellationFeeCents! }
            : {}),
        },
      },
      now,
    );
    // A line in the conversation the visit was booked in, once for the rest of a series: the text
    // goes only to a verified number, and without it the other side saw the visit vanish from its
    // lists with no word (a new-user walk). The reason stays on the visit's page, linked.
    if (!series || visit.id === from) {
      const [conversation] = await tx
        .select({
          id: conversations.id,
          familyUserId: conversations.familyUserId,
          carerId: conversations.carerId,
          parentId: conversations.parentId,
        })
        .from(conversations)
        .innerJoin(offers, eq(offers.conversationId, conversations.id))
        .where(eq(offers.id, visit.offerId));
      if (conversation) {
        const [actorRow] = actor.userId
          ? await tx.select({ name: users.name }).from(users).where(eq(users.id, actor.userId))
          : [];
        await appendMessage(
          tx,
          effects.hub,
          conversation,
          {
            senderId: null,
            kind: "event",
            event: (series ? "series_cancelled" : "visit_cancelled") satisfies ChatEvent,
            eventData: {
              by: actor.kind,
              // Which family member (or carer) it was, for the reader's "You" or their name.
              ...(actor.kind !== "admin" && actor.userId
                ? { byUserId: actor.userId, byName: actorRow?.name ?? "" }
                : {}),
              firstVisitId: visit.id,
              startsAt: visit.startsAt.toISOString(),
              timeZone: people.timeZone,
            },
          },
          now,
        );
        // A family member who has left the parent cannot open the conversation (404): the line is
        // for the carer, and counts nothing unread for them, as leaving zeroed it (a review).
        if (!people.familyIds.includes(conversation.familyUserId)) {
          await tx.update(conversations).set({ familyUnread: 0 }).where(eq(conversations.id, conversation.id));
        }
      }
    }
  },
  async mark_missed(tx, effects, visit, _actor, now) {
    const people = await visitPeople(tx, visit);
    await text(
      tx,
      effects,
      [visit.carerId, ...people.familyIds],
      {
        event: `visit_missed:${visit.id}`,
        kind: "visit_missed",
        params: {
          visitId: visit.id,
          parentName: people.parentName,
          startsAt: visit.startsAt.toISOString(),
          timeZone: people.timeZone,
        },
      },
      now,
    );
  },
};

/** The visit, locked for the rest of the transaction (so a transition reads a state nobody else moves). */
export async function lockVisit(tx: Database, visitId: string): Promise<Visit | null> {
  const [row] = await tx.select().from(visits).where(eq(visits.id, visitId)).for("update");
  return row ?? null;
}
