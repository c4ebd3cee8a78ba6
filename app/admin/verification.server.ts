// Carer verification: the queue of carers waiting for their checks, and an admin's record of one
// check (ID or background, with the day it was done and a note). A carer is verified once both kinds
// are on record; carers.verified_at is then the day of the latest check, which the badge shows.
import { and, asc, desc, eq, ilike, inArray, isNull, like, or, type SQL, sql } from "drizzle-orm";
import { carerChecks, carers, users, type CarerCheckKind } from "~db/schema";
import type { Database } from "~/db.server";
import { type AdminViewer, recordAudit } from "./audit.server";
import { containsPattern, phoneDigits } from "./text-search";

/** Carer cards on one page of the verification queue. */
export const VERIFICATION_PAGE_SIZE = 50;

export interface QueueInput {
  /** Part of the carer's name, email or phone number. */
  q?: string | undefined;
  /** The id of the last carer of the previous page: the page goes on after them. */
  after?: string | undefined;
}

/**
 * A page of the carers not yet verified and not suspended, longest waiting first (created_at, then id,
 * so two sign-ups in one instant keep their order across pages), with the checks they have; how many
 * wait in all (matching the search), how many came before this page, and the cursor of the next page.
 * Three statements whatever the page holds.
 */
export async function verificationQueue(db: Database, _admin: AdminViewer, input: QueueInput = {}) {
  const [rows, [counts]] = await Promise.all([queuePageQuery(db, input), queueCountQuery(db, input)]);
  const page = rows.slice(0, VERIFICATION_PAGE_SIZE);
  const checks = page.length
    ? await db
        .select({
          carerId: carerChecks.carerId,
          kind: carerChecks.kind,
          checkedOn: carerChecks.checkedOn,
          note: carerChecks.note,
        })
        .from(carerChecks)
        .where(
          inArray(
            carerChecks.carerId,
            page.map((r) => r.id),
          ),
        )
        .orderBy(desc(carerChecks.checkedOn))
    : [];
  return {
    carers: page.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      checks: checks.filter((c) => c.carerId === r.id).map(({ carerId: _c, ...c }) => c),
    })),
    total: counts?.total ?? 0,
    /** How many waiting carers (of the total) come before this page. */
    offset: counts?.before ?? 0,
    next: rows.length > VERIFICATION_PAGE_SIZE ? page[page.length - 1]!.id : null,
  };
}

const waiting = (q: string | undefined) => and(isNull(carers.verifiedAt), isNull(users.suspendedAt), matching(q));

/**
 * After the cursor carer's own place, read in the statement: a carer verified since still marks it. A
 * cursor that is no carer (an account erased since, a hand-edited URL) is the first page: compared with
 * nothing, every row was unknown, and the page said nobody was waiting (an outside probe).
 */
const afterCursor = (after: string | undefined) =>
  after
    ? sql`(not exists (select 1 from carers c where c.user_id = ${after})
        or (${carers.createdAt}, ${carers.userId}) > (select c.created_at, c.user_id from carers c where c.user_id = ${after}))`
    : undefined;

/** The page's statement (one row more than a page, to know there is a next one); exported for its query plan. */
export function queuePageQuery(db: Database, input: QueueInput) {
  return db
    .select({
      id: carers.userId,
      name: users.name,
      email: users.email,
      phone: users.phone,
      listed: carers.listed,
      createdAt: carers.createdAt,
    })
    .from(carers)
    .innerJoin(users, eq(users.id, carers.userId))
    .where(and(waiting(input.q), afterCursor(input.after)))
    .orderBy(asc(carers.createdAt), asc(carers.userId))
    .limit(VERIFICATION_PAGE_SIZE + 1);
}

/** How many wait (matching the search), and how many of them come before the cursor; exported for its query plan. */
export function queueCountQuery(db: Database, input: QueueInput) {
  const cursor = afterCursor(input.after);
  return db
    .select({
      total: sql<number>`count(*)::int`,
      before: cursor ? sql<number>`(count(*) filter (where not ${cursor}))::int` : sql<number>`0`,
    })
    .from(carers)
    .innerJoin(users, eq(users.id, carers.userId))
    .where(waiting(input.q));
}

/** A search in the queue: part of the name or email, or digits of the phone number (spaces and dashes ignored). */
function matching(q: string | undefined): SQL | undefined {
  const text = q?.trim();
  if (!text) return undefined;
  const digits = phoneDigits(text);
  return or(
    ilike(users.name, containsPattern(text)),
    ilike(users.email, containsPattern(text)),
    digits ? like(users.phone, containsPattern(digits)) : undefined,
  );
}

export type CheckResult = { ok: true; verified: boolean } | { ok: false; error: "not_a_carer" | "not_waiting" };

/**
 * Records one check of a carer waiting in the queue. Refused, as typed answers: an id that is no
 * carer, and a carer no longer waiting (verified meanwhile in another tab, or suspended): a check
 * from a stale page must not add to, or undo, what another admin decided (an outside probe saw a
 * verified carer lose their badge to one).
 */
export async function recordCarerCheck(
  db: Database,
  admin: AdminViewer,
  input: { carerId: string; kind: CarerCheckKind; checkedOn: string; note: string },
  now: Date,
): Promise<CheckResult> {
  return db.transaction(async (tx) => {
    const [carer] = await tx
      .select({ id: carers.userId, verifiedAt: carers.verifiedAt, suspendedAt: users.suspendedAt })
      .from(carers)
      .innerJoin(users, eq(users.id, carers.userId))
      .where(eq(carers.userId, input.carerId))
      .for("update", { of: carers });
    if (!carer) return { ok: false, error: "not_a_carer" };
    // The same check again from the same admin (a double submit, a retry) is the one check: the
    // carer's row lock makes the twins take turns, and the second finds the first.
    const [twin] = await tx
      .select({ id: carerChecks.id })
      .from(carerChecks)
      .where(
        and(
          eq(carerChecks.carerId, carer.id),
          eq(carerChecks.kind, input.kind),
          eq(carerChecks.checkedOn, input.checkedOn),
          eq(carerChecks.note, input.note),
          eq(carerChecks.checkedBy, admin.id),
        ),
      )
      .limit(1);
    if (twin) return { ok: true, verified: Boolean(carer.verifiedAt) };
    if (carer.verifiedAt || carer.suspendedAt) return { ok: false, error: "not_waiting" };
    await tx.insert(carerChecks).values({
      carerId: carer.id,
      kind: input.kind,
      checkedOn: input.checkedOn,
      note: input.note,
      checkedBy: admin.id,
      createdAt: now,
    });
    const latest = await tx
      .select({ kind: carerChecks.kind, on: sql<string>`max(${carerChecks.checkedOn})::text` })
      .from(carerChecks)
      .where(eq(carerChecks.carerId, carer.id))
      .groupBy(carerChecks.kind);
    const verified = latest.length === 2;
    // The badge's date is the day of the latest check of either kind, at noon UTC so that it is
    // the same calendar day in every zone we show it in.
    const last = latest
      .map((l) => l.on)
      .sort()
      .at(-1)!;
    await tx
      .update(carers)
      .set({ verifiedAt: verified ? new Date(`${last}T12:00:00Z`) : null, updatedAt: now })
      .where(eq(carers.userId, carer.id));
    await recordAudit(
      tx,
      admin,
      {
        action: "carer.check",
        subjectType: "carer",
        subjectId: carer.id,
        reason: input.note,
        data: { kind: input.kind, checkedOn: input.checkedOn, verified },
      },
      now,
    );
    return { ok: true, verified };
  });
}
