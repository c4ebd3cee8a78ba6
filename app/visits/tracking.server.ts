// What the visit page and its stream show: the timeline, the Electronic Visit Verification record,
// the log and its corrections, and (for the family only, while the carer is on the way) the live
// position. Coordinates of the check-in and check-out go to the family only: for the carer they
// would be the parent's home after the access window has closed.
import { and, asc, eq, gt, sql } from "drizzle-orm";
import {
  parentChecks,
  smsMessages,
  users,
  visitAlerts,
  visitCorrections,
  visitEvents,
  visitLogs,
  type VisitStatus,
} from "~db/schema";
import { type Database, preparedQuery } from "~/db.server";
import type { VisitAccess } from "./access.server";
import { type PlaceException, placeExceptions } from "./exceptions";
import type { Level, Mood } from "./log-rules";
import { type LivePosition, positionForFamily } from "./taps.server";
import { buildTimeline, endedBeforeStart, shortBy, type TimelineEntry, transitionOf, visitMinutes } from "./timeline";

export interface EvvPlace {
  at: string | null;
  distanceM: number | null;
  accuracyM: number | null;
  reason: string | null;
  /** Away from home (with the reason above), no position, a poor fix: what the record flags. */
  exceptions: PlaceException[];
  /** Family only. */
  point: { lat: number; lng: number } | null;
}

export interface VisitRecord {
  service: string;
  parentName: string;
  carerName: string;
  date: string;
  scheduledStart: string;
  scheduledEnd: string;
  onTheWayAt: string | null;
  checkIn: EvvPlace;
  checkOut: EvvPlace;
  minutes: number | null;
  /** Minutes shorter than booked, when that is SHORT_VISIT_MINUTES or more (timeline.ts, shortBy). */
  shortByMinutes: number | null;
  /** Checked out before the booked start (timeline.ts, endedBeforeStart). */
  endedBeforeStart: boolean;
  /** The home's address and the distances from it are left out for this viewer (withoutHomeDistances). */
  homeWithheld?: boolean;
}

export interface LogView {
  tasksDone: string[];
  notes: string;
  mood: Mood | null;
  appetite: Level | null;
  mobility: Level | null;
  concerns: string;
  hasPhoto: boolean;
  updatedAt: string;
}

export interface CorrectionView {
  id: number;
  field: string;
  oldValue: string | null;
  newValue: string | null;
  reason: string;
  by: string | null;
  at: string;
}

export interface VisitTracking {
  record: VisitRecord;
  timeline: TimelineEntry[];
  log: LogView | null;
  corrections: CorrectionView[];
  position: LivePosition | null;
  /** The newest event id: the stream resumes after it. */
  lastEventId: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** A photo's storage key says nothing to a reader: a correction of it shows as there or not. */
const shown = (field: string, value: string | null) => (field === "photoKey" ? (value ? "photo" : null) : value);

export async function visitTracking(db: Database, access: VisitAccess): Promise<VisitTracking> {
  const v = access.visit;
  const family = access.side === "family";
  // Prepared once per database handle (ADR 012): the visit page reads these on every load.
  const visitId = { visitId: v.id };
  const ofVisit = sql.placeholder("visitId");
  const [events, alerts, [log], corrections, [check], position] = await Promise.all([
    preparedQuery(db, "visit_events", (db) =>
      db
        .select({
          id: visitEvents.id,
          at: visitEvents.at,
          fromStatus: visitEvents.fromStatus,
          toStatus: visitEvents.toStatus,
          reason: visitEvents.reason,
          data: visitEvents.data,
        })
        .from(visitEvents)
        .where(eq(visitEvents.visitId, ofVisit))
        .orderBy(asc(visitEvents.id))
        .prepare("visit_events"),
    ).execute(visitId),
    // With the carer's text of each alert, when there is one (its key is alerts.server.ts's): the
    // timeline says what became of it, held by quiet hours, not sent, or sent (a phone walk read
    // "Reminder sent" at 02:00 for a text that went out at 03:00).
    preparedQuery(db, "visit_alerts", (db) =>
      db
        .select({
          kind: visitAlerts.kind,
          at: visitAlerts.at,
          text: { status: smsMessages.status, sendAfter: smsMessages.sendAfter, acceptedAt: smsMessages.acceptedAt },
        })
        .from(visitAlerts)
        .leftJoin(
          smsMessages,
          eq(
            smsMessages.idempotencyKey,
            sql`'visit_alert:' || ${visitAlerts.kind}::text || ':' || ${visitAlerts.visitId}::text || ':' || ${sql.placeholder("carerId")}::text`,
          ),
        )
        .where(eq(visitAlerts.visitId, ofVisit))
        .prepare("visit_alerts"),
    ).execute({ visitId: v.id, carerId: v.carerId }),
    preparedQuery(db, "visit_log", (db) =>
      db.select().from(visitLogs).where(eq(visitLogs.visitId, ofVisit)).prepare("visit_log"),
    ).execute(visitId),
    preparedQuery(db, "visit_corrections", (db) =>
      db
        .select({
          id: visitCorrections.id,
          field: visitCorrections.field,
          oldValue: visitCorrections.oldValue,
          newValue: visitCorrections.newValue,
          reason: visitCorrections.reason,
          by: users.name,
          at: visitCorrections.at,
        })
        .from(visitCorrections)
        .leftJoin(users, eq(users.id, visitCorrections.by))
        .where(eq(visitCorrections.visitId, ofVisit))
        .orderBy(asc(visitCorrections.id))
        .prepare("visit_corrections"),
    ).execute(visitId),
    preparedQuery(db, "visit_parent_check", (db) =>
      db
        .select({ sentAt: parentChecks.sentAt, answer: parentChecks.answer, answeredAt: parentChecks.answeredAt })
        .from(parentChecks)
        .where(eq(parentChecks.visitId, ofVisit))
        .prepare("visit_parent_check"),
    ).execute(visitId),
    positionForFamily(db, access),
  ]);
  const timeline = buildTimeline({
    events,
    evv: v,
    alerts,
    log: log ? { notes: log.notes, updatedAt: log.updatedAt } : null,
    corrections,
    parentCheck: check ?? null,
  });
  const point = (lat: number | null, lng: number | null) =>
    family && lat !== null && lng !== null ? { lat, lng } : null;
  return {
    record: {
      service: v.service,
      parentName: access.parent.name,
      carerName: access.carer.name,
      date: v.occurrenceDate,
      scheduledStart: v.startsAt.toISOString(),
      scheduledEnd: v.endsAt.toISOString(),
      onTheWayAt: iso(v.onTheWayAt),
      checkIn: {
        at: iso(v.checkedInAt),
        distanceM: v.checkInDistanceM,
        accuracyM: v.checkInAccuracyM,
        reason: v.checkInReason,
        exceptions: placeExceptions({
          at: v.checkedInAt,
          distanceM: v.checkInDistanceM,
          accuracyM: v.checkInAccuracyM,
          reason: v.checkInReason,
        }),
        point: point(v.checkInLat, v.checkInLng),
      },
      checkOut: {
        at: iso(v.checkedOutAt),
        distanceM: v.checkOutDistanceM,
        accuracyM: v.checkOutAccuracyM,
        reason: v.checkOutReason,
        exceptions: placeExceptions({
          at: v.checkedOutAt,
          distanceM: v.checkOutDistanceM,
          accuracyM: v.checkOutAccuracyM,
          reason: v.checkOutReason,
        }),
        point: point(v.checkOutLat, v.checkOutLng),
      },
      minutes: visitMinutes(v),
      shortByMinutes: shortBy(v),
      endedBeforeStart: endedBeforeStart(v),
    },
    timeline,
    log: log
      ? {
          tasksDone: log.tasksDone,
          notes: log.notes,
          mood: log.mood,
          appetite: log.appetite,
          mobility: log.mobility,
          concerns: log.concerns,
          hasPhoto: log.photoKey !== null,
          updatedAt: log.updatedAt.toISOString(),
        }
      : null,
    corrections: corrections.map((c) => ({
      ...c,
      oldValue: shown(c.field, c.oldValue),
      newValue: shown(c.field, c.newValue),
      at: c.at.toISOString(),
    })),
    position,
    lastEventId: events.at(-1)?.id ?? 0,
  };
}

/** A visit event as the stream sends it: no text, no place, only what happened and when. */
export interface VisitEventRow {
  seq: number;
  transition: string;
  toStatus: VisitStatus;
  at: string;
}

/**
 * The tracking as a carer sees it once their access to the home has ended: the distances from the
 * home of their check-in and check-out go too. Each is worked out from the exact point; two of them
 * and where the carer stood would draw the home again (PRODUCT: the privacy rule). The exceptions
 * the distances led to stay, and the ETA worked out when they set off goes too.
 */
export function withoutHomeDistances(tracking: VisitTracking): VisitTracking {
  const { record } = tracking;
  return {
    ...tracking,
    record: {
      ...record,
      homeWithheld: true,
      checkIn: { ...record.checkIn, distanceM: null },
      checkOut: { ...record.checkOut, distanceM: null },
    },
    // The ETA of "on the way" was worked out from the exact home too (an outside probe).
    timeline: tracking.timeline.map((e) =>
      e.kind === "arrived" || e.kind === "left"
        ? { ...e, distanceM: null }
        : e.kind === "on_the_way"
          ? { ...e, etaMinutes: null }
          : e,
    ),
  };
}

/**
 * The log's ticked tasks, and their corrections, read through `task` (taskTextFor in visits.server.ts),
 * and so are the words the family or Kinvisit gave for a change of status (a cancellation, a dispute):
 * a carer whose access has ended read "new door code 3141#, don't come" in the timeline, as the chat
 * had shown it (an outside probe). The carer's own words stay as they wrote them.
 */
export function withTaskText(tracking: VisitTracking, task: (text: string) => string): VisitTracking {
  const lines = (value: string | null) => (value === null ? null : value.split("\n").map(task).join("\n"));
  return {
    ...tracking,
    timeline: tracking.timeline.map((e) =>
      e.kind === "status" && e.by !== "carer" && e.reason && "words" in e.reason
        ? { ...e, reason: { words: task(e.reason.words) } }
        : e,
    ),
    log: tracking.log && { ...tracking.log, tasksDone: tracking.log.tasksDone.map(task) },
    corrections: tracking.corrections.map((c) =>
      c.field === "tasksDone" ? { ...c, oldValue: lines(c.oldValue), newValue: lines(c.newValue) } : c,
    ),
  };
}

/** The most events one read of visitEventsAfter returns. */
export const VISIT_EVENTS_PAGE = 200;

export async function visitEventsAfter(db: Database, visitId: string, after: number): Promise<VisitEventRow[]> {
  const rows = await db
    .select({
      id: visitEvents.id,
      fromStatus: visitEvents.fromStatus,
      toStatus: visitEvents.toStatus,
      data: visitEvents.data,
      at: visitEvents.at,
    })
    .from(visitEvents)
    .where(and(eq(visitEvents.visitId, visitId), gt(visitEvents.id, after)))
    .orderBy(asc(visitEvents.id))
    .limit(VISIT_EVENTS_PAGE);
  return rows.map((r) => ({ seq: r.id, transition: transitionOf(r), toStatus: r.toStatus, at: r.at.toISOString() }));
}
