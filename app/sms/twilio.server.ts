// The official twilio client, configured from the environment; optionally pointed at a local fake server.
import twilio from "twilio";
import type { Env } from "~/env.server";

/** Sends every API call to `baseUrl` instead of api.twilio.com (tests and benches; real HTTP, real client). */
export class LocalTwilioRequestClient extends twilio.RequestClient {
  constructor(
    private readonly baseUrl: string,
    options: ConstructorParameters<typeof twilio.RequestClient>[0] = {},
  ) {
    super(options);
  }

  override request<TData>(
    opts: Parameters<InstanceType<typeof twilio.RequestClient>["request"]>[0] & { data?: TData },
  ) {
    return super.request<TData>({
      ...opts,
      uri: opts.uri.replace(/^https:\/\/[^/]+/, this.baseUrl.replace(/\/$/, "")),
      // Which process sent it: bench:sms kills the one whose answer the fake holds back.
      headers: { ...opts.headers, "X-Sender-Pid": String(process.pid) },
    });
  }
}

export type TwilioClient = ReturnType<typeof twilio>;

export function createTwilioClient(env: Env): TwilioClient | null {
  if (!env.twilioConfigured) return null;
  const options = { timeout: env.TWILIO_TIMEOUT_MS, autoRetry: false, keepAlive: true };
  const httpClient = env.TWILIO_API_URL
    ? new LocalTwilioRequestClient(env.TWILIO_API_URL, options)
    : new twilio.RequestClient(options);
  return twilio(env.TWILIO_ACCOUNT_SID, env.TWILIO_AUTH_TOKEN, { httpClient });
}

export function senderFields(env: Env): { messagingServiceSid: string } | { from: string } {
  return env.TWILIO_MESSAGING_SERVICE_SID
    ? { messagingServiceSid: env.TWILIO_MESSAGING_SERVICE_SID }
    : { from: env.TWILIO_FROM_NUMBER! };
}

/** Twilio errors that will never succeed on retry: mark failed at once. */
export const PERMANENT_TWILIO_CODES = new Set([
  21211, 21214, 21408, 21610, 21612, 21614, 21617, 30003, 30004, 30005, 30006,
]);

export type SendFailure =
  | { kind: "permanent"; code: string; message: string }
  | { kind: "transient"; code: string; message: string; ambiguous: boolean };

/** Sorts an error from messages.create into retry / don't retry, and whether Twilio might have accepted it. */
export function classifyTwilioError(error: unknown): SendFailure {
  const e = error as { status?: number; code?: number | string; message?: string };
  if (typeof e?.status === "number") {
    const code = String(e.code ?? e.status);
    const message = e.message ?? `HTTP ${e.status}`;
    if (e.status === 429 || e.status >= 500) return { kind: "transient", code, message, ambiguous: false };
    if (e.status >= 400) return { kind: "permanent", code, message };
  }
  // No HTTP answer (timeout, reset): Twilio may or may not have accepted it.
  return {
    kind: "transient",
    code: String(e?.code ?? "network"),
    message: e?.message ?? String(error),
    ambiguous: true,
  };
}
