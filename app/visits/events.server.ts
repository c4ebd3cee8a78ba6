// A visit event that changes no state: a reminder sent, a late alert, the parent's own answer. It
// goes on the timeline (visit_events, from and to the same state) and the tracking stream hears it,
// in the caller's transaction, like the events fire() writes for transitions.
import { visitEvents, type Visit } from "~db/schema";
import type { Database } from "~/db.server";
import { visitTopic } from "./topics";
import type { VisitEffects } from "./transitions.server";

export async function recordVisitEvent(
  tx: Database,
  effects: Pick<VisitEffects, "hub">,
  visit: Pick<Visit, "id" | "status">,
  event: { reason: string; actorId?: string | null; data?: Record<string, string | number | boolean | null> },
  now: Date,
): Promise<number> {
  const [row] = await tx
    .insert(visitEvents)
    .values({
      visitId: visit.id,
      actorId: event.actorId ?? null,
      fromStatus: visit.status,
      toStatus: visit.status,
      reason: event.reason,
      data: event.data ?? null,
      at: now,
    })
    .returning({ id: visitEvents.id });
  await effects.hub.notify(tx, { topic: visitTopic(visit.id), seq: row!.id });
  return row!.id;
}
