// Booking: an accepted offer becomes its visits (or a weekly series and its first four weeks of
// visits) in the accepting transaction, each with a snapshot of the agreed terms. The series
// generator keeps each series four weeks ahead.
import { and, eq, isNull } from "drizzle-orm";
import {
  offers as offersTable,
  visitEvents,
  visitSeries,
  visits,
  type AgreedTerms,
  type Offer,
  type VisitSeries,
} from "~db/schema";
import type { Database } from "~/db.server";
import { dateIn } from "~/geo/time-zone";
import { addDays, lastDate, occurrences, type VisitPattern } from "./schedule";

/** How far ahead a series' visits exist. */
export const SERIES_AHEAD_DAYS = 28;

export function patternOf(
  offer: Pick<Offer, "schedule" | "timeZone" | "startDate" | "startMinute" | "durationMinutes" | "weekdays" | "weeks">,
): VisitPattern {
  return {
    schedule: offer.schedule,
    timeZone: offer.timeZone,
    startDate: offer.startDate,
    startMinute: offer.startMinute,
    durationMinutes: offer.durationMinutes,
    weekdays: offer.weekdays,
    weeks: offer.weeks,
  };
}

function termsOf(offer: Offer): AgreedTerms {
  return {
    service: offer.service,
    timeZone: offer.timeZone,
    durationMinutes: offer.durationMinutes,
    tasks: offer.tasks,
    priceCents: offer.priceCents,
    cancellation: offer.cancellation,
    offerId: offer.id,
    schedule: offer.schedule,
    weekdays: offer.weekdays,
    weeks: offer.weeks,
  };
}

async function insertVisits(
  tx: Database,
  offer: Offer,
  people: { bookedBy: string; acceptedBy: string; acceptedAt: Date },
  seriesId: string | null,
  dates: { from?: string; through?: string },
  now: Date,
): Promise<string[]> {
  // Only visits still ahead: a weekly pattern accepted late skips the occurrences already past.
  const upcoming = occurrences(patternOf(offer), dates).filter((o) => o.startsAt > now);
  if (upcoming.length === 0) return [];
  const rows = await tx
    .insert(visits)
    .values(
      upcoming.map((o) => ({
        parentId: offer.parentId,
        carerId: offer.carerId,
        bookedBy: people.bookedBy,
        offerId: offer.id,
        seriesId,
        occurrenceDate: o.date,
        service: offer.service,
        startsAt: o.startsAt,
        endsAt: o.endsAt,
        priceCents: offer.priceCents,
        cancellation: offer.cancellation,
        terms: termsOf(offer),
        acceptedBy: people.acceptedBy,
        acceptedAt: people.acceptedAt,
      })),
    )
    // The generator may run twice over the same dates: one visit per offer and date.
    .onConflictDoNothing({ target: [visits.offerId, visits.occurrenceDate] })
    .returning({ id: visits.id });
  if (rows.length > 0) {
    await tx.insert(visitEvents).values(
      rows.map((r) => ({
        visitId: r.id,
        actorId: people.acceptedBy,
        fromStatus: null,
        toStatus: "scheduled" as const,
        reason: "booked",
        at: people.acceptedAt,
      })),
    );
  }
  return rows.map((r) => r.id);
}

/** The visits an accepted offer makes, in the accepting transaction. Returns their ids, first first. */
export async function bookOffer(
  tx: Database,
  offer: Offer,
  people: { bookedBy: string; acceptedBy: string },
  now: Date,
): Promise<{ visitIds: string[]; seriesId: string | null }> {
  const who = { ...people, acceptedAt: now };
  if (offer.schedule === "once") return { visitIds: await insertVisits(tx, offer, who, null, {}, now), seriesId: null };
  const through = aheadOf(offer.timeZone, now, lastDate(patternOf(offer)));
  const [series] = await tx
    .insert(visitSeries)
    .values({
      offerId: offer.id,
      parentId: offer.parentId,
      carerId: offer.carerId,
      bookedBy: people.bookedBy,
      timeZone: offer.timeZone,
      weekdays: offer.weekdays ?? [],
      startMinute: offer.startMinute,
      startDate: offer.startDate,
      weeks: offer.weeks ?? 1,
      generatedThrough: through,
    })
    .returning({ id: visitSeries.id });
  const visitIds = await insertVisits(tx, offer, who, series!.id, { through }, now);
  return { visitIds, seriesId: series!.id };
}

/** The last date to generate now: four weeks ahead of today in the series' zone, not past its end. */
function aheadOf(timeZone: string, now: Date, end: string): string {
  const ahead = addDays(dateIn(timeZone, now), SERIES_AHEAD_DAYS);
  return ahead < end ? ahead : end;
}

/**
 * Keeps every live series four weeks ahead (the daily job). Safe to run twice or concurrently: each
 * series is claimed by moving its progress mark, and visits are unique per offer and date.
 */
export async function extendSeries(db: Database, now: Date): Promise<number> {
  const live = await db.select().from(visitSeries).where(isNull(visitSeries.cancelledAt));
  let made = 0;
  for (const series of live) made += await extendOne(db, series, now);
  return made;
}

async function extendOne(db: Database, series: VisitSeries, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const [offer] = await tx.select().from(offersTable).where(eq(offersTable.id, series.offerId));
    if (!offer) return 0;
    const through = aheadOf(series.timeZone, now, lastDate(patternOf(offer)));
    if (through <= series.generatedThrough) return 0;
    const [claimed] = await tx
      .update(visitSeries)
      .set({ generatedThrough: through })
      // A series cancelled since it was read is skipped: its row lock orders this after the cancel.
      .where(
        and(
          eq(visitSeries.id, series.id),
          eq(visitSeries.generatedThrough, series.generatedThrough),
          isNull(visitSeries.cancelledAt),
        ),
      )
      .returning({ id: visitSeries.id });
    if (!claimed) return 0;
    const [first] = await tx
      .select({ acceptedBy: visits.acceptedBy, acceptedAt: visits.acceptedAt })
      .from(visits)
      .where(eq(visits.seriesId, series.id))
      .limit(1);
    const ids = await insertVisits(
      tx,
      offer,
      {
        bookedBy: series.bookedBy,
        acceptedBy: first?.acceptedBy ?? series.bookedBy,
        acceptedAt: first?.acceptedAt ?? series.createdAt,
      },
      series.id,
      { from: addDays(series.generatedThrough, 1), through },
      now,
    );
    return ids.length;
  });
}
