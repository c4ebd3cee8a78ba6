// The jobs a named worker process holds (docs/decisions/007-jobs-and-sms.md): written when it takes a
// batch, cleared when the batch is done. When a process of the same name starts again, what its
// predecessor still held was cut off by a crash: handed back for retry at once, not after the job's
// expiry (a minute). pg-boss itself does not know which process took a job.
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";

export const jobHolds = pgTable(
  "job_holds",
  {
    jobId: uuid().primaryKey(),
    queue: text().notNull(),
    workerName: text().notNull(),
    /** The database's clock, as pg-boss's started_on is: a later start of the job is someone else's. */
    heldAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("job_holds_worker_idx").on(t.workerName)],
);
