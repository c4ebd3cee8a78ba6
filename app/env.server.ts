// The one reader of process.env: every variable the app uses is declared and validated here.
import { z } from "zod";

const bool = z
  .enum(["true", "false", "1", "0", "yes", "no"])
  .transform((v) => v === "true" || v === "1" || v === "yes");

/** Every variable the app reads. `.env.example` lists each one (a test holds the two together). */
const variables = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default("127.0.0.1"),
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
  PGLITE_DIR: z.string().min(1).default(".data/pglite"),
  PUBLIC_URL: z.url({ protocol: /^https?$/ }).optional(),
  ALLOWED_ORIGINS: z.string().default(""),
  TRUST_PROXY: bool.default(false),
  SESSION_IDLE_DAYS: z.coerce.number().positive().max(365).default(30),
  SESSION_ABSOLUTE_DAYS: z.coerce.number().positive().max(365).default(90),
  LOGIN_LIMIT_PER_ACCOUNT: z.coerce.number().int().positive().default(5),
  LOGIN_LIMIT_PER_IP: z.coerce.number().int().positive().default(30),
  /** Sign-up posts per IP per hour (ADR 015). */
  SIGNUP_LIMIT_PER_IP_HOUR: z.coerce.number().int().positive().default(10),
  /** Chat messages one account may send per minute, across its conversations (app/chat/pace.server.ts). */
  CHAT_MESSAGES_PER_MINUTE: z.coerce.number().int().positive().default(30),
  /** Offers and counter-offers one account may send per minute. */
  CHAT_OFFERS_PER_MINUTE: z.coerce.number().int().positive().default(20),
  SEED_ON_EMPTY: bool.default(true),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  TILE_URL: z.string().default("https://tile.openstreetmap.org/{z}/{x}/{y}.png"),
  /** Gzip pages and data (level 1). Off when a reverse proxy compresses them. Static files are precompressed. */
  COMPRESS_PAGES: bool.default(true),
  // SMS (Twilio). Without the account SID and token, messages go to the dev outbox (/dev/sms) and the log.
  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, "must look like AC followed by 32 hex digits")
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(16).optional(),
  TWILIO_MESSAGING_SERVICE_SID: z
    .string()
    .regex(/^MG[0-9a-fA-F]{32}$/)
    .optional(),
  TWILIO_FROM_NUMBER: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, "must be E.164")
    .optional(),
  /** Tests and benches only: send Twilio API calls to this base URL (the local fake server). */
  TWILIO_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  TWILIO_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  SMS_COUNTRY_ALLOWLIST: z.string().default("CN,HK,MO,TW,SG,US,CA,GB,AU,NZ"),
  SMS_DAILY_CAP: z.coerce.number().int().positive().default(5_000),
  SMS_CODE_LIMIT_PER_IP_HOUR: z.coerce.number().int().positive().default(20),
  // Jobs (pg-boss)
  JOBS_IN_PROCESS: bool.default(true),
  JOB_RETRY_LIMIT: z.coerce.number().int().min(0).max(20).default(8),
  JOB_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(2),
  JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).default(60),
  JOB_POLL_SECONDS: z.coerce.number().min(0.5).default(2),
  JOB_MAINTENANCE_SECONDS: z.coerce.number().int().min(1).default(60),
  /**
   * This process's name among the job workers, unique while it runs, the same when it is restarted
   * (sms-1, or the host's name): jobs a crash cut off are retried at the restart, not after their
   * expiry. Unset: they wait for JOB_EXPIRE_SECONDS.
   */
  WORKER_NAME: z
    .string()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, "letters, digits, '.', '_' and '-', at most 64")
    .optional(),
  SMS_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  SMS_WORKER_BATCH: z.coerce.number().int().min(1).max(100).default(10),
  /** A Nominatim-compatible base URL (its /search is queried server-side); unset = no address search. */
  GEOCODER_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Where the local-disk storage keeps uploaded photos. */
  UPLOAD_DIR: z.string().min(1).default(".data/uploads"),
  /** Visits: a check-in or check-out within this many metres of the home, plus the phone's reported accuracy, is at home. */
  GEOFENCE_RADIUS_M: z.coerce.number().int().min(25).max(5000).default(150),
});

export const ENV_VARIABLES = Object.keys(variables.shape);

const schema = variables
  .transform((env) => ({
    ...env,
    PUBLIC_URL: env.PUBLIC_URL ?? `http://localhost:${env.PORT}`,
    isProduction: env.NODE_ENV === "production",
    twilioConfigured: Boolean(
      env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && (env.TWILIO_MESSAGING_SERVICE_SID || env.TWILIO_FROM_NUMBER),
    ),
  }))
  .superRefine((env, ctx) => {
    const some =
      env.TWILIO_ACCOUNT_SID || env.TWILIO_AUTH_TOKEN || env.TWILIO_MESSAGING_SERVICE_SID || env.TWILIO_FROM_NUMBER;
    if (some && !env.twilioConfigured) {
      ctx.addIssue({
        code: "custom",
        path: ["TWILIO_ACCOUNT_SID"],
        message:
          "Twilio needs TWILIO_ACCOUNT_SID, TWILIO_AUTH_TOKEN and TWILIO_MESSAGING_SERVICE_SID or TWILIO_FROM_NUMBER together",
      });
    }
  });

export type Env = z.infer<typeof schema>;

export class InvalidEnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "InvalidEnvError";
  }
}

/** Parses a set of variables; throws InvalidEnvError naming every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as a shell `FOO= npm start` intends.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== undefined && v !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) {
    throw new InvalidEnvError(result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));
  }
  return result.data;
}

let cached: Env | undefined;
export function getEnv(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
