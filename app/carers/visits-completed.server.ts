// The count of visits a carer has done (the visits_completed column of carers), recomputed from the visits: the
// SQL twin of countsAsDone (app/visits/visit-status.ts). fire() keeps the column up to date as
// visits move; this sets it from scratch where visits arrive without fire() (the demo seed) and a
// test holds the two equal.
import { inArray, sql } from "drizzle-orm";
import { carers } from "~db/schema";
import type { Database } from "~/db.server";
import { DONE_STATES } from "~/visits/visit-status";

/** Sets visits_completed of these carers (all carers without a list) from their visits. */
export async function recountVisitsCompleted(db: Database, carerIds?: string[]): Promise<void> {
  const states = sql.join(
    DONE_STATES.map((s) => sql`${s}`),
    sql`, `,
  );
  await db
    .update(carers)
    .set({
      visitsCompleted: sql`(select count(*)::int from visits v
        where v.carer_id = ${carers.userId} and v.status in (${states}) and v.checked_out_at is not null)`,
    })
    .where(carerIds ? inArray(carers.userId, carerIds) : sql`true`);
}
