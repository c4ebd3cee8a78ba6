// The privacy rule, checked from the outside: every page and every single-fetch data response, as
// every persona not entitled to them, must be free of the seeded exact values (PRODUCT §2).
import path from "node:path";
import type { ServerBuild } from "@remix-run/node";
import { displayPhone } from "~/parents/phone-display";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createInvitation } from "~/parents/invitations.server";
import { getParentForMember } from "~/parents/parents.server";
import { eq } from "drizzle-orm";
import { visits } from "~db/schema";
import { bookThroughChat } from "../support/chat-fixtures";
import { makeCarerProfile, makeParent, makeVisitRequest, postEntries } from "../support/geo-fixtures";
import type { HttpClient } from "../support/http-client";
import { sessionClient } from "../support/personas";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

type Persona = "anonymous" | "familyA" | "familyB" | "carerX" | "carerY" | "admin";

const PARENT = {
  lat: 30.271234,
  lng: 120.155678,
  address: "88 Secret Lane 秘密巷88号",
  accessNotes: "Door code 7391#",
  phone: "+8657188776655",
  contactPhone: "+86 139 1234 5678",
};
const CARER_X_BASE = { lat: 30.281357, lng: 120.144321 };

/** Each secret in the forms it could take in HTML or in turbo-stream JSON. */
const parentSecrets = [
  "30.271234",
  "120.155678",
  "30.27123",
  "120.15568", // exact point, and rounded to 5 decimals
  "88 Secret Lane",
  "秘密巷",
  "Door code 7391",
  "7391#",
  "+8657188776655",
  "88776655",
  "139 1234 5678",
  // As the pages write numbers (app/parents/phone-display.ts: groups joined by no-break spaces), and
  // with plain spaces.
  ...["+8657188776655", "+8613912345678"].flatMap((n) => [displayPhone(n), displayPhone(n).replace(/\u00A0/g, " ")]),
];
const carerSecrets = ["30.281357", "120.144321", "30.28136", "120.14432"];

let app: TestApp;
let build: ServerBuild;
const clients = {} as Record<Persona, HttpClient>;
const ids = {
  parentA: "",
  parentB: "",
  requestA: "",
  carerX: "",
  carerY: "",
  token: "",
  conversationX: "",
  conversationY: "",
  visitY: "",
};

/** Moves carer Y's visit to parent A: ahead (the carer may see the home) or long past (they may not). */
async function setVisitY(when: "ahead" | "past") {
  const start = Date.now() + (when === "ahead" ? 2 : -3) * 86_400_000;
  await app.db
    .update(visits)
    .set({ startsAt: new Date(start), endsAt: new Date(start + 3_600_000) })
    .where(eq(visits.id, ids.visitY));
}

beforeAll(async () => {
  app = await startAppWithPersonas();
  build = (await import(/* @vite-ignore */ path.resolve("build/server/index.js"))) as ServerBuild;
  const people = app.personas;
  ids.parentA = await makeParent(app.db, people.familyA.id, {
    name: "Zhao Min",
    lat: PARENT.lat,
    lng: PARENT.lng,
    address: PARENT.address,
    accessNotes: PARENT.accessNotes,
    phone: PARENT.phone,
    emergencyContacts: [{ name: "Zhao Jun", relation: "son", phone: PARENT.contactPhone }],
  });
  // Family B's parent lives 1 km away, so B's search lists carer X too.
  ids.parentB = await makeParent(app.db, people.familyB.id, { name: "Qian Lan", lat: 30.2801, lng: 120.1553 });
  await makeCarerProfile(app.db, people.carerX.id, { ...CARER_X_BASE, radiusKm: 8 });
  await makeCarerProfile(app.db, people.carerY.id, { lat: 30.2655, lng: 120.1701, radiusKm: 10 });
  // The family types every private detail into the request's notes too, despite the form's hint.
  ids.requestA = await makeVisitRequest(app.db, { id: people.familyA.id, role: "family" }, ids.parentA, {
    notes: `Home is ${PARENT.address}. ${PARENT.accessNotes}, or call ${PARENT.phone} / ${PARENT.contactPhone}.`,
  });
  const parentA = await getParentForMember(app.db, { id: people.familyA.id, role: "family" }, ids.parentA);
  const invite = await createInvitation(app.db, parentA!, crypto.randomUUID());
  ids.token = invite.ok ? invite.token : "";
  ids.carerX = people.carerX.id;
  ids.carerY = people.carerY.id;
  // Family A talks to carer X (nothing booked) and types every private detail into the chat: masked
  // for the carer. Family A books carer Y, whose visit is long past: access has ended.
  const family = await sessionClient(app.url, app.db, people.familyA.id);
  const opened = await postEntries(family, "/chat/new", {
    from: "service",
    carerId: people.carerX.id,
    parentId: ids.parentA,
    service: "companionship",
  });
  ids.conversationX = opened.headers.get("location")!.replace("/chat/", "");
  await postEntries(family, `/chat/${ids.conversationX}`, {
    intent: "send",
    body: `She lives at ${PARENT.address}. ${PARENT.accessNotes}. Her phone: ${PARENT.phone}, or 139 1234 5678.`,
  });
  const booked = await bookThroughChat(app, people.familyA.id, people.carerY.id, ids.parentA);
  ids.conversationY = booked.conversationId;
  ids.visitY = booked.visitId;
  await setVisitY("past");
  for (const p of ["anonymous", "familyA", "familyB", "carerX", "carerY", "admin"] as const)
    clients[p] = people[p].client;
});
afterAll(() => app?.close());

/** Every route of the build, with the URLs that exercise it (several where query strings matter). */
const pages: Record<string, string[]> = {
  root: [],
  "routes/_index": ["/"],
  "routes/login": ["/login"],
  "routes/signup": ["/signup"],
  "routes/logout": ["/logout"],
  "routes/language": ["/language"],
  "routes/account": ["/account"],
  "routes/family": ["/family"],
  "routes/carer": ["/carer"],
  "routes/admin": ["/admin"],
  "routes/account_.phone": ["/account/phone"],
  "routes/account_.sms": ["/account/sms"],
  "routes/login_.sms": ["/login/sms"],
  "routes/dev.sms": ["/dev/sms"],
  "routes/webhooks.twilio.status": ["/webhooks/twilio/status"],
  "routes/webhooks.twilio.inbound": ["/webhooks/twilio/inbound"],
  "routes/$": ["/no/such/page"],
  "routes/family_.parents.new": ["/family/parents/new"],
  "routes/family_.parents.$parentId": ["/family/parents/{parentA}", "/family/parents/{parentB}"],
  "routes/family_.parents.$parentId._index": ["/family/parents/{parentA}", "/family/parents/{parentB}"],
  "routes/family_.parents.$parentId.edit": ["/family/parents/{parentA}/edit", "/family/parents/{parentB}/edit"],
  "routes/family_.parents.$parentId.carers": [
    "/family/parents/{parentA}/carers",
    "/family/parents/{parentB}/carers",
    "/family/parents/{parentB}/carers?sort=distance",
    "/family/parents/{parentB}/carers?sort=price&size=50",
  ],
  "routes/family_.parents.$parentId.requests.new": [
    "/family/parents/{parentA}/requests/new",
    "/family/parents/{parentB}/requests/new",
  ],
  "routes/invitations.$token": ["/invitations/{token}"],
  "routes/geocode": ["/geocode?q=Secret+Lane"],
  "routes/carer_.profile": ["/carer/profile"],
  "routes/carer_.profile_.photo": ["/carer/profile/photo"],
  "routes/carers.$carerId": ["/carers/{carerX}", "/carers/{carerY}"],
  "routes/photos.$": ["/photos/carers/00000000-0000-4000-8000-000000000000/00000000-0000-4000-8000-000000000001.jpg"],
  "routes/carer_.jobs": ["/carer/jobs", "/carer/jobs?sort=start"],
  "routes/carer_.jobs_.$requestId": ["/carer/jobs/{requestA}"],
  "routes/chat._index": ["/chat"],
  "routes/chat.new": ["/chat/new"],
  "routes/chat.$conversationId": ["/chat/{conversationX}", "/chat/{conversationY}"],
  "routes/chat.$conversationId.stream": ["/chat/{conversationX}/stream", "/chat/{conversationY}/stream"],
  "routes/visits.$visitId": ["/visits/{visitY}"],
  "routes/visits.$visitId.stream": ["/visits/{visitY}/stream"],
  "routes/visits.$visitId.photo": ["/visits/{visitY}/photo"],
  "routes/visits.$visitId_.log": ["/visits/{visitY}/log"],
  "routes/carer_.visits": ["/carer/visits"],
  "routes/visits.$visitId_.cancel": ["/visits/{visitY}/cancel"],
  "routes/visits.$visitId_.confirm": ["/visits/{visitY}/confirm"],
  "routes/visits.$visitId_.dispute": ["/visits/{visitY}/dispute"],
  "routes/family_.parents.$parentId.ledger": [
    "/family/parents/{parentA}/ledger",
    "/family/parents/{parentB}/ledger",
    "/family/parents/{parentA}/ledger?month=2026-11",
  ],
  "routes/family_.parents.$parentId.checks": ["/family/parents/{parentA}/checks", "/family/parents/{parentB}/checks"],
  "routes/visits.$visitId_.rate": ["/visits/{visitY}/rate"],
  "routes/password.forgot": ["/password/forgot"],
  "routes/password.reset.$token": ["/password/reset/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"],
  "routes/account_.delete": ["/account/delete"],
  // The export holds the asking user's own parents in full: the scan checks no one else's appear.
  "routes/account_.export": ["/account/export"],
  "routes/account_.restore": ["/account/restore"],
  "routes/dev.mail": ["/dev/mail"],
  // Admin pages (admins are entitled to a parent's home; everyone else gets the guard's 403).
  "routes/admin_.carers": ["/admin/carers"],
  "routes/admin_.accounts": ["/admin/accounts?q=a", "/admin/accounts?suspended=on"],
  "routes/admin_.reports": ["/admin/reports"],
  "routes/admin_.disputes": ["/admin/disputes"],
  "routes/admin_.disputes_.$disputeId": ["/admin/disputes/00000000-0000-4000-8000-000000000000"],
  "routes/admin_.disputes_.$disputeId.photo": ["/admin/disputes/00000000-0000-4000-8000-000000000000/photo"],
  "routes/admin_.sms": ["/admin/sms"],
  "routes/admin_.audit": ["/admin/audit", "/admin/audit?action=parent.home_read"],
};

/** An event stream never ends: read what it sends in its first second (the replay). */
async function fetchText(client: HttpClient, url: string): Promise<string> {
  if (!url.endsWith("/stream")) return (await client.get(url)).text();
  const res = await client.request(url, {
    headers: { Accept: "text/event-stream" },
    signal: AbortSignal.timeout(1500),
  });
  let text = "";
  try {
    const reader = res.body!.getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      text += new TextDecoder().decode(value);
    }
  } catch {
    // the timeout ends the read
  }
  return text;
}

const resolve = (url: string) => url.replace(/\{(\w+)\}/g, (_m, k: keyof typeof ids) => ids[k]);
function dataUrl(url: string): string {
  const u = new URL(url, "http://x");
  return u.pathname === "/" ? "/_root.data?index" : `${u.pathname.replace(/\/$/, "")}.data${u.search}`;
}
const allUrls = () =>
  Object.values(pages)
    .flat()
    .flatMap((u) => (u.endsWith("/stream") ? [resolve(u)] : [resolve(u), dataUrl(resolve(u))]));

async function scan(persona: Persona, secrets: string[]) {
  const leaks: string[] = [];
  for (const url of allUrls()) {
    const body = await fetchText(clients[persona], url);
    for (const s of secrets) if (body.includes(s)) leaks.push(`${url} contains ${s}`);
  }
  return leaks;
}

it("covers every route in the build", () => {
  const missing = Object.keys(build.routes).filter((id) => !(id in pages));
  expect(missing, `add these routes to the privacy scan: ${missing.join(", ")}`).toEqual([]);
});

describe("a parent's exact location, address, phone and access notes", () => {
  it.each(["anonymous", "familyB", "carerX", "carerY"] as const)("never reach %s", async (persona) => {
    expect(await scan(persona, parentSecrets)).toEqual([]);
  });

  it("reach the carer of a booked visit on the visit's page, from the booking until 24 hours after it", async () => {
    await setVisitY("ahead");
    try {
      for (const url of [`/visits/${ids.visitY}`, `/visits/${ids.visitY}.data`]) {
        const body = await fetchText(clients.carerY, url);
        // The home, the door code and the emergency contact inside the window; the page links the
        // number to call and the way there.
        const page = url.endsWith(".data") ? [] : ["tel:+8613912345678", "geo:30.271234,120.155678"];
        for (const s of ["88 Secret Lane", "Door code 7391#", "Zhao Jun", "+8613912345678", ...page])
          expect(body, `${url} ${s}`).toContain(s);
      }
      // Nowhere else: not in the chat, not in nearby jobs.
      const leaks = (await scan("carerY", parentSecrets)).filter((l) => !l.startsWith(`/visits/${ids.visitY}`));
      expect(leaks).toEqual([]);
      // And never to the other carer, who talked but booked nothing.
      expect(await scan("carerX", parentSecrets)).toEqual([]);
    } finally {
      await setVisitY("past");
    }
    expect(await scan("carerY", parentSecrets)).toEqual([]);
  });

  it("reach the parent's own family, in the page and in its data", async () => {
    for (const url of [
      `/family/parents/${ids.parentA}`,
      `/family/parents/${ids.parentA}.data`,
      `/family/parents/${ids.parentA}/edit`,
    ]) {
      const body = await (await clients.familyA.get(url)).text();
      for (const s of ["30.271234", "120.155678", "88 Secret Lane", "Door code 7391#", "+8657188776655"])
        expect(body, `${url} ${s}`).toContain(s);
    }
  });
});

describe("a carer's exact base", () => {
  it.each(["anonymous", "familyA", "familyB", "carerY"] as const)("never reaches %s", async (persona) => {
    expect(await scan(persona, carerSecrets)).toEqual([]);
  });

  it("reaches the carer themself", async () => {
    const body = await (await clients.carerX.get("/carer/profile.data")).text();
    expect(body).toContain("30.281357");
  });
});

describe("the scan looks at real content", () => {
  it("carer X opens parent A's request, and family B's search lists carer X", async () => {
    expect((await clients.carerX.get(`/carer/jobs/${ids.requestA}`)).status).toBe(200);
    expect(await (await clients.carerX.get("/carer/jobs")).text()).toContain(ids.requestA);
    expect(await (await clients.familyB.get(`/family/parents/${ids.parentB}/carers`)).text()).toContain(
      `/carers/${ids.carerX}`,
    );
    expect(await (await clients.familyB.get(`/invitations/${ids.token}`)).text()).toContain("Zhao Min");
  });
});
