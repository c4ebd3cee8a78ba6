// Hostile input against every action and webhook of the build, over HTTP (docs/decisions/013-input-rules.md).
// The route list comes from the build's own manifest, as the authorization matrix's does: a route
// added later is fuzzed without editing this file. Each action is posted, as every persona that gets
// past its guard, a family of hostile values (one field at a time, over a plausible form scraped
// from its page), hostile shapes (lists, objects, huge indexes), and hostile bodies (JSON, plain
// text, none, broken multipart, invalid UTF-8, oversized). It fails on any 5xx, and on any stored
// text that breaks the input rules (control, bidi, zero-width-only) or any one-off visit request
// outside today..a year ahead. Loaders get hostile query strings too. Bounded: see BUDGET.
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { en } from "~/i18n/locales/en";
import { zhCN } from "~/i18n/locales/zh-CN";
import { FakeTwilio } from "../fakes/twilio-server";
import { bookThroughChat, daysAhead } from "../support/chat-fixtures";
import { makeCarerProfile, makeParent, makeVisitRequest } from "../support/geo-fixtures";
import type { HttpClient } from "../support/http-client";
import { PERSONA_KEYS, sessionClient } from "../support/personas";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

const PUBLIC_URL = "http://kinvisit.fuzz";
const fake = new FakeTwilio();
let AUTH_TOKEN = "";
/** At most this many posts per route and persona, by kind (sampled evenly from the full family). */
const BUDGET = { data: 40, document: 10 };
/** At most this many personas per route: the first ones (by role) that get past its guard. */
const PERSONAS_PER_ROUTE = 2;

type Persona = "anonymous" | (typeof PERSONA_KEYS)[number];

let app: TestApp;
let build: ServerBuild;
const clients = {} as Record<Persona, HttpClient>;
const ids: Record<string, string> = {};
const failures: string[] = [];
/** What each route answered its plausible form: the message when the sweep stored nothing. */
const plausibleAnswers: string[] = [];
let startedAt: Date;

beforeAll(async () => {
  await fake.start();
  AUTH_TOKEN = fake.env().TWILIO_AUTH_TOKEN!;
  app = await startAppWithPersonas({ ...fake.env(), PUBLIC_URL, SMS_COUNTRY_ALLOWLIST: "CN,HK" });
  build = (await import(/* @vite-ignore */ path.resolve("build/server/index.js"))) as ServerBuild;
  const p = app.personas;
  ids.parentId = await makeParent(app.db, p.familyA.id);
  ids.carerId = p.carerX.id;
  await makeCarerProfile(app.db, p.carerX.id);
  ids.requestId = await makeVisitRequest(app.db, { id: p.familyA.id, role: "family" }, ids.parentId);
  const booked = await bookThroughChat(app, p.familyA.id, p.carerX.id, ids.parentId);
  ids.conversationId = booked.conversationId;
  ids.visitId = booked.visitId;
  clients.anonymous = p.anonymous.client;
  for (const key of PERSONA_KEYS) clients[key] = await sessionClient(app.url, app.db, p[key].id);
  startedAt = new Date(Date.now() - 1000);
});
afterAll(async () => {
  await app?.close();
  await fake.stop();
});

// ——— the route list, from the manifest ———

interface ActionRoute {
  id: string;
  url: string;
}

function fullPath(routeId: string): string {
  const parts: string[] = [];
  for (let r = build.routes[routeId]; r; r = r.parentId ? build.routes[r.parentId] : undefined) {
    if (r.path) parts.unshift(r.path);
  }
  return `/${parts.join("/")}`;
}

/** Route params become real ids where the fixtures have one, else a well-formed unknown uuid. */
function concrete(pattern: string): string {
  return pattern.replace(/:(\w+)\??/g, (_m, name: string) => ids[name] ?? crypto.randomUUID()).replace(/\*$/, "fuzz/x");
}

function actionRoutes(): ActionRoute[] {
  return Object.entries(build.routes)
    .filter(([, r]) => typeof r.module.action === "function")
    .map(([id, r]) => ({ id, url: concrete(fullPath(id)) + (r.index ? "?index" : "") }));
}

function loaderRoutes(): ActionRoute[] {
  return Object.entries(build.routes)
    .filter(([id, r]) => id !== "root" && typeof r.module.loader === "function" && !id.endsWith(".stream"))
    .map(([id, r]) => ({ id, url: concrete(fullPath(id)) + (r.index ? "?index" : "") }));
}

// ——— the forms, scraped from the pages ———

interface FormShape {
  /** Field name → a plausible value (the page's own, or one made up from the name). */
  base: Record<string, string>;
  /** The intents the page's buttons and hidden fields post. */
  intents: string[];
  /** The fields drawn as boxes of several lines: a line break in them is expected to be taken. */
  textareas: string[];
}

function plausible(name: string): string {
  const n = name
    .replace(/\[\d+\]/g, "")
    .split(".")
    .at(-1)!
    .toLowerCase();
  if (n === "email") return `fuzz.${crypto.randomUUID().slice(0, 8)}@example.test`;
  if (n.includes("password")) return "a long enough password";
  if (n.includes("phone")) return "+86 138 0013 8000";
  if (n === "lat") return "30.25";
  if (n === "lng") return "120.15";
  if (n === "timezone") return "Asia/Shanghai";
  if (n === "date") return daysAhead(5);
  if (n === "time" || n === "start") return "09:30";
  if (n === "end") return "11:00";
  if (n.includes("minutes") || n === "price" || n === "budget") return "60";
  if (n === "code") return "123456";
  if (n === "radiuskm") return "5";
  if (n === "role") return "family";
  if (n === "locale" || n === "lng") return "en";
  return "Plain words";
}

function plausibleAmount(name: string): string {
  const n = name.toLowerCase();
  if (n.includes("year")) return "1940";
  if (n.includes("radius")) return "5";
  if (n.includes("minutes") || n.includes("duration")) return "60";
  if (n.includes("weeks") || n.includes("visits")) return "2";
  return "60";
}

/** A number field's plausible value where its range alone would not do (a pin at the South Pole). */
function plausibleNumber(name: string): string | undefined {
  const n = name.split(".").at(-1)!.toLowerCase();
  return n === "lat" || n === "lng" ? plausible(n) : undefined;
}

const decode = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#x27;|&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/**
 * The fields and intents of the page's forms that post to the route itself (a form posting
 * elsewhere, as the header's language and logout forms do, is that route's to fuzz). React writes
 * attributes in its own case (inputMode), so the attribute patterns ignore case.
 */
function scrape(html: string, pathname: string): FormShape {
  const base: Record<string, string> = {};
  const intents = new Set<string>();
  const textareas = new Set<string>();
  const forms = html.match(/<form[^>]*method="post"[\s\S]*?<\/form>/gi) ?? [];
  for (const form of forms) {
    const action = /^<form[^>]*\baction="([^"]*)"/i.exec(form)?.[1];
    if (action && new URL(decode(action), "http://x").pathname !== pathname) continue;
    for (const tag of form.match(/<(input|textarea|select|button)\b[^>]*>/gi) ?? []) {
      const name = /\bname="([^"]+)"/i.exec(tag)?.[1];
      if (!name) continue;
      const value = /\bvalue="([^"]*)"/i.exec(tag)?.[1];
      if (name === "intent") {
        if (value) intents.add(decode(value));
        continue;
      }
      const key = decode(name);
      if (/^<textarea/i.test(tag)) textareas.add(key);
      if (key in base) continue;
      if (/^<select/i.test(tag)) {
        // The option the page selected, else its first with a value.
        const options = form.slice(form.indexOf(tag)).split(/<\/select>/i)[0]!;
        const chosen =
          /<option[^>]*\bselected=""[^>]*\bvalue="([^"]+)"|<option[^>]*\bvalue="([^"]+)"[^>]*\bselected=""/i.exec(
            options,
          );
        const first = /<option[^>]*\bvalue="([^"]+)"/i.exec(options);
        base[key] = decode(chosen?.[1] ?? chosen?.[2] ?? first?.[1] ?? plausible(name));
      } else if (/type="(checkbox|radio)"/i.test(tag)) {
        if (value) base[key] = decode(value);
      } else if (/type="number"/i.test(tag)) {
        base[key] = value || plausibleNumber(key) || /\bmin="([^"]+)"/i.exec(tag)?.[1] || "1";
      } else if (/inputmode="(numeric|decimal)"/i.test(tag) && !/type="tel"|one-time-code/i.test(tag)) {
        // An amount typed as text (conform-fields.tsx): no min in the HTML.
        base[key] = value ? decode(value) : plausibleAmount(name);
      } else base[key] = value ? decode(value) : plausible(name);
    }
  }
  return { base, intents: [...intents], textareas: [...textareas] };
}

// ——— the payloads ———

const TEXT_VALUES = [
  "",
  " ",
  "x".repeat(20_000),
  "\u0000",
  "a\u0000b",
  "line\r\nbreak",
  "bell\u0007\u001b[31m",
  "\u0085\u2028\u2029",
  "\u200B\u200C\u200D\uFEFF",
  "\u202Egnp.exe",
  "\u2066isolate\u2069",
  "\uD800",
  "NaN",
  "Infinity",
  "-Infinity",
  "1e309",
  "-1",
  "0001-01-01",
  "9999-12-31",
  "2026-02-30",
  "1970-01-01T00:00",
  "99:99",
  "US/Pacific-New",
  "../../etc/passwd",
  "<script>alert(1)</script>",
  "' or 1=1; --",
  "%",
  "%FF",
  '{"a":1}',
];

type Entry = [string, string];
interface Post {
  what: string;
  body: string | FormData | Uint8Array;
  type?: string;
  /**
   * Posted to the route's single-fetch `.data` URL: the action alone, without rendering the page
   * again. The value sweep goes there (it is about what the action does); shapes, bodies and the
   * plausible form go to the document URL, so a re-rendered form meets them too.
   */
  data?: boolean;
}

const urlencoded = (entries: Entry[]) => new URLSearchParams(entries).toString();

/** One field changed at a time, over the plausible form, with each intent. */
function fieldPosts(shape: FormShape): Post[] {
  const intents = shape.intents.length ? shape.intents : [undefined];
  const fields = Object.keys(shape.base).filter((n) => n !== "submissionKey");
  const posts: Post[] = [];
  for (const intent of intents) {
    const base = (): Entry[] => {
      const e: Entry[] = Object.entries(shape.base).map(([k, v]) => [
        k,
        k === "submissionKey" ? crypto.randomUUID() : v,
      ]);
      if (intent) e.push(["intent", intent]);
      return e;
    };
    posts.push({ what: `plausible intent=${intent}`, body: urlencoded(base()) });
    for (const field of [...fields, "intent", "redirectTo"]) {
      for (const value of TEXT_VALUES) {
        const e = base().filter(([k]) => k !== field);
        e.push([field, value]);
        posts.push({
          what: `${field}=${JSON.stringify(value.slice(0, 24))} intent=${intent}`,
          body: urlencoded(e),
          data: true,
        });
      }
    }
    // Shapes: a list or an object where a scalar belongs, and the other way round; a huge index.
    for (const field of fields) {
      const e = base().filter(([k]) => k !== field);
      posts.push({ what: `${field} as a list`, body: urlencoded([...e, [field, "a"], [field, "b"]]) });
      posts.push({ what: `${field} as an object`, body: urlencoded([...e, [`${field}.x`, "1"], [`${field}.y`, "2"]]) });
      posts.push({
        what: `${field}[0] and ${field}.x`,
        body: urlencoded([...e, [`${field}[0]`, "1"], [`${field}.x`, "1"]]),
      });
      posts.push({ what: `${field}[99999999]`, body: urlencoded([...e, [`${field}[99999999]`, "1"]]) });
    }
    posts.push({ what: "conform intent not JSON", body: urlencoded([...base(), ["__intent__", "{"]]) });
    posts.push({ what: "conform state not JSON", body: urlencoded([...base(), ["__state__", "{"]]) });
    // JSON, but not an intent conform can carry out on this form.
    for (const intent of ["null", "{}", '{"type":"validate"}', `{"type":"insert","payload":{"name":"${fields[0]}"}}`])
      posts.push({ what: `conform intent ${intent}`, body: urlencoded([...base(), ["__intent__", intent]]) });
  }
  return posts;
}

/** Bodies that are not a proper form. */
function bodyPosts(shape: FormShape): Post[] {
  const form = new FormData();
  for (const [k, v] of Object.entries(shape.base)) form.append(k, v);
  form.append("file", new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0x00])], { type: "image/jpeg" }), "x\u0000.jpg");
  const invalidUtf8 = Buffer.concat([Buffer.from("name="), Buffer.from([0xff, 0xfe, 0xc0, 0xae, 0xed, 0xa0, 0x80])]);
  return [
    { what: "JSON", body: JSON.stringify(shape.base), type: "application/json" },
    { what: "plain text", body: "name=x", type: "text/plain" },
    { what: "no body", body: "", type: "" },
    {
      what: "broken multipart",
      body: "--b\r\nContent-Disposition: form-data; name=",
      type: "multipart/form-data; boundary=b",
    },
    { what: "multipart without boundary", body: "x", type: "multipart/form-data" },
    { what: "multipart with a file", body: form },
    { what: "invalid UTF-8", body: new Uint8Array(invalidUtf8), type: "application/x-www-form-urlencoded" },
    {
      what: "percent-encoded invalid UTF-8",
      body: "name=%FF%FE%C0%AE&intent=%ED%A0%80",
      type: "application/x-www-form-urlencoded",
    },
    { what: "oversized", body: `name=${"z".repeat(80 * 1024)}`, type: "application/x-www-form-urlencoded" },
    {
      // Object.prototype's names: a schema's shape looked them up as if they were its fields (a 500).
      what: "fields named like Object.prototype's",
      body: urlencoded([
        ...Object.entries(shape.base),
        ...["toString", "valueOf", "hasOwnProperty", "isPrototypeOf", "constructor", "__proto__"].map(
          (n) => [n, "1"] as Entry,
        ),
      ]),
      type: "application/x-www-form-urlencoded",
    },
  ];
}

/** Evenly spread, always keeping the first (plausible) and every body post. */
function sample<T>(items: T[], n: number): T[] {
  if (items.length <= n) return items;
  const step = items.length / n;
  return Array.from({ length: n }, (_, i) => items[Math.floor(i * step)]!);
}

/** A route's single-fetch twin: `/a/b?x` → `/a/b.data?x`. */
function dataUrl(url: string): string {
  const [pathname, search] = url.split("?");
  return `${pathname === "/" ? "/_root" : pathname!.replace(/\/$/, "")}.data${search ? `?${search}` : ""}`;
}

function budgeted(shape: FormShape): Post[] {
  const all = fieldPosts(shape);
  return [
    ...sample(
      all.filter((p) => !p.data),
      BUDGET.document,
    ),
    ...sample(
      all.filter((p) => p.data),
      BUDGET.data,
    ),
    ...bodyPosts(shape),
  ];
}

async function send(client: HttpClient, documentUrl: string, post: Post, extraHeaders: Record<string, string> = {}) {
  const url = post.data ? dataUrl(documentUrl) : documentUrl;
  const headers: Record<string, string> = { Origin: client.origin, ...extraHeaders };
  if (post.type) headers["Content-Type"] = post.type;
  else if (typeof post.body === "string") headers["Content-Type"] = "application/x-www-form-urlencoded";
  const res = await client.request(url, { method: "POST", body: post.body as BodyInit, headers });
  await res.body?.cancel();
  return res.status;
}

function record(route: string, who: string, what: string, status: number) {
  if (status >= 500) failures.push(`${status} ${route} as ${who}: ${what}`);
}

/** Who gets past the route's guard: an empty post answers something other than 302/403/404. */
async function personasFor(url: string): Promise<Persona[]> {
  const reach: Persona[] = [];
  // One of each role (the matrix's second family and carer test scoping, not input).
  for (const who of ["anonymous", "familyA", "carerX", "admin"] as Persona[]) {
    const res = await clients[who].post(url, {});
    await res.body?.cancel();
    record(url, who, "empty post", res.status);
    if (![302, 303, 403, 404, 405].includes(res.status)) reach.push(who);
  }
  return reach.length ? reach.slice(0, PERSONAS_PER_ROUTE) : ["anonymous"];
}

describe("hostile input against every action and webhook", () => {
  it("finds the actions in the build", () => {
    const routes = actionRoutes();
    expect(routes.length).toBeGreaterThan(10);
    expect(routes.map((r) => r.id)).toContain("routes/webhooks.twilio.inbound");
  });

  // Before the sweep, which logs the personas out as its last route.
  it("takes line breaks in every box drawn with several lines", { timeout: 120_000 }, async () => {
    const refusals = [en.validation.control, zhCN.validation.control];
    const checked: string[] = [];
    const refused: string[] = [];
    for (const route of actionRoutes().filter(
      (r) => !r.id.startsWith("routes/webhooks.") && r.id !== "routes/logout",
    )) {
      for (const who of ["familyA", "carerX", "admin"] as Persona[]) {
        const page = await clients[who].get(route.url.replace("?index", ""));
        if (page.status !== 200) {
          await page.body?.cancel();
          continue;
        }
        const shape = scrape(await page.text(), new URL(route.url, app.url).pathname);
        for (const box of shape.textareas) {
          for (const intent of shape.intents.length ? shape.intents : [undefined]) {
            const entries: Entry[] = Object.entries(shape.base).map(([k, v]) => [
              k,
              k === box ? "Line one\nLine two" : k === "submissionKey" ? crypto.randomUUID() : v,
            ]);
            if (intent) entries.push(["intent", intent]);
            const res = await clients[who].request(route.url, {
              method: "POST",
              body: urlencoded(entries),
              headers: { Origin: clients[who].origin, "Content-Type": "application/x-www-form-urlencoded" },
            });
            const answer = await res.text();
            checked.push(`${route.id} ${box}`);
            if (refusals.some((r) => answer.includes(r)))
              refused.push(`${route.id} as ${who}: ${box} (intent=${intent}) answered ${res.status}`);
          }
        }
      }
    }
    expect(refused).toEqual([]);
    // The boxes of the family's and the carer's forms were reached (a request's notes, a carer's bio).
    expect(checked.some((c) => c.includes("requests.new notes"))).toBe(true);
    expect(checked.some((c) => c.startsWith("routes/carer_.profile "))).toBe(true);
  });

  it("never answers 5xx to a form action", { timeout: 240_000 }, async () => {
    const routes = actionRoutes().filter((r) => !r.id.startsWith("routes/webhooks."));
    // Three routes at a time: enough to keep both CPUs busy while one request waits on the database.
    // Logging out ends the personas' sessions (an empty post is enough): that route goes last, alone.
    const isLogout = (r: ActionRoute) => r.id === "routes/logout";
    const queue = routes.filter((r) => !isLogout(r));
    const worker = async () => {
      for (let route = queue.shift(); route; route = queue.shift()) {
        const started = performance.now();
        for (const who of await personasFor(route.url)) {
          const client = clients[who];
          // A route with no page of its own (/language, /logout) is posted to from the header's forms.
          let page = await client.get(route.url.replace("?index", ""));
          if (page.status !== 200) {
            await page.body?.cancel();
            page = await client.get("/");
          }
          const shape = scrape(page.status === 200 ? await page.text() : "", new URL(route.url, app.url).pathname);
          if (page.status !== 200) await page.body?.cancel();
          const posts = budgeted(shape);
          for (const post of posts) {
            const status = await send(client, route.url, post);
            record(route.id, who, post.what, status);
            if (post.what.startsWith("plausible"))
              plausibleAnswers.push(`${status} ${route.id} as ${who}: ${post.what}`);
          }
        }
        if (process.env.FUZZ_TIMES) console.log(`${route.id}: ${Math.round(performance.now() - started)} ms`);
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    queue.push(...routes.filter(isLogout));
    await worker();
    expect(failures, failures.slice(0, 30).join("\n")).toEqual([]);
  });

  it("never answers 5xx to a webhook, signed or not", async () => {
    const webhooks = actionRoutes().filter((r) => r.id.startsWith("routes/webhooks."));
    const shape: FormShape = {
      base: {
        MessageSid: `SM${"a".repeat(32)}`,
        MessageStatus: "delivered",
        From: "+8613800138000",
        To: "+8613900139000",
        Body: "1",
        ErrorCode: "30003",
      },
      intents: [],
      textareas: [],
    };
    const client = clients.anonymous;
    for (const route of webhooks) {
      const posts = budgeted(shape);
      for (const post of posts) {
        // Signed as Twilio would sign it, so the payload reaches the schema and the database.
        const params =
          typeof post.body === "string" && (post.type ?? "").length === 0
            ? Object.fromEntries(new URLSearchParams(post.body))
            : {};
        const signature = twilio.getExpectedTwilioSignature(
          AUTH_TOKEN,
          `${PUBLIC_URL}${new URL(route.url, PUBLIC_URL).pathname}`,
          params,
        );
        record(route.id, "twilio", post.what, await send(client, route.url, post, { "X-Twilio-Signature": signature }));
        record(route.id, "anyone", post.what, await send(client, route.url, post));
      }
    }
    expect(failures, failures.slice(0, 30).join("\n")).toEqual([]);
  });

  it("never answers 5xx to hostile query strings or paths", { timeout: 240_000 }, async () => {
    // Every query parameter a loader reads (app/http/params.server.test.ts keeps them all behind zod).
    const names = [
      "q",
      "at",
      "month",
      "page",
      "size",
      "sort",
      "service",
      "language",
      "gender",
      "verified",
      "redirectTo",
      "m",
      "role",
      "step",
      "before",
      "after",
      "counter",
      "actor",
      "action",
      "from",
      "to",
      "suspended",
      // conform's control fields, which a loader parsing its query with conform read before its schema.
      "__intent__",
      "__state__",
      // Object.prototype's names, which a schema's shape found as fields (a 500 on every page parsing its query).
      "toString",
      "valueOf",
      "hasOwnProperty",
    ];
    const values = [
      "\u0000",
      "%FF",
      "NaN",
      "1e309",
      "1.5",
      "99999999999",
      "0000-01-01",
      "9999-12-31T99:99",
      "\u202E",
      "x".repeat(3000),
      "a&b=c",
    ];
    // Fresh sessions: the form sweep's last route logged the personas out, and a persona's loaders are
    // only reached while it is logged in.
    for (const key of PERSONA_KEYS) clients[key] = await sessionClient(app.url, app.db, app.personas[key].id);
    const account = await clients.familyA.get("/account");
    await account.body?.cancel();
    expect(account.status).toBe(200);
    for (const route of loaderRoutes()) {
      for (const who of ["anonymous", "familyA", "carerX", "admin"] as Persona[]) {
        for (const value of values) {
          // A long value goes a few names at a time: all of them at once would pass Node's 16 KB header
          // limit and be refused (431) before any loader read them.
          const perRequest = value.length > 100 ? 4 : names.length;
          for (let i = 0; i < names.length; i += perRequest) {
            const query = names
              .slice(i, i + perRequest)
              .map((n) => `${n}=${encodeURIComponent(value)}`)
              .join("&");
            const url = `${route.url}${route.url.includes("?") ? "&" : "?"}${query}`;
            const res = await clients[who].get(url);
            await res.body?.cancel();
            record(route.id, who, `GET ?${names[i]}…=${JSON.stringify(value.slice(0, 16))}`, res.status);
          }
        }
        for (const bad of ["%FF", "%ED%A0%80", "%c0%ae", "%00"]) {
          const url = route.url.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/, bad);
          for (const u of [url, `${url.split("?")[0]}.data`]) {
            const res = await clients[who].get(u);
            await res.body?.cancel();
            record(route.id, who, `GET ${u}`, res.status);
          }
        }
      }
    }
    expect(failures, failures.slice(0, 30).join("\n")).toEqual([]);
  });

  it("stored nothing that breaks the input rules", async () => {
    // Every text column of the app's tables, as written during this run's fuzzing.
    const { rows: columns } = await app.database.handle.executeSql(
      `select table_name, column_name from information_schema.columns
       where table_schema = 'public' and data_type in ('text', 'character varying')
         and table_name not in ('sms_inbound', 'rate_limits', 'form_submissions', 'sessions', '__drizzle_migrations')`,
      [],
    );
    const broken: string[] = [];
    for (const { table_name: table, column_name: column } of columns as { table_name: string; column_name: string }[]) {
      const oneLine = /(^|_)(name|address|phone|email|relation|question|time_zone|reason_text)$/.test(column);
      const control = oneLine
        ? "[\\x01-\\x1f\\x7f-\\x9f\\u2028\\u2029]"
        : "[\\x01-\\x08\\x0b-\\x1f\\x7f-\\x9f\\u2028\\u2029]";
      const { rows } = await app.database.handle.executeSql(
        `select "${column}"::text as v from "${table}"
         where "${column}" ~ '${control}'
            or "${column}" ~ '[\\u061c\\u200e\\u200f\\u202a-\\u202e\\u2066-\\u2069]'
            or ("${column}" <> '' and btrim("${column}", E' \\t\\n\\u200b\\u200c\\u200d\\u2060\\ufeff') = '')
         limit 3`,
        [],
      );
      for (const r of rows) broken.push(`${table}.${column}: ${JSON.stringify(r.v).slice(0, 80)}`);
    }
    const { rows: requests } = await app.database.handle.executeSql(
      `select id, starts_at from visit_requests
       where created_at >= $1 and starts_at is not null and id <> $2
         and (starts_at < $1::timestamptz - interval '1 day' or starts_at > $1::timestamptz + interval '400 days')`,
      [startedAt.toISOString(), ids.requestId],
    );
    for (const r of requests) broken.push(`visit_requests ${r.id}: starts_at ${String(r.starts_at)}`);
    const { rows: zones } = await app.database.handle.executeSql(
      `select 'users' as t, time_zone from users where kinvisit_time_zone(time_zone) is null
       union all select 'carers', time_zone from carers where kinvisit_time_zone(time_zone) is null
       union all select 'parents', time_zone from parents where kinvisit_time_zone(time_zone) is null`,
      [],
    );
    for (const r of zones) broken.push(`${r.t}.time_zone: ${String(r.time_zone)}`);
    expect(broken).toEqual([]);
    // The sweep did reach the database: the plausible forms were accepted somewhere.
    const { rows: made } = await app.database.handle.executeSql(
      "select count(*)::int as n from parents where created_at >= $1",
      [startedAt.toISOString()],
    );
    expect(Number(made[0]!.n), plausibleAnswers.filter((a) => a.includes("parents.new")).join("\n")).toBeGreaterThan(0);
    if (process.env.FUZZ_TIMES) console.log(plausibleAnswers.join("\n"));
  });
});
