// Serves the real production build on 127.0.0.1 against a copy of the template database, with the
// authorization matrix's personas already logged in.
import path from "node:path";
import { createLogger } from "~/logger.server";
import { parseEnv, type Env } from "~/env.server";
import { startServer, type RunningServer } from "../../server/start";
import { personasFor, type Personas } from "./personas";
import { createTestDatabase, templateInfo, type TemplateCopy } from "./test-db";

export interface TestApp {
  url: string;
  env: Env;
  db: TemplateCopy["handle"]["db"];
  database: TemplateCopy;
  server: RunningServer;
  /** anonymous, familyA, familyB, carerX, carerY and admin, each with a client (logged in, but for anonymous). */
  personas: Personas;
  close(): Promise<void>;
}

const defaults: Record<string, string> = {
  NODE_ENV: "production",
  LOG_LEVEL: "silent",
  JOB_POLL_SECONDS: "0.5",
  JOB_RETRY_DELAY_SECONDS: "1",
  LOGIN_LIMIT_PER_IP: "1000",
  SIGNUP_LIMIT_PER_IP_HOUR: "1000",
  // The files book and chat faster than a person; chat-pace.test.ts sets the real limits.
  CHAT_MESSAGES_PER_MINUTE: "1000",
  CHAT_OFFERS_PER_MINUTE: "1000",
  SEED_ON_EMPTY: "false",
};

export interface AppOptions {
  /** Another production build (a copy a test has altered); the shared one in build/ by default. */
  buildDir?: string;
  /** Receives each line the app logs at warn and above (silent otherwise, unless TEST_LOG=1). */
  log?: (line: string) => void;
}

/** Env must be set before the build is imported: the bundle reads it once. One app per test file. */
export async function startAppWithPersonas(
  env: Record<string, string> = {},
  { buildDir = path.resolve("build"), log }: AppOptions = {},
): Promise<TestApp> {
  Object.assign(process.env, defaults, env);
  delete process.env.DATABASE_URL; // the app gets its handle directly; never the developer's database
  const database = await createTestDatabase();
  const parsed = parseEnv({ ...process.env, PORT: "0", HOST: "127.0.0.1" });
  const server = await startServer({
    env: parsed,
    handle: database.handle,
    logger: log ? createLogger("warn", {}, log) : createLogger(process.env.TEST_LOG === "1" ? "debug" : "silent"),
    buildDir,
    port: 0,
    host: "127.0.0.1",
  });
  return {
    url: server.url,
    env: parsed,
    db: database.handle.db,
    database,
    server,
    personas: personasFor(server.url, templateInfo().personas),
    close: async () => {
      // Up to 5 s: pg-boss waits that long for a job in hand before failing it and letting go. With 1 s, a
      // job still sending (an SMS through the fake Twilio) outlived the database and its last query
      // rejected after the pool had ended (seen once in CI, in ratings.test.ts on PostgreSQL).
      await server.drain(5000);
      await database.dispose();
    },
  };
}
