// Visits for the lifecycle tests: booked over HTTP as people book them (chat, offer, accept), then
// moved in time and through check-in and check-out with the real fire(), as the carer's taps will.
import { and, eq } from "drizzle-orm";
import type { Database } from "~db/client";
import { offers, visits, type Visit } from "~db/schema";
import { fire, type VisitEffects } from "~/visits/transitions.server";
import { daysAhead, openConversation } from "./chat-fixtures";
import { postEntries } from "./geo-fixtures";
import { sessionClient } from "./personas";
import type { TestApp } from "./test-server";

export const effectsOf = (app: TestApp): VisitEffects => ({
  jobs: app.server.jobs,
  env: app.env,
  hub: app.server.hub,
});

export interface BookOptions {
  date?: string;
  start?: string;
  end?: string;
  cancellation?: "flexible" | "moderate" | "strict";
  price?: string;
  /** Weekly on these weekdays (0 = Sunday) for `weeks` weeks, from `date`. */
  weekly?: { weekdays: number[]; weeks: number };
}

/** Books a visit (or a weekly series) between a family member and a carer; returns the visits made. */
export async function bookVisits(
  app: TestApp,
  familyUserId: string,
  carerId: string,
  parentId: string,
  {
    date = daysAhead(3),
    start = "10:00",
    end = "11:00",
    cancellation = "moderate",
    price = "100",
    weekly,
  }: BookOptions = {},
): Promise<Visit[]> {
  const family = await sessionClient(app.url, app.db, familyUserId);
  const carer = await sessionClient(app.url, app.db, carerId);
  const conversationId = await openConversation(family, carerId, parentId);
  const entries: [string, string][] = [
    ["intent", "offer"],
    ["service", "companionship"],
    ["schedule", weekly ? "weekly" : "once"],
    ["date", date],
    ["start", start],
    ["end", end],
    ["tasks", "Tea and a chat"],
    ["price", price],
    ["cancellation", cancellation],
    ["expiresInHours", "24"],
    // Tests book the same carer at the same hour for several parents.
    ["overlapConfirmed", "on"],
    ...(weekly
      ? [
          ["weeks", String(weekly.weeks)] as [string, string],
          ...weekly.weekdays.map((d) => ["weekdays", String(d)] as [string, string]),
        ]
      : []),
  ];
  const sent = await postEntries(carer, `/chat/${conversationId}`, entries);
  if (sent.status !== 302) throw new Error(`sending the offer answered ${sent.status}: ${await sent.text()}`);
  const [offer] = await app.db
    .select({ id: offers.id })
    .from(offers)
    .where(and(eq(offers.conversationId, conversationId), eq(offers.status, "open")));
  // Tests book one parent at the same hours with several carers: the family's warning is answered.
  const accepted = await postEntries(family, `/chat/${conversationId}`, {
    intent: "accept",
    offerId: offer!.id,
    overlapConfirmed: "on",
  });
  if (accepted.status !== 302) throw new Error(`accepting answered ${accepted.status}`);
  return app.db.select().from(visits).where(eq(visits.offerId, offer!.id)).orderBy(visits.startsAt);
}

/** Moves a scheduled visit so that it starts at `startsAt` (keeping its length). */
export async function moveVisit(app: TestApp, visitId: string, startsAt: Date): Promise<Visit> {
  return app.db.transaction((tx) => lockedVisit(tx, visitId, startsAt));
}

/**
 * The visit's row, locked for this transaction; moved first to start at `startsAt` (keeping its
 * length) when given. A visit moved into the past and then checked in must be both in one
 * transaction: in between, the app's own scan can mark it missed (it did, once in CI).
 */
async function lockedVisit(tx: Database, visitId: string, startsAt?: Date): Promise<Visit> {
  const [v] = await tx.select().from(visits).where(eq(visits.id, visitId)).for("update");
  if (!startsAt) return v!;
  const length = v!.endsAt.getTime() - v!.startsAt.getTime();
  const [moved] = await tx
    .update(visits)
    .set({ startsAt, endsAt: new Date(startsAt.getTime() + length) })
    .where(eq(visits.id, visitId))
    .returning();
  return moved!;
}

/** `startsAt`: the visit is moved there first, in the same transaction (see lockedVisit). */
export interface TapOptions {
  startsAt?: Date;
}

export interface Tap {
  at: Date;
  distanceM?: number;
  accuracyM?: number;
  reason?: string | null;
  lat?: number;
  lng?: number;
}

/** Checks the carer in and out with the real transitions, at the given server times and fixes. */
export async function checkInAndOut(
  app: TestApp,
  visitId: string,
  tapIn: Tap,
  tapOut: Tap,
  { startsAt }: TapOptions = {},
): Promise<Visit> {
  const effects = effectsOf(app);
  return app.db.transaction(async (tx) => {
    const v = await lockedVisit(tx, visitId, startsAt);
    const carer = { kind: "carer" as const, userId: v.carerId };
    const inResult = await fire(
      tx,
      effects,
      v,
      "check_in",
      carer,
      {
        set: {
          checkedInAt: tapIn.at,
          checkInLat: tapIn.lat ?? 30.2467,
          checkInLng: tapIn.lng ?? 120.1485,
          checkInAccuracyM: tapIn.accuracyM ?? 12,
          checkInDistanceM: tapIn.distanceM ?? 30,
          checkInReason: tapIn.reason ?? null,
          gpsFlagged: (tapIn.accuracyM ?? 12) > 1000,
        },
      },
      tapIn.at,
    );
    if (!inResult.ok) throw new Error(`check-in refused: ${inResult.error}`);
    const outResult = await fire(
      tx,
      effects,
      inResult.visit,
      "check_out",
      carer,
      {
        set: {
          checkedOutAt: tapOut.at,
          checkOutLat: tapOut.lat ?? 30.2467,
          checkOutLng: tapOut.lng ?? 120.1485,
          checkOutAccuracyM: tapOut.accuracyM ?? 12,
          checkOutDistanceM: tapOut.distanceM ?? 30,
          checkOutReason: tapOut.reason ?? null,
        },
      },
      tapOut.at,
    );
    if (!outResult.ok) throw new Error(`check-out refused: ${outResult.error}`);
    return outResult.visit;
  });
}

/** Only the check-in (the visit is then in progress). */
export async function checkIn(app: TestApp, visitId: string, at: Date, { startsAt }: TapOptions = {}): Promise<Visit> {
  return app.db.transaction(async (tx) => {
    const v = await lockedVisit(tx, visitId, startsAt);
    const result = await fire(
      tx,
      effectsOf(app),
      v,
      "check_in",
      { kind: "carer", userId: v.carerId },
      {
        set: { checkedInAt: at, checkInLat: 30.2467, checkInLng: 120.1485, checkInAccuracyM: 12, checkInDistanceM: 30 },
      },
      at,
    );
    if (!result.ok) throw new Error(`check-in refused: ${result.error}`);
    return result.visit;
  });
}
