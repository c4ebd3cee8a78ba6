// The minute scan (a pg-boss cron job): reminders, late alerts and missed visits (alerts.ts says
// when), and completed visits that confirm themselves after 48 hours (completion.ts). Each alert
// goes out once even when two scans run at once or one dies halfway: a visit is handled in its own
// transaction, under its row lock, and the alert is claimed in visit_alerts (one row per visit and
// kind) in the same transaction as its text, whose own key (queueSms) is a second guard.
import { and, eq, lte, or, sql } from "drizzle-orm";
import { visitAlerts, visits, type Visit } from "~db/schema";
import type { SystemReason } from "./visit-status";
import type { Database } from "~/db.server";
import { queueSms } from "~/sms/sms.server";
import { ALERT_EVENT, type AlertKind, dueAlerts, SCAN_AHEAD_MS } from "./alerts";
import { AUTO_CONFIRM_AFTER_MS, autoConfirmDue } from "./completion";
import { recordVisitEvent } from "./events.server";
import { type ActingAs, fire, lockVisit, type VisitEffects, visitPeople } from "./transitions.server";

export const SYSTEM: ActingAs = { kind: "system", userId: null };

/**
 * Visits that may have an alert due, with the alerts already claimed. Served by the partial indexes
 * on starts_at (visits_scheduled_starts_idx, visits_on_the_way_starts_idx): every scheduled visit
 * more than an hour past its start has been marked missed, so the range read is the next two hours
 * and the last one.
 */
export function alertCandidatesQuery(db: Database, now: Date) {
  const horizon = new Date(now.getTime() + SCAN_AHEAD_MS);
  return db
    .select({
      id: visits.id,
      status: visits.status,
      startsAt: visits.startsAt,
      acceptedAt: visits.acceptedAt,
      // A lookup per candidate on visit_alerts' primary key, however large that table grows.
      // Qualified by hand: drizzle leaves a one-table select's columns unqualified, and inside the
      // subquery an unqualified name would mean visit_alerts' own column where it has one.
      sent: sql<string[]>`array(select va.kind from visit_alerts va where va.visit_id = "visits"."id")`,
    })
    .from(visits)
    .where(
      or(
        and(eq(visits.status, "scheduled"), lte(visits.startsAt, horizon)),
        and(eq(visits.status, "on_the_way"), lte(visits.startsAt, horizon)),
      ),
    );
}

/** Completed visits whose check-out is 48 hours old: read through visits_completed_ends_idx. */
export function autoConfirmCandidatesQuery(db: Database, now: Date) {
  return db
    .select({ id: visits.id })
    .from(visits)
    .where(
      and(eq(visits.status, "completed"), lte(visits.checkedOutAt, new Date(now.getTime() - AUTO_CONFIRM_AFTER_MS))),
    );
}

export interface ScanResult {
  reminder: number;
  late_carer: number;
  late_family: number;
  missed: number;
  auto_confirm: number;
}

export async function scanVisits(db: Database, effects: VisitEffects, now: Date): Promise<ScanResult> {
  const result: ScanResult = { reminder: 0, late_carer: 0, late_family: 0, missed: 0, auto_confirm: 0 };
  for (const candidate of await alertCandidatesQuery(db, now)) {
    // Most candidates have nothing due this minute (their reminder went out already): no transaction.
    if (dueAlerts(candidate, new Set(candidate.sent), now).length === 0) continue;
    for (const kind of await alertVisit(db, effects, candidate.id, now)) result[kind] += 1;
  }
  for (const { id } of await autoConfirmCandidatesQuery(db, now)) {
    if (await autoConfirm(db, effects, id, now)) result.auto_confirm += 1;
  }
  return result;
}

/** Sends what is due for one visit, in one transaction. Returns the alerts this call claimed. */
export async function alertVisit(
  db: Database,
  effects: VisitEffects,
  visitId: string,
  now: Date,
): Promise<AlertKind[]> {
  return db.transaction(async (tx) => {
    const visit = await lockVisit(tx, visitId);
    if (!visit) return [];
    const sent = await tx.select({ kind: visitAlerts.kind }).from(visitAlerts).where(eq(visitAlerts.visitId, visitId));
    const claimed: AlertKind[] = [];
    for (const kind of dueAlerts(visit, new Set(sent.map((s) => s.kind)), now)) {
      if (!(await claim(tx, visitId, kind, now))) continue;
      if (kind === "missed") {
        const fired = await fire(
          tx,
          effects,
          visit,
          "mark_missed",
          SYSTEM,
          { reason: "no_check_in" satisfies SystemReason },
          now,
        );
        if (!fired.ok) throw new Error(`mark_missed refused on a locked ${visit.status} visit`);
      } else {
        await sendAlert(tx, effects, visit, kind, now);
      }
      claimed.push(kind);
    }
    return claimed;
  });
}

async function claim(tx: Database, visitId: string, kind: AlertKind | "auto_confirm", now: Date): Promise<boolean> {
  const [row] = await tx
    .insert(visitAlerts)
    .values({ visitId, kind, at: now })
    .onConflictDoNothing()
    .returning({ kind: visitAlerts.kind });
  return row !== undefined;
}

/** The latest before its visit a reminder held by quiet hours goes out. */
const REMINDER_LATEST_BEFORE_MS = 30 * 60_000;

async function sendAlert(
  tx: Database,
  effects: VisitEffects,
  visit: Visit,
  kind: Exclude<AlertKind, "missed">,
  now: Date,
): Promise<void> {
  const people = await visitPeople(tx, visit);
  const params = {
    visitId: visit.id,
    parentName: people.parentName,
    startsAt: visit.startsAt.toISOString(),
    timeZone: people.timeZone,
  };
  const texts = {
    reminder: { kind: "visit_reminder", to: [visit.carerId] },
    late_carer: { kind: "visit_late_carer", to: [visit.carerId] },
    // Urgent: sent even in the family's quiet hours (URGENT_KINDS).
    late_family: { kind: "visit_late", to: people.familyIds },
  } as const;
  const { kind: smsKind, to } = texts[kind];
  for (const userId of to) {
    await queueSms(
      tx,
      effects.jobs,
      effects.env,
      {
        event: `visit_alert:${kind}:${visit.id}`,
        kind: smsKind,
        userId,
        params,
        // Quiet hours hold a reminder no later than half an hour before its visit.
        latest: new Date(visit.startsAt.getTime() - REMINDER_LATEST_BEFORE_MS),
      },
      now,
    );
  }
  await recordVisitEvent(tx, effects, visit, { reason: ALERT_EVENT[kind], data: { alert: kind, by: "system" } }, now);
}

/** Confirms one visit 48 hours after its check-out, unless the family answered first. */
export async function autoConfirm(db: Database, effects: VisitEffects, visitId: string, now: Date): Promise<boolean> {
  return db.transaction(async (tx) => {
    const visit = await lockVisit(tx, visitId);
    if (!visit || !autoConfirmDue(visit, now)) return false;
    if (!(await claim(tx, visitId, "auto_confirm", now))) return false;
    const fired = await fire(
      tx,
      effects,
      visit,
      "auto_confirm",
      SYSTEM,
      { set: { confirmedAt: now, autoConfirmed: true } },
      now,
    );
    return fired.ok;
  });
}
