// Registers the handlers that run jobs: in the app process by default, or in `npm run worker`.
import type PgBoss from "pg-boss";
import { deleteExpiredSessions } from "~/auth/session.server";
import { pruneRateLimits } from "~/auth/rate-limit.server";
import type { Database } from "~/db.server";
import type { Env } from "~/env.server";
import type { Logger } from "~/logger.server";
import { pruneFormSubmissions } from "~/http/once.server";
import { deliverSmsBatch } from "~/sms/delivery.server";
import { pruneExpiredCodes } from "~/sms/verification.server";
import { createTwilioClient } from "~/sms/twilio.server";
import { textNearbyCarers, type NearbyJobTextsJob } from "~/visit-requests/nearby-job-texts.server";
import { refreshAllReplyTimes } from "~/chat/messages.server";
import { extendSeries } from "~/visits/booking.server";
import { scanVisits } from "~/visits/alerts.server";
import { publish } from "~/realtime/hub.server";
import { refreshPeerFigures } from "~/ratings/peers.server";
import { slideScoreWindow, writeDefaultRatings } from "~/ratings/ratings.server";
import { eraseDueAccounts } from "~/account/deletion.server";
import { pruneExpiredResets } from "~/account/password-reset.server";
import { getStorage } from "~/storage/storage.server";
import { jobHoldsFor, reclaimHeldJobs } from "./holds.server";
import { QUEUES, type Jobs, type SmsSendJob } from "./jobs.server";

export async function registerWorkers(jobs: Jobs, { db, env, logger }: { db: Database; env: Env; logger: Logger }) {
  const twilio = createTwilioClient(env);
  if (!twilio)
    logger.info(
      env.isProduction
        ? "no Twilio settings: no text is sent; each one (verification codes included) is written to this log as 'sms (development outbox, not sent)', its words in 'text'"
        : "no Twilio settings: SMS go to the development outbox (/dev/sms) and this log",
    );
  const deps = { db, env, logger, twilio };
  // A named process first hands back what its previous run held when it died (app/jobs/holds.server.ts).
  const holds = env.WORKER_NAME ? jobHoldsFor(db, env.WORKER_NAME) : null;
  if (env.WORKER_NAME) {
    const reclaimed = await reclaimHeldJobs(db, jobs.boss, env.WORKER_NAME);
    if (reclaimed > 0)
      logger.warn("jobs cut off by a crash handed back for retry", { reclaimed, worker: env.WORKER_NAME });
  }
  const options: PgBoss.WorkOptions & { includeMetadata: true } = {
    batchSize: env.SMS_WORKER_BATCH,
    includeMetadata: true,
    pollingIntervalSeconds: env.JOB_POLL_SECONDS,
  };
  for (let i = 0; i < env.SMS_WORKER_CONCURRENCY; i++) {
    const workerId: string = await jobs.work<SmsSendJob>(QUEUES.smsSend, options, async (batch) => {
      const ids = batch.map((job) => job.id);
      await holds?.hold(QUEUES.smsSend, ids);
      try {
        await sendBatch(batch);
      } finally {
        await holds?.release(ids).catch((error: unknown) => logger.warn("job holds not released", { error }));
      }
      // A full batch means more are waiting: fetch again now instead of after the polling interval.
      if (batch.length === options.batchSize) jobs.boss.notifyWorker(workerId);
    });
  }
  async function sendBatch(batch: PgBoss.JobWithMetadata<SmsSendJob>[]) {
    // Each text succeeds or fails on its own: a failed one is handed back for retry here, and
    // pg-boss then completes only the jobs still active.
    const results = await deliverSmsBatch(
      deps,
      batch.map((job) => ({ messageId: job.data.messageId, finalAttempt: job.retryCount >= job.retryLimit })),
    );
    await Promise.all(
      batch.map(async (job, i) => {
        const result = results[i]!;
        if (result.status === "fulfilled") {
          logger.debug("sms job", {
            jobId: job.id,
            messageId: job.data.messageId,
            outcome: result.value,
            retryCount: job.retryCount,
          });
          return;
        }
        const message = (result.reason as Error).message;
        logger.warn("sms attempt failed; will retry", {
          jobId: job.id,
          messageId: job.data.messageId,
          error: message,
        });
        await jobs.boss.fail(QUEUES.smsSend, job.id, { message });
      }),
    );
  }
  await jobs.work<NearbyJobTextsJob>(
    QUEUES.nearbyJobTexts,
    { pollingIntervalSeconds: env.JOB_POLL_SECONDS },
    async (batch) => {
      for (const job of batch) {
        const texted = await textNearbyCarers(db, jobs, env, job.data.requestId);
        logger.info("nearby job texts", { requestId: job.data.requestId, carers: texted });
      }
    },
  );
  await jobs.work(QUEUES.housekeeping, {}, async () => {
    await deleteExpiredSessions(db);
    await pruneRateLimits(db);
    await pruneExpiredCodes(db);
    await pruneFormSubmissions(db);
    await pruneExpiredResets(db, new Date());
  });
  await jobs.work(QUEUES.visitSeries, {}, async () => {
    const made = await extendSeries(db, new Date());
    if (made > 0) logger.info("weekly series extended", { visits: made });
  });
  await jobs.work(QUEUES.daily, {}, async () => {
    await refreshAllReplyTimes(db, new Date());
    // Accounts whose deletion grace period is over (ADR 021).
    const erased = await eraseDueAccounts(db, { storage: getStorage(env), logger }, new Date());
    if (erased.erased > 0 || erased.visitsPurged > 0) logger.info("accounts erased", erased);
  });
  await jobs.work(QUEUES.visitScan, { pollingIntervalSeconds: env.JOB_POLL_SECONDS }, async () => {
    // The tracking pages hear of each change through NOTIFY; this process need not listen.
    const done = await scanVisits(db, { jobs, env, hub: { notify: publish } }, new Date());
    if (Object.values(done).some((n) => n > 0)) logger.info("visit scan", { ...done });
  });
  await jobs.work(QUEUES.ratingDefaults, {}, async () => {
    const written = await writeDefaultRatings(db, new Date());
    if (written > 0) logger.info("default ratings", { written });
  });
  await jobs.work(QUEUES.ratingScores, {}, async () => {
    const now = new Date();
    const recomputed = await slideScoreWindow(db, now);
    const peers = await refreshPeerFigures(db, now);
    logger.info("rating scores", { recomputed, ...peers });
  });
}
