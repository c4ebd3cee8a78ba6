// "New job near you" texts: a family posts a request through the app; the in-process worker texts
// exactly the carers who opted in, cover the request, offer the service, have a verified number
// that has not said STOP, and are under their daily cap. Retries text nobody twice.
import { randomUUID } from "node:crypto";
import { and, desc, eq, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smsMessages, smsOptOuts, smsPreferences, users, visitRequests } from "~db/schema";
import { zhCN } from "~/i18n/locales/zh-CN";
import { queueSms } from "~/sms/sms.server";
import { textNearbyCarers, TEXTS_PER_REQUEST } from "~/visit-requests/nearby-job-texts.server";
import { daysAhead } from "../support/chat-fixtures";
import { eastOf, makeParent, makeQuickCarer, postEntries, WEST_LAKE } from "../support/geo-fixtures";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { waitUntil } from "../support/wait";

let app: TestApp;
let people: TestApp["personas"];
let parentId: string;
let phoneCounter = 0;

/** A carer with a verified number (unique per carer), opted in to nearby-job texts unless told not to. */
async function carer(
  km: number,
  over: { optIn?: boolean; radiusKm?: number; service?: "companionship" | "meal_prep"; locale?: "en" | "zh-CN" } = {},
) {
  const id = await makeQuickCarer(app.db, {
    ...eastOf(WEST_LAKE, km),
    radiusKm: over.radiusKm ?? 5,
    services: [{ service: over.service ?? "companionship", offered: true, price: 50, minMinutes: 60 }],
  });
  phoneCounter += 1;
  const phone = `+86137${String(process.pid % 10000).padStart(4, "0")}${String(phoneCounter).padStart(4, "0")}`;
  await app.db
    .update(users)
    .set({ phone, phoneVerifiedAt: new Date(), locale: over.locale ?? "en" })
    .where(eq(users.id, id));
  await app.db
    .insert(smsPreferences)
    .values({ userId: id, optedInKinds: over.optIn === false ? [] : ["nearby_job"], quietHours: false });
  return { id, phone };
}

const textsFor = (requestId: string) =>
  app.db
    .select({ userId: smsMessages.userId, body: smsMessages.body, status: smsMessages.status })
    .from(smsMessages)
    .where(and(eq(smsMessages.kind, "nearby_job"), like(smsMessages.idempotencyKey, `nearby_job:${requestId}:%`)));

async function postRequest(service = "companionship") {
  const family = people.familyA.client;
  const res = await postEntries(family, `/family/parents/${parentId}/requests/new`, {
    service,
    schedule: "once",
    date: daysAhead(20), // one-off requests are for now..a year ahead (ADR 013)
    time: "10:00",
    durationMinutes: "60",
    budget: "80",
    notes: "",
    submissionKey: randomUUID(),
  });
  expect(res.status).toBe(302);
  const [row] = await app.db
    .select({ id: visitRequests.id })
    .from(visitRequests)
    .where(eq(visitRequests.parentId, parentId))
    .orderBy(desc(visitRequests.createdAt))
    .limit(1);
  return row!.id;
}

beforeAll(async () => {
  app = await startAppWithPersonas();
  people = app.personas;
  parentId = await makeParent(app.db, people.familyA.id, { address: "88 Secret Lane", accessNotes: "Door code 7391#" });
});
afterAll(() => app?.close());

describe("new nearby job texts", () => {
  it("are off until a carer turns them on, and are not offered to families", async () => {
    const carerClient = people.carerX.client;
    const before = await (await carerClient.get("/account/sms")).text();
    expect(before).toMatch(/<input type="checkbox" name="kinds" value="nearby_job"\/>/);
    const saved = await postEntries(carerClient, "/account/sms", [
      ["kinds", "nearby_job"],
      ["kinds", "visit_confirmed"],
      ["timeZone", "Asia/Shanghai"],
    ]);
    expect(saved.status).toBe(302);
    const [prefs] = await app.db.select().from(smsPreferences).where(eq(smsPreferences.userId, people.carerX.id));
    expect(prefs!.optedInKinds).toEqual(["nearby_job"]);
    const after = await (await carerClient.get("/account/sms")).text();
    expect(after.match(/<input[^>]*value="nearby_job"[^>]*>/)?.[0]).toContain("checked");
    const familyPage = await people.familyA.client.get("/account/sms");
    expect(await familyPage.text()).not.toContain('value="nearby_job"');
  });

  it("go only to opted-in carers who cover the request and offer the service, once, without the address", async () => {
    const texted = await carer(2, { locale: "zh-CN" });
    const notOptedIn = await carer(2.5, { optIn: false });
    const tooFar = await carer(30, { radiusKm: 20 });
    const saidStop = await carer(1);
    await app.db.insert(smsOptOuts).values({ phone: saidStop.phone });
    const otherService = await carer(1.5, { service: "meal_prep" });
    const capped = await carer(3);
    for (let i = 0; i < 3; i++) {
      await queueSms(app.db, app.server.jobs, app.env, {
        event: `nearby_job:earlier-${i}`,
        kind: "nearby_job",
        userId: capped.id,
        params: { requestId: `earlier-${i}`, service: "errands", km: 1 },
      });
    }

    const requestId = await postRequest();
    const texts = await waitUntil(
      async () => {
        const rows = await textsFor(requestId);
        return rows.length > 0 && rows;
      },
      { what: "the nearby-job text" },
    );
    // Give the worker time to have sent anything else it was going to.
    await new Promise((r) => setTimeout(r, 1500));
    const final = await textsFor(requestId);
    expect(final.map((t) => t.userId)).toEqual([texted.id]);
    // In the carer's language, the service named as the catalogue names it.
    expect(texts[0]!.body).toContain("附近有新工作");
    expect(texts[0]!.body).toContain(zhCN.catalogue.services.companionship);
    expect(texts[0]!.body).not.toMatch(/companionship/);
    expect(texts[0]!.body).toMatch(/约 \d+(\.5)? 公里/);
    expect(texts[0]!.body).toContain(`/carer/jobs/${requestId}`);
    for (const secret of ["88 Secret Lane", "7391", String(WEST_LAKE.lat)])
      expect(texts[0]!.body).not.toContain(secret);
    for (const other of [notOptedIn, tooFar, saidStop, otherService, capped])
      expect(final.some((t) => t.userId === other.id)).toBe(false);

    // A retried job texts nobody again.
    const again = await textNearbyCarers(app.db, app.server.jobs, app.env, requestId);
    expect(again).toBe(1);
    expect(await textsFor(requestId)).toHaveLength(1);
  });

  it("text at most the nearest carers a request allows", async () => {
    const many = [];
    for (let i = 0; i < TEXTS_PER_REQUEST + 3; i++) many.push(await carer(0.1 + i * 0.05, { radiusKm: 8 }));
    const requestId = await postRequest("companionship");
    await waitUntil(async () => (await textsFor(requestId)).length >= TEXTS_PER_REQUEST, {
      what: "the capped fan-out",
    });
    await new Promise((r) => setTimeout(r, 1500));
    const texts = await textsFor(requestId);
    expect(texts).toHaveLength(TEXTS_PER_REQUEST);
    // The farthest three of the new carers were left out.
    for (const far of many.slice(-3)) expect(texts.some((t) => t.userId === far.id)).toBe(false);
  });

  it("stop once the request is no longer open", async () => {
    const requestId = await postRequest();
    await app.db.update(visitRequests).set({ status: "cancelled" }).where(eq(visitRequests.id, requestId));
    expect(await textNearbyCarers(app.db, app.server.jobs, app.env, requestId)).toBe(0);
  });
});
