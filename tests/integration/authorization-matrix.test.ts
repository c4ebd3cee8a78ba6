// Every route × every persona → expected status, for the document and its single-fetch .data request.
// Fails when the build has a route this matrix does not list: each new capability adds its rows here.
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { disputes } from "~db/schema";
import { bookThroughChat, daysAhead } from "../support/chat-fixtures";
import type { HttpClient } from "../support/http-client";
import { makeCarerProfile, makeParent, makeVisitRequest, postEntries } from "../support/geo-fixtures";
import { PERSONA_KEYS, sessionClient } from "../support/personas";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { checkInAndOut } from "../support/visit-fixtures";

type Persona = "anonymous" | "familyA" | "familyB" | "carerX" | "carerY" | "admin";
type Outcome = number;
type Row = Record<Persona, Outcome>;

const all = (status: number): Row => ({
  anonymous: status,
  familyA: status,
  familyB: status,
  carerX: status,
  carerY: status,
  admin: status,
});
const loggedIn = (status: number, anonymous: number): Row => ({ ...all(status), anonymous });
const roleOnly = (role: "family" | "carer" | "admin"): Row => ({
  anonymous: 302,
  familyA: role === "family" ? 200 : 403,
  familyB: role === "family" ? 200 : 403,
  carerX: role === "carer" ? 200 : 403,
  carerY: role === "carer" ? 200 : 403,
  admin: role === "admin" ? 200 : 403,
});

/** A page of familyA's parent: familyA sees it, familyB gets 404 (existence not revealed), others by role. */
const ownParent = (own: number, other = 404): Row => ({
  anonymous: 302,
  familyA: own,
  familyB: other,
  carerX: 403,
  carerY: 403,
  admin: 403,
});
/** A conversation or a visit of family A and carer X: the two of them, nobody else. */
const pair = (status: number): Row => ({
  anonymous: 302,
  familyA: status,
  familyB: 404,
  carerX: status,
  carerY: 404,
  admin: 403,
});
/** Admin pages: admins get `admin`, other roles 403, anonymous the login redirect. */
const adminRole = (admin: number): Row => ({ ...roleOnly("admin"), admin });
const familyRole = (family: number): Row => ({ ...roleOnly("family"), familyA: family, familyB: family });
const carerRole = (carer: number): Row => ({ ...roleOnly("carer"), carerX: carer, carerY: carer });

interface MatrixEntry {
  /** Concrete URL to request (with real ids once routes take params). */
  url: string;
  get: Row;
  /** POST with an empty body: what a forged or empty submission gets. Omit for routes without an action. */
  post?: Row;
}

/** Real ids, filled in beforeAll; the matrix is built after them. */
const ids = { parentA: "", requestA: "", carerX: "", photoX: "", conversationA: "", visitA: "", disputeA: "" };

/** `{name}` in a URL is replaced by ids[name] at request time. */
const resolve = (url: string) => url.replace(/\{(\w+)\}/g, (_m, k: keyof typeof ids) => ids[k]);

/** Keyed by Remix route id. */
const matrix: Record<string, MatrixEntry> = {
  root: { url: "/", get: all(200) },
  "routes/_index": { url: "/", get: all(200) },
  "routes/login": { url: "/login", get: loggedIn(302, 200), post: loggedIn(302, 400) },
  "routes/signup": { url: "/signup", get: loggedIn(302, 200), post: loggedIn(302, 400) },
  "routes/logout": { url: "/logout", get: all(302), post: all(302) },
  "routes/language": { url: "/language", get: all(302), post: all(400) },
  "routes/account": { url: "/account", get: loggedIn(200, 302), post: loggedIn(400, 302) },
  "routes/family": { url: "/family", get: roleOnly("family") },
  "routes/carer": { url: "/carer", get: roleOnly("carer"), post: carerRole(400) },
  "routes/admin": { url: "/admin", get: roleOnly("admin") },
  "routes/account_.phone": { url: "/account/phone", get: loggedIn(200, 302), post: loggedIn(400, 302) },
  "routes/account_.sms": { url: "/account/sms", get: loggedIn(200, 302), post: loggedIn(400, 302) },
  "routes/login_.sms": { url: "/login/sms", get: loggedIn(302, 200), post: loggedIn(302, 400) },
  // Development-only outbox: absent in production, whoever asks.
  "routes/dev.sms": { url: "/dev/sms", get: all(404) },
  // Webhooks answer only Twilio-signed POSTs; the matrix's unsigned POST is refused for everyone.
  "routes/webhooks.twilio.status": { url: "/webhooks/twilio/status", get: all(405), post: all(403) },
  "routes/webhooks.twilio.inbound": { url: "/webhooks/twilio/inbound", get: all(405), post: all(403) },
  "routes/$": { url: "/no/such/page", get: all(404), post: all(404) },
  "routes/family_.parents.new": { url: "/family/parents/new", get: roleOnly("family"), post: familyRole(400) },
  // The layout of every page about one parent guards them all; it takes the overview's buttons.
  "routes/family_.parents.$parentId": { url: "/family/parents/{parentA}", get: ownParent(200), post: ownParent(400) },
  // The overview (index) has no action of its own: a post with ?index finds none, whoever sends it.
  "routes/family_.parents.$parentId._index": {
    url: "/family/parents/{parentA}?index",
    get: ownParent(200),
    post: all(405),
  },
  "routes/family_.parents.$parentId.edit": {
    url: "/family/parents/{parentA}/edit",
    get: ownParent(200),
    post: ownParent(400),
  },
  "routes/invitations.$token": {
    url: "/invitations/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    // A link that is no invitation: its page says so, with 404 to a family and 403 to anyone else; a
    // family's post of it is sent back to that page.
    get: { anonymous: 302, familyA: 404, familyB: 404, carerX: 403, carerY: 403, admin: 403 },
    post: { anonymous: 302, familyA: 302, familyB: 302, carerX: 403, carerY: 403, admin: 403 },
  },
  "routes/geocode": { url: "/geocode?q=West+Lake", get: loggedIn(404, 302) },
  "routes/carer_.profile": { url: "/carer/profile", get: roleOnly("carer"), post: carerRole(400) },
  "routes/carer_.profile_.photo": { url: "/carer/profile/photo", get: roleOnly("carer"), post: carerRole(400) },
  // Its action takes the carer's replies and admins' hiding of review text; an empty post is a 400.
  "routes/carers.$carerId": { url: "/carers/{carerX}", get: loggedIn(200, 302), post: loggedIn(400, 302) },
  "routes/family_.parents.$parentId.carers": {
    url: "/family/parents/{parentA}/carers?sort=distance",
    get: ownParent(200),
  },
  "routes/family_.parents.$parentId.requests.new": {
    url: "/family/parents/{parentA}/requests/new",
    get: ownParent(200),
    post: ownParent(400),
  },
  "routes/carer_.jobs": { url: "/carer/jobs", get: roleOnly("carer") },
  // Chat: families and carers; a conversation only for its two people (404 hides it from others).
  "routes/chat._index": { url: "/chat", get: { ...loggedIn(200, 302), admin: 403 } },
  "routes/chat.new": {
    url: "/chat/new",
    get: all(302),
    post: { anonymous: 302, familyA: 400, familyB: 400, carerX: 400, carerY: 400, admin: 403 },
  },
  "routes/chat.$conversationId": {
    url: "/chat/{conversationA}",
    get: pair(200),
    post: pair(400),
  },
  // Served only to EventSource (Accept: text/event-stream); the matrix's plain GET is told so.
  "routes/chat.$conversationId.stream": { url: "/chat/{conversationA}/stream", get: pair(406) },
  "routes/visits.$visitId": { url: "/visits/{visitA}", get: pair(200), post: pair(400) },
  "routes/visits.$visitId.stream": { url: "/visits/{visitA}/stream", get: pair(406) },
  // The log's photo: none yet, so its own people get 404 too.
  "routes/visits.$visitId.photo": { url: "/visits/{visitA}/photo", get: pair(404) },
  // Only the visit's carer writes the log; the family reads it on the visit page.
  "routes/visits.$visitId_.log": {
    url: "/visits/{visitA}/log",
    get: { ...pair(200), familyA: 403 },
    post: { ...pair(400), familyA: 403 },
  },
  "routes/carer_.visits": { url: "/carer/visits", get: roleOnly("carer") },
  // Cancelling and disputing: the visit's family or carer (an empty post lacks its reason; a carer
  // disputes only a missed visit, which the page says); confirming: the family only (carers 403,
  // another family 404).
  "routes/visits.$visitId_.cancel": { url: "/visits/{visitA}/cancel", get: pair(200), post: pair(400) },
  "routes/visits.$visitId_.confirm": { url: "/visits/{visitA}/confirm", get: ownParent(200), post: ownParent(400) },
  "routes/visits.$visitId_.dispute": { url: "/visits/{visitA}/dispute", get: pair(200), post: pair(400) },
  "routes/family_.parents.$parentId.ledger": {
    url: "/family/parents/{parentA}/ledger?month=2026-11",
    get: ownParent(200),
    post: ownParent(400),
  },
  "routes/family_.parents.$parentId.checks": {
    url: "/family/parents/{parentA}/checks",
    get: ownParent(200),
    post: ownParent(400),
  },
  // carerX's radius covers parent A's request; carerY has no base, so the request is not theirs to see.
  "routes/carer_.jobs_.$requestId": {
    url: "/carer/jobs/{requestA}",
    get: { anonymous: 302, familyA: 403, familyB: 403, carerX: 200, carerY: 404, admin: 403 },
  },
  "routes/photos.$": {
    url: "/photos/carers/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000001.jpg",
    get: loggedIn(404, 302),
  },
  // Rating (and the follow-up): the visit's family only; carers 403 (the visit's own too), others 404.
  "routes/visits.$visitId_.rate": { url: "/visits/{visitA}/rate", get: ownParent(200), post: ownParent(400) },
  // Account basics (ADR 021): the reset pages are for the logged out; settings, deletion and the
  // export are the session's own account (no id in any URL); the mail outbox is development-only.
  "routes/password.forgot": { url: "/password/forgot", get: loggedIn(302, 200), post: loggedIn(302, 400) },
  "routes/password.reset.$token": {
    url: "/password/reset/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    get: loggedIn(302, 200),
    post: loggedIn(302, 400),
  },
  "routes/account_.delete": { url: "/account/delete", get: loggedIn(200, 302), post: loggedIn(400, 302) },
  "routes/account_.export": { url: "/account/export", get: loggedIn(200, 302) },
  // Only an account marked for deletion stays on the restore page; the others go to their dashboard.
  "routes/account_.restore": { url: "/account/restore", get: all(302), post: all(302) },
  "routes/dev.mail": { url: "/dev/mail", get: all(404) },
  // Admin: every page and action for admins only; an empty post lacks its intent, id and reason.
  "routes/admin_.carers": { url: "/admin/carers", get: adminRole(200), post: adminRole(400) },
  "routes/admin_.accounts": { url: "/admin/accounts?q=carer", get: adminRole(200), post: adminRole(400) },
  "routes/admin_.reports": { url: "/admin/reports", get: adminRole(200), post: adminRole(400) },
  "routes/admin_.disputes": { url: "/admin/disputes", get: adminRole(200) },
  "routes/admin_.disputes_.$disputeId": {
    url: "/admin/disputes/{disputeA}",
    get: adminRole(200),
    post: adminRole(400),
  },
  // No photo in the disputed visit's log: 404 for the admin too.
  "routes/admin_.disputes_.$disputeId.photo": { url: "/admin/disputes/{disputeA}/photo", get: adminRole(404) },
  "routes/admin_.sms": { url: "/admin/sms", get: adminRole(200), post: adminRole(400) },
  "routes/admin_.audit": { url: "/admin/audit?action=user.suspend", get: adminRole(200) },
};

/** Express routes outside Remix. */
const serverRoutes: Record<string, Row> = {
  "/healthz": all(200),
  "/readyz": all(200),
};

const personas: Persona[] = ["anonymous", "familyA", "familyB", "carerX", "carerY", "admin"];

let app: TestApp;
const clients = {} as Record<Persona, HttpClient>;
let build: ServerBuild;
let people: TestApp["personas"];

beforeAll(async () => {
  app = await startAppWithPersonas();
  build = (await import(/* @vite-ignore */ path.resolve("build/server/index.js"))) as ServerBuild;
  people = app.personas;
  ids.parentA = await makeParent(app.db, people.familyA.id);
  ids.carerX = people.carerX.id;
  await makeCarerProfile(app.db, people.carerX.id);
  ids.requestA = await makeVisitRequest(app.db, { id: people.familyA.id, role: "family" }, ids.parentA);
  const booked = await bookThroughChat(app, people.familyA.id, people.carerX.id, ids.parentA);
  ids.conversationA = booked.conversationId;
  ids.visitA = booked.visitId;
  // A second visit, done and disputed by family A: the admin's evidence page.
  const disputed = await bookThroughChat(app, people.familyA.id, people.carerX.id, ids.parentA, {
    date: daysAhead(4),
  });
  await checkInAndOut(app, disputed.visitId, { at: new Date() }, { at: new Date(Date.now() + 3_600_000) });
  const family = await sessionClient(app.url, app.db, people.familyA.id);
  await postEntries(family, `/visits/${disputed.visitId}/dispute`, { intent: "dispute", reason: "She was not there" });
  const [dispute] = await app.db
    .select({ id: disputes.id })
    .from(disputes)
    .where(eq(disputes.visitId, disputed.visitId));
  ids.disputeA = dispute!.id;
  clients.anonymous = people.anonymous.client;
});
afterAll(() => app?.close());

// A fresh session per test, since some rows (POST /logout) end the one they use.
beforeEach(async () => {
  for (const key of PERSONA_KEYS) clients[key] = await sessionClient(app.url, app.db, people[key].id);
});

it("lists every route in the build", () => {
  const unlisted = Object.keys(build.routes).filter((id) => !(id in matrix));
  expect(unlisted, `add these routes to the authorization matrix: ${unlisted.join(", ")}`).toEqual([]);
  const stale = Object.keys(matrix).filter((id) => !(id in build.routes));
  expect(stale, `routes in the matrix that no longer exist: ${stale.join(", ")}`).toEqual([]);
});

function dataUrl(url: string): string {
  const u = new URL(url, "http://x");
  return u.pathname === "/" ? "/_root.data?index" : `${u.pathname.replace(/\/$/, "")}.data${u.search}`;
}

describe.each(Object.entries(matrix).filter(([id]) => id !== "root"))("%s", (id, entry) => {
  it.each(personas)("GET as %s", async (persona) => {
    const res = await clients[persona].get(resolve(entry.url));
    expect(res.status).toBe(entry.get[persona]);
    await res.body?.cancel(); // an event stream would never end by itself
    // The single-fetch data request must refuse exactly as the document does. A resource route (a
    // stream, a photo, an export, a webhook) has no page data: its `.data` twin is a 404 to everyone,
    // before its loader runs (a stream opened there never ended: an outside probe).
    const data = await clients[persona].get(dataUrl(resolve(entry.url)), { Accept: "text/event-stream" });
    const expected = entry.get[persona];
    if (!build.routes[id]?.module.default) {
      // Refused as the document is where a guard before Remix refuses it; else 404, never its body.
      const refusedAlike = expected === 302 ? [202, 204, 302] : [expected];
      expect([404, ...refusedAlike.filter((status) => status !== 200)]).toContain(data.status);
      await data.body?.cancel();
    } else if (expected === 302) {
      expect([202, 204, 302]).toContain(data.status);
      expect(await data.text()).not.toMatch(/"(email|phone)"/);
    } else {
      expect(data.status).toBe(expected);
      await data.body?.cancel();
    }
  });

  if (entry.post) {
    it.each(personas)("POST as %s", async (persona) => {
      const res = await clients[persona].post(resolve(entry.url), {});
      expect(res.status).toBe(entry.post![persona]);
    });
  }
});

describe.each(Object.entries(serverRoutes))("server route %s", (url, row) => {
  it.each(personas)("GET as %s", async (persona) => {
    expect((await clients[persona].get(url)).status).toBe(row[persona]);
  });
});
