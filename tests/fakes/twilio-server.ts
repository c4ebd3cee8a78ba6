// A local fake of Twilio's Messages API (real HTTP on 127.0.0.1) for tests and benchmarks.
// Checks basic auth, answers 201 with a SID, records what it received, and can be told to fail,
// to be slow, or to hold a response so a test can kill the sender between "accepted" and "saved".
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";

export interface ReceivedMessage {
  sid: string;
  to: string;
  from: string | null;
  messagingServiceSid: string | null;
  body: string;
  statusCallback: string | null;
  dateCreated: Date;
  /** The sending process, when the client says (LocalTwilioRequestClient does). */
  senderPid: number | null;
}

type Planned = { status: number; code?: number; message?: string };

export class FakeTwilio {
  readonly accountSid = `AC${randomBytes(16).toString("hex")}`;
  readonly authToken = randomBytes(16).toString("hex");
  readonly messagingServiceSid = `MG${randomBytes(16).toString("hex")}`;
  readonly messages: ReceivedMessage[] = [];
  /** Every POST to the Messages endpoint, including refused ones. */
  createRequests = 0;
  private planned: Planned[] = [];
  private delayMs = 0;
  private failureRate = 0;
  private holdNext: { to: string | null; resolve: (msg: ReceivedMessage) => void } | null = null;
  private held: http.ServerResponse[] = [];
  private server: http.Server | null = null;
  url = "";

  /** The next `times` sends get `status` (default 500). */
  failNext(times: number, status = 500, code?: number, message?: string): this {
    for (let i = 0; i < times; i++) this.planned.push({ status, code, message });
    return this;
  }

  /** Each send fails with 500 with this probability (benchmarks). */
  failRandomly(rate: number): this {
    this.failureRate = rate;
    return this;
  }

  slow(ms: number): this {
    this.delayMs = ms;
    return this;
  }

  /**
   * The next accepted message (to `to`, if given) is recorded (Twilio has it) but its HTTP response is never sent.
   * Resolves with that message, so the caller can kill the sender at exactly that moment.
   */
  acceptButHoldNext(to: string | null = null): Promise<ReceivedMessage> {
    return new Promise((resolve) => {
      this.holdNext = { to, resolve };
    });
  }

  /** Cuts the connections of held responses, as a dying network would. */
  dropHeld(): void {
    for (const res of this.held.splice(0)) res.socket?.destroy();
  }

  env(): Record<string, string> {
    return {
      TWILIO_ACCOUNT_SID: this.accountSid,
      TWILIO_AUTH_TOKEN: this.authToken,
      TWILIO_MESSAGING_SERVICE_SID: this.messagingServiceSid,
      TWILIO_API_URL: this.url,
    };
  }

  async start(): Promise<string> {
    this.server = http.createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this.url;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** POSTs a signed status callback for a message to its StatusCallback URL, as Twilio would. */
  async sendStatus(message: ReceivedMessage, status: string, extra: Record<string, string> = {}): Promise<Response> {
    if (!message.statusCallback) throw new Error("message has no StatusCallback");
    const params = {
      MessageSid: message.sid,
      MessageStatus: status,
      AccountSid: this.accountSid,
      To: message.to,
      ...extra,
    };
    return this.signedPost(message.statusCallback, params);
  }

  /** POSTs a signed inbound message webhook. */
  async sendInbound(
    url: string,
    from: string,
    body: string,
    sid = `SM${randomBytes(16).toString("hex")}`,
  ): Promise<Response> {
    return this.signedPost(url, {
      MessageSid: sid,
      From: from,
      To: "+15005550006",
      Body: body,
      AccountSid: this.accountSid,
    });
  }

  async signedPost(url: string, params: Record<string, string>, signatureUrl = url): Promise<Response> {
    const signature = twilio.getExpectedTwilioSignature(this.authToken, signatureUrl, params);
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": signature },
      body: new URLSearchParams(params).toString(),
    });
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse) {
    const url = new URL(req.url ?? "/", this.url);
    const match = /^\/2010-04-01\/Accounts\/([^/]+)\/Messages\.json$/.exec(url.pathname);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "Content-Type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (!match) return send(404, { code: 20404, message: "The requested resource was not found", status: 404 });
    const auth = Buffer.from((req.headers.authorization ?? "").replace(/^Basic /, ""), "base64").toString();
    if (auth !== `${this.accountSid}:${this.authToken}` || match[1] !== this.accountSid) {
      return send(401, { code: 20003, message: "Authenticate", status: 401 });
    }
    if (req.method === "GET") return send(200, this.listPage(url));
    if (req.method !== "POST") return send(405, { code: 20004, message: "Method not allowed", status: 405 });

    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const form = new URLSearchParams(Buffer.concat(chunks).toString());
    this.createRequests += 1;
    if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
    const planned = this.planned.shift() ?? (Math.random() < this.failureRate ? { status: 500 } : undefined);
    if (planned) {
      const code = planned.code ?? (planned.status >= 500 ? 20500 : 21211);
      return send(planned.status, {
        code,
        message: planned.message ?? (planned.status >= 500 ? "Internal Server Error" : "Invalid 'To' Phone Number"),
        more_info: `https://www.twilio.com/docs/errors/${code}`,
        status: planned.status,
      });
    }
    const to = form.get("To");
    const body = form.get("Body");
    if (!to || !body || (!form.get("From") && !form.get("MessagingServiceSid"))) {
      return send(400, { code: 21604, message: "A 'To' phone number and a 'Body' are required.", status: 400 });
    }
    const message: ReceivedMessage = {
      sid: `SM${randomBytes(16).toString("hex")}`,
      to,
      from: form.get("From"),
      messagingServiceSid: form.get("MessagingServiceSid"),
      body,
      statusCallback: form.get("StatusCallback"),
      dateCreated: new Date(),
      senderPid: Number(req.headers["x-sender-pid"]) || null,
    };
    this.messages.push(message);
    if (this.holdNext && (this.holdNext.to === null || this.holdNext.to === message.to)) {
      const hold = this.holdNext;
      this.holdNext = null;
      this.held.push(res);
      hold.resolve(message);
      return; // never answer: the sender sees its connection die with it
    }
    send(201, this.resource(message));
  }

  private resource(m: ReceivedMessage) {
    return {
      sid: m.sid,
      account_sid: this.accountSid,
      messaging_service_sid: m.messagingServiceSid,
      to: m.to,
      from: m.from,
      body: m.body,
      status: m.messagingServiceSid ? "accepted" : "queued",
      num_segments: "1",
      direction: "outbound-api",
      date_created: m.dateCreated.toUTCString(),
      date_updated: m.dateCreated.toUTCString(),
      date_sent: null,
      error_code: null,
      error_message: null,
      price: null,
      uri: `/2010-04-01/Accounts/${this.accountSid}/Messages/${m.sid}.json`,
    };
  }

  /** GET Messages.json with To= and DateSent> (day granularity, as Twilio). */
  private listPage(url: URL) {
    const to = url.searchParams.get("To");
    const after = url.searchParams.get("DateSent>");
    // twilio-node sends an ISO date-time; Twilio itself filters by day, so compare from that day's start.
    const since = after ? new Date(`${after.slice(0, 10)}T00:00:00Z`) : null;
    const found = this.messages
      .filter((m) => (!to || m.to === to) && (!since || m.dateCreated >= since))
      .reverse()
      .map((m) => this.resource(m));
    return {
      messages: found,
      end: found.length ? found.length - 1 : 0,
      first_page_uri: url.pathname + url.search,
      next_page_uri: null,
      page: 0,
      page_size: found.length || 50,
      previous_page_uri: null,
      start: 0,
      uri: url.pathname + url.search,
    };
  }
}
