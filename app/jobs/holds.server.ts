// Which jobs a named worker process holds (db/schema/jobs.ts, docs/decisions/007-jobs-and-sms.md). A
// crashed worker's jobs stay active in pg-boss until they expire (JOB_EXPIRE_SECONDS, a minute); when
// the process is started again under the same WORKER_NAME (a supervisor restarting it), its
// predecessor is known to be gone, so what it still held goes back for retry at once. The retry runs
// the job as any retry does: an SMS found 'sending' is reconciled with Twilio before any resend.
import type PgBoss from "pg-boss";
import { inArray, sql } from "drizzle-orm";
import { jobHolds } from "~db/schema";
import { type Database, queryRows } from "~/db.server";

export interface JobHolds {
  /** Records that this process took these jobs (before working on them). */
  hold(queue: string, jobIds: string[]): Promise<void>;
  /** The jobs are done with, whatever their outcome. */
  release(jobIds: string[]): Promise<void>;
}

export function jobHoldsFor(db: Database, workerName: string): JobHolds {
  return {
    async hold(queue, jobIds) {
      if (jobIds.length === 0) return;
      await db
        .insert(jobHolds)
        .values(jobIds.map((jobId) => ({ jobId, queue, workerName })))
        .onConflictDoUpdate({
          target: jobHolds.jobId,
          set: { queue, workerName, heldAt: sql`now()` },
        });
    },
    async release(jobIds) {
      if (jobIds.length === 0) return;
      await db.delete(jobHolds).where(inArray(jobHolds.jobId, jobIds));
    },
  };
}

/**
 * Hands back for retry the jobs a previous run of `workerName` still held, and forgets its holds.
 * Call before this process takes any job. Only a job still in the activation that run started is
 * handed back: one that has since expired and been taken again (started after the hold) is someone
 * else's now. Reads pg-boss's own table (pgboss.job, version 10) for that. Returns how many.
 */
export async function reclaimHeldJobs(db: Database, boss: PgBoss, workerName: string): Promise<number> {
  const held = await queryRows<{ job_id: string; queue: string }>(
    db,
    sql`select h.job_id, h.queue from job_holds h
        join pgboss.job j on j.name = h.queue and j.id = h.job_id
        where h.worker_name = ${workerName} and j.state = 'active' and j.started_on <= h.held_at`,
  );
  const message = `worker ${workerName} restarted: the job was cut off`;
  await Promise.all(held.map((h) => boss.fail(h.queue, h.job_id, { message })));
  await db.delete(jobHolds).where(sql`${jobHolds.workerName} = ${workerName}`);
  return held.length;
}
