// What the Express server hands every loader and action (see server/app.ts).
import type { Database } from "~db/client";
import type { Env } from "./env.server";
import type { InFlight } from "./http/in-flight.server";
import type { Jobs } from "./jobs/jobs.server";
import type { Logger } from "./logger.server";
import type { Hub } from "./realtime/hub.server";
import type { CurrentAuth } from "./auth/session.server";

export interface KinvisitLoadContext {
  db: Database;
  jobs: Jobs;
  /** This process's real-time fan-out (chat and visit streams). */
  hub: Hub;
  /** Work the shutdown waits for before the database closes (a task begun after the response). */
  inFlight: InFlight;
  /** The time zones the database knows, loaded once at boot (server/time-zones.ts). */
  timeZones: ReadonlySet<string>;
  env: Env;
  logger: Logger;
  requestId: string;
  cspNonce: string;
  clientIp: string;
  /**
   * Aborts when this request's connection closes. A long response (an event stream) ends on it,
   * never on `request.signal`: see `StreamOptions.signal` in realtime/sse.server.ts.
   */
  connectionClosed: AbortSignal;
  /** Bytes written to this response that the socket has not sent yet (a slow or stalled client). */
  unsentBytes: () => number;
  /**
   * The request is for a page's data (its URL ends in `.data`, which Remix takes off before loaders see
   * it): a resource route (a stream, a photo, an export) answers none (server/remix-handler.ts).
   */
  dataRequest: boolean;
  /** Memo of this request's session lookup, so parallel loaders validate the cookie once. */
  auth?: Promise<CurrentAuth | null>;
}

declare module "@remix-run/server-runtime" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends KinvisitLoadContext {}
}
