// Issue 14, over HTTP against the production build: one test per class of fault the outside test
// found (docs/decisions/013, 014, 015). The hostile-payload sweep over every action is fuzz-actions.
import http from "node:http";
import net from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { carers, parents, smsMessages, users } from "~db/schema";
import { createLogger } from "~/logger.server";
import { FakeTwilio } from "../fakes/twilio-server";
import { makeCarerProfile, makeParent } from "../support/geo-fixtures";
import { daysAhead } from "../support/chat-fixtures";
import { makeUser, TEST_PASSWORD } from "../support/fixtures";
import { HttpClient } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { waitUntil } from "../support/wait";
import { displayPhone } from "~/parents/phone-display";

let app: TestApp;
const fake = new FakeTwilio();
beforeAll(async () => {
  await fake.start();
  app = await startAppWithPersonas({
    ...fake.env(),
    SMS_COUNTRY_ALLOWLIST: "CN,HK",
    // Each test speaks from its own address (X-Forwarded-For), so the limits it meets are its own.
    TRUST_PROXY: "true",
    // The address a proxy in front serves the app at: its Origin is not the Host the app sees.
    ALLOWED_ORIGINS: "https://kinvisit.example",
    LOGIN_LIMIT_PER_ACCOUNT: "5",
    SIGNUP_LIMIT_PER_IP_HOUR: "5",
  });
});
afterAll(async () => {
  await app?.close();
  await fake.stop();
});

let ipCounter = 0;
/** A client whose requests come from a fresh address. */
function clientFrom(ip = `198.51.100.${++ipCounter}`) {
  const client = new HttpClient(app.url);
  const request = client.request.bind(client);
  client.request = (path, init = {}) => {
    const headers = new Headers(init.headers);
    headers.set("X-Forwarded-For", ip);
    return request(path, { ...init, headers });
  };
  return client;
}

/** A request exactly as written: fetch() would normalise the path and refuse some headers. */
function raw(method: string, path: string, headers: Record<string, string> = {}, body?: Buffer | string) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const url = new URL(app.url);
    // A connection of its own (no keep-alive): a server that answered 413 closes the one it used.
    const req = http.request({ host: url.hostname, port: url.port, method, path, headers, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
      res.on("error", reject);
    });
    req.on("error", (error) => {
      // A server that answers 413 and closes may reset a body still being sent.
      if ((error as NodeJS.ErrnoException).code === "EPIPE" || (error as NodeJS.ErrnoException).code === "ECONNRESET")
        return;
      reject(error);
    });
    if (body !== undefined) req.write(body);
    req.end();
  });
}

describe("redirect targets from input (finding 1)", () => {
  const hostile = [
    "/\t/evil.example",
    "/\\evil.example",
    "//evil.example",
    "/\r\n/evil.example",
    "/\n/evil.example",
    "https://evil.example/",
    "/ /evil.example",
    "/\u2028/evil.example",
    "%2F%2Fevil.example",
  ];

  it("after login: a same-site path or the dashboard, never another site, never a 500", async () => {
    const user = await makeUser(app.db, "family");
    for (const redirectTo of hostile) {
      const res = await clientFrom().post("/login", { email: user.email, password: TEST_PASSWORD, redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(res.headers.get("Location"), JSON.stringify(redirectTo)).toBe("/family");
    }
    const ok = await clientFrom().post("/login", {
      email: user.email,
      password: TEST_PASSWORD,
      redirectTo: "/account?tab=1",
    });
    expect(ok.headers.get("Location")).toBe("/account?tab=1");
  });

  it("after switching language: the same", async () => {
    for (const redirectTo of hostile) {
      const res = await clientFrom().post("/language", { lng: "zh-CN", redirectTo });
      expect(res.status, JSON.stringify(redirectTo)).toBe(302);
      expect(res.headers.get("Location"), JSON.stringify(redirectTo)).toBe("/");
    }
    const ok = await clientFrom().post("/language", { lng: "en", redirectTo: "/signup?role=carer" });
    expect(ok.headers.get("Location")).toBe("/signup?role=carer");
  });
});

describe("request bodies (finding 2)", () => {
  const origin = () => new URL(app.url).origin;

  it("refuses a declared body over 64 KB with 413 before reading it, on forms and webhooks", async () => {
    const big = `email=${"a".repeat(70 * 1024)}`;
    for (const path of ["/login", "/signup", "/webhooks/twilio/status", "/webhooks/twilio/inbound"]) {
      const res = await raw(
        "POST",
        path,
        {
          "Content-Type": "application/x-www-form-urlencoded",
          "Content-Length": String(big.length),
          Origin: origin(),
        },
        big,
      );
      expect(res.status, path).toBe(413);
    }
  });

  it("cuts off a chunked body (no Content-Length) once it passes the cap", async () => {
    const res = await raw(
      "POST",
      "/login",
      { "Content-Type": "application/x-www-form-urlencoded", "Transfer-Encoding": "chunked", Origin: origin() },
      `email=${"b".repeat(200 * 1024)}`,
    );
    expect(res.status).toBe(413);
  });

  it("lets the photo routes take a photo-sized body", async () => {
    const carer = app.personas.carerX.client;
    const form = new FormData();
    form.set("photo", new Blob([new Uint8Array(1024 * 1024)], { type: "image/jpeg" }), "me.jpg");
    const res = await carer.request("/carer/profile/photo", {
      method: "POST",
      body: form,
      headers: { Origin: origin() },
    });
    // Not a real JPEG: refused by the photo pipeline (a field error), not by the size cap.
    expect(res.status).not.toBe(413);
    expect(res.status).toBeLessThan(500);
  });

  it("answers webhooks that are not forms with 400 before any signature check", async () => {
    for (const path of ["/webhooks/twilio/status", "/webhooks/twilio/inbound"]) {
      for (const [type, body] of [
        ["application/json", '{"MessageSid":"x"}'],
        ["text/plain", "hello"],
        ["multipart/form-data; boundary=x", "--x\r\nbroken"],
      ] as const) {
        const res = await fetch(`${app.url}${path}`, { method: "POST", headers: { "Content-Type": type }, body });
        expect(res.status, `${path} ${type}`).toBe(400);
      }
      const none = await fetch(`${app.url}${path}`, { method: "POST" });
      expect(none.status).toBe(400);
    }
  });
});

describe("time zones (finding 3)", () => {
  it("refuses a zone PostgreSQL does not know, though Node's Intl accepts it", async () => {
    expect(() => new Intl.DateTimeFormat("en", { timeZone: "US/Pacific-New" })).not.toThrow();
    const client = app.personas.familyA.client;
    const res = await client.post("/account/sms", { timeZone: "US/Pacific-New", quietHours: "on" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Choose a valid time zone.");
    const [row] = await app.db.select({ tz: users.timeZone }).from(users).where(eq(users.id, app.personas.familyA.id));
    expect(row!.tz).not.toBe("US/Pacific-New");
  });

  it("keeps a family search with a time working when a carer's stored zone is bad", async () => {
    const parentId = await makeParent(app.db, app.personas.familyA.id);
    await makeCarerProfile(app.db, app.personas.carerY.id);
    await app.db.update(carers).set({ timeZone: "US/Pacific-New" }).where(eq(carers.userId, app.personas.carerY.id));
    const res = await app.personas.familyA.client.get(
      `/family/parents/${parentId}/carers?at=${daysAhead(3)}T10:00&service=companionship`,
    );
    expect(res.status).toBe(200);
  });
});

describe("bad input is a 400, never a 500 (finding 4)", () => {
  it("a NUL in any field", async () => {
    const res = await clientFrom().post("/signup", {
      role: "family",
      name: "Mei\u0000Lin",
      email: "nul@example.test",
      password: "a long enough password",
      phone: "+86 138 0013 8000",
      locale: "en",
    });
    expect(res.status).toBe(400);
    expect((await app.db.select().from(users).where(eq(users.email, "nul@example.test"))).length).toBe(0);
  });

  // Found from outside: conform acts on its control fields before any schema sees the form. Crafted
  // ones threw (500), and an update of `x[99999999]` built a list of 10^8 items until the process ran
  // out of memory. No form of ours sends them, so any is refused before conform reads it.
  it("conform's control fields in a form: refused before conform reads them, whatever they hold", async () => {
    const intents = [
      "null",
      "1",
      '"x"',
      "[]",
      "{}",
      '{"type":"x"}',
      '{"type":"validate"}',
      '{"type":"validate","payload":{"name":"email"}}',
      '{"type":"insert","payload":{"name":"email"}}',
      '{"type":"reorder","payload":{"name":"email","from":0,"to":1}}',
      '{"type":"update","payload":{"name":"x[99999999]","value":"1"}}',
    ];
    for (const intent of intents) {
      for (const name of ["__intent__", "__state__"]) {
        const res = await clientFrom().post("/login", { email: "a@b.cd", password: "x", [name]: intent });
        expect(res.status, `${name}=${intent}`).toBe(400);
      }
    }
    const created = await clientFrom().post("/signup", {
      role: "family",
      name: "Mei Lin",
      email: "intent@example.test",
      password: "a long enough password",
      locale: "en",
      __intent__: '{"type":"validate","payload":{"name":"email"}}',
    });
    expect(created.status).toBe(400);
    expect((await app.db.select().from(users).where(eq(users.email, "intent@example.test"))).length).toBe(0);
  });

  it("conform's control fields in a loader's query string: a 400", async () => {
    const client = app.personas.familyA.client;
    const parentId = await makeParent(app.db, app.personas.familyA.id);
    for (const query of ["__intent__={", "__intent__=null", "__state__={", '__intent__={"type":"validate"}']) {
      for (const path of [`/family/parents/${parentId}/carers`, `/family/parents/${parentId}/carers.data`]) {
        const res = await client.get(`${path}?${query}`);
        expect(res.status, `${path}?${query}`).toBe(400);
      }
    }
  });

  it("a NUL or a control character in a cookie", async () => {
    for (const cookie of ["__Host-kv_session=%00.abc", "__Host-kv_session=a%00b.c%00", "kv_toast=%00", "lng=%00"]) {
      const res = await fetch(`${app.url}/`, { headers: { Cookie: cookie } });
      expect(res.status, cookie).toBe(200);
    }
  });

  it("malformed percent-encoding in a path", async () => {
    const client = app.personas.familyA.client;
    for (const bad of ["%FF", "%ED%A0%80", "%c0%ae", "%00", "%E0%A4%A"]) {
      for (const path of [`/family/parents/${bad}`, `/visits/${bad}`, `/chat/${bad}`, `/carers/${bad}.data`]) {
        const res = await client.get(path);
        expect(res.status, path).toBeLessThan(500);
        expect([400, 404], path).toContain(res.status);
      }
    }
  });

  it("a URL or headers past Node's limit: a 431 that says so in each language, and a request Node cannot read, a 400", async () => {
    // A bare 431 with no body (an outside probe): Node answers it before any route runs.
    const long = await raw("GET", `/family?x=${"a".repeat(17_000)}`);
    expect(long.status).toBe(431);
    expect(long.headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(long.body).toContain("Address too long: The address of this page");
    expect(long.body).toContain("地址过长");
    const client = new HttpClient(app.url);
    expect((await client.get(`/login?redirectTo=/${"a".repeat(17_000)}`)).status).toBe(431);
    // A request line that is no HTTP: a 400 in words.
    const garbled = await new Promise<string>((resolve, reject) => {
      const url = new URL(app.url);
      const socket = net.connect(Number(url.port), url.hostname, () =>
        socket.write("GET / HTTP/1.1\r\nHo st: x\r\n\r\n"),
      );
      let text = "";
      socket.setEncoding("utf8");
      socket.on("data", (c) => {
        text += c;
      });
      socket.on("end", () => resolve(text));
      socket.on("error", reject);
    });
    expect(garbled).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(garbled).toContain("Bad request: That request was not valid, so nothing was changed.");
    // The app still answers.
    expect((await raw("GET", "/healthz")).status).toBe(200);
  });

  it("a method the app does not answer: 405 with Allow, before the session or the Origin check", async () => {
    const client = app.personas.familyA.client;
    const headers = { Origin: app.url, Cookie: client.cookieHeader() };
    // TRACE once reached Remix, where no Fetch Request can be made for it: a 500.
    for (const method of ["TRACE", "PUT", "PATCH", "DELETE", "OPTIONS", "PROPFIND"]) {
      for (const path of ["/", "/family", "/login", "/webhooks/twilio/status", "/nowhere"]) {
        const res = await raw(method, path, headers);
        expect(res.status, `${method} ${path}`).toBe(405);
        expect(res.headers.allow, `${method} ${path}`).toBe("GET, HEAD, POST");
      }
    }
    // Before the Origin check (a 403) and the login redirect: no Origin, no session.
    const bare = await raw("PUT", "/family");
    expect(bare.status).toBe(405);
    expect(bare.headers.allow).toBe("GET, HEAD, POST");
    expect((await raw("HEAD", "/family", headers)).status).toBe(200);
  });

  it("refusals made before Remix are in the reader's language: a page for a browser, a line for a script", async () => {
    const browser = { Accept: "text/html,application/xhtml+xml,*/*;q=0.8" };
    const zh = { ...browser, Cookie: "kv_lng=zh-CN" };
    const cases = [
      { req: () => raw("GET", "/family?x=%00", zh), status: 400, text: "请求无效" },
      {
        req: () => raw("GET", "/%E0%A4%A", { ...browser, "Accept-Language": "zh-CN,zh;q=0.9" }),
        status: 400,
        text: "请求无效",
      },
      {
        req: () => raw("PUT", "/family", browser),
        status: 405,
        text: "This address does not take that kind of request.",
      },
      {
        req: () => raw("POST", "/logout", { ...zh, Origin: "https://evil.example" }),
        status: 403,
        text: "不是来自 Kinvisit 页面",
      },
      {
        req: () => raw("POST", "/signup", { ...browser, "Content-Length": String(10 * 1024 * 1024) }),
        status: 413,
        text: "Too large",
      },
    ];
    for (const { req, status, text } of cases) {
      const res = await req();
      expect(res.status, text).toBe(status);
      expect(res.headers["content-type"], text).toContain("text/html");
      expect(res.body, text).toContain(text);
      expect(res.body, text).toContain('<a href="/">');
    }
    // Remix v1's data requests: single fetch refused them with an error-level log and a stack, and
    // a 500 on some routes; anyone could flood the log. Now a 400 before Remix, however encoded.
    for (const path of [
      "/login?_data=routes%2Flogin",
      "/password/forgot?x=1&%5Fdata=root",
      "/?_data",
      "/?_data=root",
    ]) {
      const res = await raw("GET", path, browser);
      expect(res.status, path).toBe(400);
      expect(res.body, path).toContain("Bad request");
    }
    expect((await raw("GET", "/?my_data=1", browser)).status).toBe(200);
    // A script that does not ask for HTML gets one line of text, in its language too.
    const script = await raw("GET", "/family?x=%00", { Accept: "*/*", "Accept-Language": "zh-CN" });
    expect(script.headers["content-type"]).toContain("text/plain");
    expect(script.body).toBe("请求无效: 该请求无效，未做任何更改。");
  });

  it("an object where a list belongs re-renders the form with errors", async () => {
    const client = app.personas.familyA.client;
    const res = await client.post("/family/parents/new", {
      name: "Zhou Mei",
      lat: "30.25",
      lng: "120.15",
      timeZone: "Asia/Shanghai",
      "languages.x": "1",
      "needs.x": "1",
      "emergencyContacts.x": "1",
      __intent__: "not json",
    });
    expect(res.status).toBe(400);
    const again = await client.post("/family/parents/new", {
      name: "Zhou Mei",
      lat: "x",
      "languages.x": "1",
      "needs.x": "1",
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("<form");
  });
});

describe("logs (finding 5)", () => {
  it("never carry a query's parameters", () => {
    const lines: string[] = [];
    const logger = createLogger("debug", {}, (line) => lines.push(line));
    const error = new Error(
      'Failed query: insert into users (email) values ($1)\nparams: mei@example.test,"13800138000\nsecond line"',
    );
    logger.error("unhandled request error", {
      error: Object.assign(error, { cause: Object.assign(new Error("invalid byte sequence"), { code: "22021" }) }),
      params: ["mei@example.test"],
      password: "hunter2",
    });
    const out = lines.join("\n");
    expect(out).toContain("Failed query: insert into users");
    expect(out).toContain("22021");
    expect(out).not.toContain("mei@example.test");
    expect(out).not.toContain("13800138000");
    expect(out).not.toContain("second line");
    expect(out).not.toContain("hunter2");
  });
});

describe("stored values (finding 6)", () => {
  const parentForm = (over: Record<string, string>) => ({
    name: "Zhou Mei",
    address: "7 Hefang Street",
    lat: "30.25",
    lng: "120.15",
    timeZone: "Asia/Shanghai",
    ...over,
  });

  it("refuses control, zero-width-only and bidi characters in one-line fields", async () => {
    const client = app.personas.familyB.client;
    for (const [field, value] of [
      ["name", "Zhou\r\nMei"],
      ["name", "\u200B\u200C\u200D\uFEFF"],
      ["name", "\u202Egnp.exe"],
      ["name", "Zhou\u0007Mei"],
      ["address", "1 West Lake Rd\nFloor 2"],
      ["phone", "+86 138\n0013 8000"],
      ["emergencyContacts[0].name", "\u2066Li\u2069"],
    ] as const) {
      const res = await client.post("/family/parents/new", parentForm({ [field]: value }));
      expect(res.status, `${field}=${JSON.stringify(value)}`).toBe(400);
    }
    const bad = await app.db
      .select({ id: parents.id })
      .from(parents)
      .where(
        sql`${parents.name} ~ '[[:cntrl:]]' or ${parents.name} like ${"%\u202E%"} or ${parents.name} like ${"\u200B%"}`,
      );
    expect(bad).toHaveLength(0);
  });

  it("keeps a box ticked alone when the form comes back with an error (a new-user walk, without JavaScript)", async () => {
    const client = app.personas.familyB.client;
    const one = await client.post("/family/parents/new", parentForm({ languages: "mandarin", birthYear: "1848" }));
    expect(one.status).toBe(400);
    const html = await one.text();
    expect(html).toMatch(/<input type="checkbox" name="languages" checked="" value="mandarin"\/>/);
    expect(html).not.toMatch(/<input type="checkbox" name="languages" checked="" value="(?!mandarin)/);
  });

  it("normalises to NFC and trims", async () => {
    const client = app.personas.familyB.client;
    const page = await (await client.get("/family/parents/new")).text();
    const submissionKey = /name="submissionKey" value="([^"]+)"/.exec(page)![1]!;
    const res = await client.post("/family/parents/new", parentForm({ name: "  Zoe\u0301 Li  ", submissionKey }));
    expect(res.status).toBe(302);
    const rows = await app.db.select({ id: parents.id }).from(parents).where(eq(parents.name, "Zo\u00e9 Li"));
    expect(rows).toHaveLength(1);
  });

  it("refuses one-off visit requests in the past or beyond a year, and year 1 or 9999", async () => {
    const familyA = app.personas.familyA;
    const parentId = await makeParent(app.db, familyA.id);
    const page = await (await familyA.client.get(`/family/parents/${parentId}/requests/new`)).text();
    const key = /name="submissionKey" value="([^"]+)"/.exec(page)?.[1] ?? crypto.randomUUID();
    for (const date of ["2001-01-01", "0001-01-01", "9999-12-31", "2099-01-01", "2026-02-30"]) {
      const res = await familyA.client.post(`/family/parents/${parentId}/requests/new`, {
        submissionKey: key,
        service: "companionship",
        schedule: "once",
        date,
        time: "09:30",
        durationMinutes: "60",
      });
      expect(res.status, date).toBe(400);
    }
  });
});

describe("enumeration and abuse (finding 7)", () => {
  const signupForm = (email: string) => ({
    role: "family",
    name: "Mei Lin",
    email,
    password: "a long enough password",
    phone: "+86 138 0013 8000",
    locale: "en",
  });
  const shape = (res: Response) => ({
    status: res.status,
    location: res.headers.get("Location"),
    cookies: res.headers
      .getSetCookie()
      .map((c) => c.split("=")[0])
      .sort(),
  });

  it("sign-up answers a taken email exactly as a new one, and texts the owner instead", async () => {
    const owner = await makeUser(app.db, "family");
    await app.db.update(users).set({ phoneVerifiedAt: new Date() }).where(eq(users.id, owner.id));
    const fresh = await clientFrom().post("/signup", signupForm(`new.${Date.now()}@example.test`));
    const taken = await clientFrom().post("/signup", signupForm(owner.email.toUpperCase()));
    expect(shape(taken)).toEqual(shape(fresh));
    expect(shape(fresh)).toMatchObject({ status: 302, location: "/login" });
    // Queued just after the answer went out.
    const notices = await waitUntil(
      async () => {
        const rows = await app.db
          .select()
          .from(smsMessages)
          .where(and(eq(smsMessages.userId, owner.id), eq(smsMessages.kind, "account_notice")));
        return rows.length ? rows : undefined;
      },
      { what: "the notice to the owner" },
    );
    expect(notices).toHaveLength(1);
  });

  it("sign-up retried with the same form makes one account and warns nobody; another try on that email does", async () => {
    const page = await (await clientFrom().get("/signup")).text();
    const submissionKey = /name="submissionKey" value="([0-9a-f-]{36})"/.exec(page)![1]!;
    const email = `retry.${Date.now()}@example.test`;
    const client = clientFrom();
    const answers = await Promise.all(
      [1, 2, 3].map(() => client.post("/signup", { ...signupForm(email), submissionKey })),
    );
    expect(answers.map(shape)).toEqual(answers.map(() => shape(answers[0]!)));
    expect(shape(answers[0]!)).toMatchObject({ status: 302, location: "/login" });
    const made = await app.db.select().from(users).where(eq(users.email, email));
    expect(made).toHaveLength(1);
    const noticesTo = (userId: string) =>
      app.db
        .select()
        .from(smsMessages)
        .where(and(eq(smsMessages.userId, userId), eq(smsMessages.kind, "account_notice")));
    // Notices are queued after the answer: another owner's, asked for later, marks when they have run.
    const other = await makeUser(app.db, "family");
    await clientFrom().post("/signup", signupForm(other.email));
    await waitUntil(async () => ((await noticesTo(other.id)).length ? true : undefined), { what: "the later notice" });
    expect(await noticesTo(made[0]!.id)).toEqual([]);
    // A genuinely different sign-up with that email (another form) is still told to its owner.
    await clientFrom().post("/signup", { ...signupForm(email), submissionKey: crypto.randomUUID() });
    await waitUntil(async () => ((await noticesTo(made[0]!.id)).length ? true : undefined), {
      what: "the notice to the new owner",
    });
  });

  it("sign-up is limited per IP", async () => {
    const client = clientFrom();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++)
      statuses.push((await client.post("/signup", signupForm(`burst.${i}.${Date.now()}@example.test`))).status);
    expect(statuses.slice(0, 5)).toEqual([302, 302, 302, 302, 302]);
    expect(statuses.slice(5)).toEqual([429, 429]);
  });

  it("phone verification answers a number taken by another account as any other", async () => {
    const owner = await makeUser(app.db, "family");
    const ownerPhone = `+86139${String(Date.now()).slice(-8)}`;
    await app.db.update(users).set({ phone: ownerPhone, phoneVerifiedAt: new Date() }).where(eq(users.id, owner.id));
    const asker = app.personas.familyB.client;
    const taken = await asker.post("/account/phone", { intent: "send", phone: ownerPhone });
    const free = await app.personas.carerY.client.post("/account/phone", {
      intent: "send",
      phone: `+86137${String(Date.now()).slice(-8)}`,
    });
    expect(taken.status).toBe(free.status);
    expect(taken.status).toBe(200);
    expect(await taken.text()).not.toContain("already verified on another account");
  });

  it("wrong passwords slow the address they come from, not the owner", async () => {
    const user = await makeUser(app.db, "family");
    const attacker = clientFrom();
    for (let i = 0; i < 5; i++) expect((await attacker.login(user.email, "wrong password!")).status).toBe(400);
    expect((await attacker.login(user.email, TEST_PASSWORD)).status).toBe(429);
    const owner = clientFrom();
    expect((await owner.login(user.email, TEST_PASSWORD)).status).toBe(302);
  });

  it("SMS login answers the same page for a registered and an unknown number", async () => {
    const carer = await makeUser(app.db, "carer");
    const phone = `+86135${String(Date.now()).slice(-8)}`;
    await app.db.update(users).set({ phone, phoneVerifiedAt: new Date() }).where(eq(users.id, carer.id));
    const unknown = `+86136${String(Date.now()).slice(-8)}`;
    const a = await clientFrom().post("/login/sms", { intent: "send", phone });
    const b = await clientFrom().post("/login/sms", { intent: "send", phone: unknown });
    expect(a.status).toBe(b.status);
    const strip = (html: string, p: string) =>
      html
        .replaceAll(p, "PHONE")
        .replaceAll(displayPhone(p), "PHONE")
        .replace(/nonce="[^"]+"/g, "")
        .replace(/"requestId":"[^"]+"/g, "")
        // The root loader's clock (for "this year" in dates) differs by milliseconds between answers.
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, "NOW");
    expect(strip(await a.text(), phone)).toBe(strip(await b.text(), unknown));
  });
});

describe("Origin, caching, readiness (finding 8)", () => {
  it("judges the Origin exemption on the normalised path", async () => {
    for (const path of ["/webhooks/../logout", "/webhooks/%2e%2e/logout", "/webhooks/./../signup"]) {
      const res = await raw("POST", path, {
        "Content-Type": "application/x-www-form-urlencoded",
        "Content-Length": "0",
      });
      expect(res.status, path).toBe(403);
    }
  });

  it("takes a post from an allowed origin that is not the Host, and never answers a host header with a 500", async () => {
    const form = { "Content-Type": "application/x-www-form-urlencoded" };
    const body = "lng=zh-CN&redirectTo=%2F";
    // Behind a proxy: the Origin is the public address, the Host the app's own.
    const proxied = await raw("POST", "/language", { ...form, Origin: "https://kinvisit.example" }, body);
    expect(proxied.status).toBe(302);
    // Any X-Forwarded-Host beside a good Origin: Remix's own check threw on it.
    const forwarded = await raw(
      "POST",
      "/language",
      { ...form, Origin: app.url, "X-Forwarded-Host": "evil.example" },
      body,
    );
    expect(forwarded.status).toBe(302);
    // Still refused: an origin nobody allowed.
    expect((await raw("POST", "/language", { ...form, Origin: "https://evil.example" }, body)).status).toBe(403);
    // A host that makes no URL is a bad request, in Host or (behind a trusted proxy) X-Forwarded-Host.
    for (const headers of [
      { Host: "evil.example:99999" },
      { Host: "[::1" },
      { Host: "a b" },
      { "X-Forwarded-Host": "evil.example:99999" },
      // A path, query or fragment inside the host moved the path Remix routed past these guards
      // (`_data` reached Remix; /language answered at a /webhooks/ path, which skips the Origin check).
      { Host: "a/login?_data=routes%2Flogin#" },
      { Host: "a/%E0%A4%A#" },
      { Host: "a/language#" },
      { "X-Forwarded-Host": "a/language#" },
      // User info: the Request's constructor threw on it, after the guards.
      { Host: "a@b" },
      { Host: "x@localhost" },
    ] as Record<string, string>[]) {
      expect((await raw("GET", "/login", headers)).status, JSON.stringify(headers)).toBe(400);
      expect(
        (await raw("POST", "/login.data", { ...headers, ...form, Origin: app.url }, "email=a")).status,
      ).toBeLessThan(500);
    }
  });

  it("sends private, no-store to a logged-in user, for pages and their data", async () => {
    const client = app.personas.familyA.client;
    for (const path of ["/family", "/family.data", "/account", "/"]) {
      const res = await client.get(path);
      expect(res.headers.get("Cache-Control"), path).toBe("private, no-store");
    }
    // Anonymous pages say nothing of their own, so they are not stored either (an invitation is private).
    for (const path of ["/login", "/invitations/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"]) {
      const res = await fetch(`${app.url}${path}`);
      expect(res.headers.get("Cache-Control"), path).toBe("private, no-store");
    }
  });

  it("tells an anonymous /readyz only whether it is ready", async () => {
    const res = await fetch(`${app.url}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready" });
  });
});
