// A database, a started pg-boss and a fake Twilio server wired together, for SMS tests and benches.
import { parseEnv, type Env } from "~/env.server";
import { createJobs, startJobs, type Jobs } from "~/jobs/jobs.server";
import { registerWorkers } from "~/jobs/workers.server";
import { createLogger } from "~/logger.server";
import { FakeTwilio } from "../fakes/twilio-server";
import { giveVerifiedPhone, makeUser } from "./fixtures";
import { createTestDatabase, type TestDatabase } from "./test-db";

export interface SmsHarness {
  database: TestDatabase;
  fake: FakeTwilio;
  env: Env;
  jobs: Jobs;
  startWorkers(): Promise<void>;
  /** A user with a verified phone; quiet hours off unless `quietHours` (see giveVerifiedPhone). */
  verifiedUser(
    role?: "family" | "carer",
    locale?: "en" | "zh-CN",
    options?: { quietHours?: boolean },
  ): Promise<{ id: string; phone: string; email: string }>;
  close(): Promise<void>;
}

export async function createSmsHarness(envOverrides: Record<string, string> = {}): Promise<SmsHarness> {
  const database = await createTestDatabase();
  const fake = new FakeTwilio();
  await fake.start();
  const env = parseEnv({
    NODE_ENV: "test",
    PUBLIC_URL: "https://kinvisit.test",
    JOB_RETRY_DELAY_SECONDS: "1",
    JOB_POLL_SECONDS: "0.5",
    JOB_RETRY_LIMIT: "4",
    ...fake.env(),
    ...envOverrides,
  });
  const jobs = createJobs(database.handle.executeSql, env);
  await startJobs(jobs, env);
  let phoneCounter = 0;
  return {
    database,
    fake,
    env,
    jobs,
    startWorkers: () => registerWorkers(jobs, { db: database.handle.db, env, logger: createLogger("silent") }),
    async verifiedUser(role = "family", locale = "en", { quietHours = false } = {}) {
      const user = await makeUser(database.handle.db, role);
      phoneCounter += 1;
      const phone = `+86139${String(process.pid % 10000).padStart(4, "0")}${String(phoneCounter).padStart(4, "0")}`;
      await giveVerifiedPhone(database.handle.db, user.id, phone, { locale, quietHours });
      return { id: user.id, phone, email: user.email };
    },
    async close() {
      // A job a worker is still running finishes (or times out), and what pg-boss sends after it,
      // before its database goes (app/jobs/jobs.server.ts, stop).
      await jobs.stop(10_000);
      await fake.stop();
      await database.dispose();
    },
  };
}
