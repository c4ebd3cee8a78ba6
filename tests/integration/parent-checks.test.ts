// The parent's own word, end to end: the family confirms the parent's number with a code texted to
// it (through the real twilio client and a fake Twilio), turns the question on, a check-out texts the
// parent in their language, and replies arrive on the signed inbound webhook. A reply from any other
// number changes nothing; a "no" opens a dispute; a replay has one effect; a number that is not
// confirmed is never texted.
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { disputes, parentChecks, parents, smsMessages, visitEvents, visits } from "~db/schema";
import { getParentForMember, updateParent } from "~/parents/parents.server";
import { FakeTwilio } from "../fakes/twilio-server";
import { giveVerifiedPhone } from "../support/fixtures";
import { makeCarerProfile, makeParent, parentInput, postEntries } from "../support/geo-fixtures";
import { toastOf } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { bookVisits, checkInAndOut } from "../support/visit-fixtures";
import { waitUntil } from "../support/wait";
import { displayPhone } from "~/parents/phone-display";

const PUBLIC_URL = "https://kinvisit.test";
const MINUTE = 60_000;
const PARENT_PHONE = "+8613933330001";
const fake = new FakeTwilio();
let app: TestApp;
let people: TestApp["personas"];
let parentId: string;

/** A zone where it is about noon now, so the parent's texts are never held for quiet hours. */
function dayZone(now = new Date()): string {
  let k = (12 - now.getUTCHours() + 24) % 24;
  if (k > 14) k -= 24;
  return k === 0 ? "Etc/GMT" : k > 0 ? `Etc/GMT-${k}` : `Etc/GMT+${-k}`;
}

beforeAll(async () => {
  await fake.start();
  app = await startAppWithPersonas({ ...fake.env(), PUBLIC_URL, SMS_COUNTRY_ALLOWLIST: "CN" });
  people = app.personas;
  await makeCarerProfile(app.db, people.carerX.id);
  await giveVerifiedPhone(app.db, people.familyA.id, "+8613933330100");
  // Typed as a family would, without the country code.
  parentId = await makeParent(app.db, people.familyA.id, {
    name: "Liu Hua",
    phone: "139 3333 0001",
    timeZone: dayZone(),
  });
});
afterAll(async () => {
  await app?.close();
  await fake.stop();
});

// The webhook is checked against PUBLIC_URL: sign for it, post to the app.
async function reply(from: string, body: string, sid = `SM${crypto.randomUUID().replaceAll("-", "")}`) {
  const res = await fake.signedPost(
    `${app.url}/webhooks/twilio/inbound`,
    { MessageSid: sid, From: from, To: "+15005550006", Body: body, AccountSid: fake.accountSid },
    `${PUBLIC_URL}/webhooks/twilio/inbound`,
  );
  return { status: res.status, xml: await res.text(), sid };
}

async function completedVisit(name = parentId) {
  const [visit] = await bookVisits(app, people.familyA.id, people.carerX.id, name);
  const at = new Date(Date.now() - 70 * MINUTE);
  return checkInAndOut(app, visit!.id, { at }, { at: new Date(Date.now() - 5 * MINUTE) });
}
const checkOf = async (visitId: string) =>
  (await app.db.select().from(parentChecks).where(eq(parentChecks.visitId, visitId)))[0];
const statusOf = async (visitId: string) =>
  (await app.db.select().from(visits).where(eq(visits.id, visitId)))[0]!.status;

describe("confirming the parent's number", () => {
  it("cannot be turned on before the number is confirmed; the code goes to the parent, in their language", async () => {
    const familyA = people.familyA.client;
    const page = await (await familyA.get(`/family/parents/${parentId}/checks`)).text();
    expect(page).toContain("Text the code");
    const early = await postEntries(familyA, `/family/parents/${parentId}/checks`, {
      intent: "save",
      askAfterVisit: "on",
      smsLocale: "zh-CN",
    });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain("Confirm the number first.");
    // Another family cannot reach the page or send codes.
    expect((await people.familyB.client.get(`/family/parents/${parentId}/checks`)).status).toBe(404);
    expect(
      (await postEntries(people.familyB.client, `/family/parents/${parentId}/checks`, { intent: "send-code" })).status,
    ).toBe(404);

    const sent = await postEntries(familyA, `/family/parents/${parentId}/checks`, { intent: "send-code" });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain(`We texted a code to ${displayPhone(PARENT_PHONE)}`);
    const text = await waitUntil(async () => fake.messages.find((m) => m.to === PARENT_PHONE), { what: "the code" });
    expect(text.body).toContain("Family A 正在为探访短信登记此号码");
    expect(text.body).not.toContain("https://");
    const code = /\b(\d{6})\b/.exec(text.body)![1]!;
    // A reload (or a phone that dropped the answer) still shows the code box, from the database; the
    // other family sees nothing of it.
    const reloaded = await (await familyA.get(`/family/parents/${parentId}/checks`)).text();
    expect(reloaded).toContain(`We texted a code to ${displayPhone(PARENT_PHONE)}`);
    expect(reloaded).toContain('name="code"');
    expect(reloaded).toContain("Send a new code");
    expect(reloaded).not.toContain("Text the code");
    const wrong = await postEntries(familyA, `/family/parents/${parentId}/checks`, {
      intent: "verify-code",
      code: code === "000000" ? "111111" : "000000",
    });
    expect(wrong.status).toBe(400);
    const ok = await postEntries(familyA, `/family/parents/${parentId}/checks`, { intent: "verify-code", code });
    expect(ok.status).toBe(302);
    expect(toastOf(familyA)).toMatchObject({ values: { phone: displayPhone(PARENT_PHONE) } });
    const [row] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(row).toMatchObject({ phone: PARENT_PHONE });
    expect(row!.phoneVerifiedAt).not.toBeNull();
    const on = await postEntries(familyA, `/family/parents/${parentId}/checks`, {
      intent: "save",
      askAfterVisit: "on",
      smsLocale: "zh-CN",
    });
    expect(on.status).toBe(302);
    expect(await (await familyA.get(`/family/parents/${parentId}`)).text()).toContain(
      "On: Liu Hua is asked by text after each visit.",
    );
  });
});

describe("a landline", () => {
  it("is said at once to take no texts, with the way to the edit page, not offered a code bound to fail", async () => {
    const landline = await makeParent(app.db, people.familyA.id, {
      name: "Landline Liu",
      phone: "0571-8888 1234",
      timeZone: dayZone(),
    });
    const res = await people.familyA.client.get(`/family/parents/${landline}/checks`);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("This number cannot receive texts. Check it on the edit page.");
    expect(html).toContain(`href="/family/parents/${landline}/edit?step=where"`);
    expect(html).not.toContain('value="send-code"');
  });
});

describe("asking the parent after a check-out", () => {
  it("texts the question in the parent's language, and a reply from another number changes nothing", async () => {
    const visit = await completedVisit();
    expect(await checkOf(visit.id)).toMatchObject({ phone: PARENT_PHONE, answer: null });
    const question = await waitUntil(
      async () => fake.messages.find((m) => m.to === PARENT_PHONE && m.body.includes("来看望您了吗")),
      { what: "the question to the parent" },
    );
    expect(question.body).toBe("【Kinvisit】Carer X今天来看望您了吗？来了请回复1，没来请回复2。");

    const stranger = await reply("+8613955550000", "2");
    expect(stranger.status).toBe(200);
    expect(stranger.xml).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    expect(await checkOf(visit.id)).toMatchObject({ answer: null });
    expect(await statusOf(visit.id)).toBe("completed");
    expect(await app.db.select().from(disputes).where(eq(disputes.visitId, visit.id))).toHaveLength(0);
  });

  it("records a 'no' on the timeline and opens a dispute, once however often the webhook is replayed", async () => {
    const visit = await completedVisit();
    const first = await reply(PARENT_PHONE, " 2 ");
    expect(first.status).toBe(200);
    expect(first.xml).toContain("谢谢您，家人会看到您的回答。");
    for (let i = 0; i < 2; i++) expect((await reply(PARENT_PHONE, " 2 ", first.sid)).status).toBe(200);
    expect(await checkOf(visit.id)).toMatchObject({ answer: "no" });
    expect(await statusOf(visit.id)).toBe("disputed");
    const opened = await app.db.select().from(disputes).where(eq(disputes.visitId, visit.id));
    expect(opened).toHaveLength(1);
    expect(opened[0]).toMatchObject({ openedBy: null, reason: "parent_said_no", status: "open" });
    const answered = await app.db
      .select()
      .from(visitEvents)
      .where(and(eq(visitEvents.visitId, visit.id), eq(visitEvents.reason, "parent_answered")));
    expect(answered).toHaveLength(1);
    expect(answered[0]!.data).toMatchObject({ answer: "no", by: "parent" });
    // The admin's evidence page shows the parent's own answer and the text as it came in.
    const evidence = await (await people.admin.client.get(`/admin/disputes/${opened[0]!.id}`)).text();
    expect(evidence).toContain("Opened by the parent");
    expect(evidence).toContain("answered no");
    const answerPart = (/id="parent">[\s\S]*?<\/section>/.exec(evidence)?.[0] ?? "").replaceAll("<!-- -->", "");
    expect(answerPart).toContain("their text: “ 2 ”");
  });

  it("answers the latest open question with a 'yes', which changes no state", async () => {
    const older = await completedVisit();
    const latest = await completedVisit();
    expect((await reply(PARENT_PHONE, "１")).status).toBe(200);
    expect(await checkOf(latest.id)).toMatchObject({ answer: "yes" });
    expect(await checkOf(older.id)).toMatchObject({ answer: null });
    expect(await statusOf(latest.id)).toBe("completed");
    // The next reply answers the one still open.
    await reply(PARENT_PHONE, "1");
    expect(await checkOf(older.id)).toMatchObject({ answer: "yes" });
  });

  it("never texts a number the family has not confirmed: a changed number must be confirmed again", async () => {
    const member = await getParentForMember(app.db, { id: people.familyA.id, role: "family" }, parentId);
    await updateParent(
      app.db,
      member!,
      {
        ...parentInput({ name: "Liu Hua", timeZone: dayZone() }),
        phone: "+8613933339999",
      },
      undefined,
    );
    const [row] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(row).toMatchObject({ phone: "+8613933339999", phoneVerifiedAt: null, askAfterVisit: true });
    const visit = await completedVisit();
    expect(await checkOf(visit.id)).toBeUndefined();
    expect(
      await app.db
        .select()
        .from(smsMessages)
        .where(and(eq(smsMessages.toPhone, "+8613933339999"))),
    ).toHaveLength(0);
    // Saving the same number again (as typed on the edit page) keeps a confirmation.
    await app.db.update(parents).set({ phoneVerifiedAt: new Date() }).where(eq(parents.id, parentId));
    const again = await getParentForMember(app.db, { id: people.familyA.id, role: "family" }, parentId);
    await updateParent(
      app.db,
      again!,
      {
        ...parentInput({ name: "Liu Hua", timeZone: dayZone() }),
        phone: "139 3333 9999",
      },
      undefined,
    );
    expect((await app.db.select().from(parents).where(eq(parents.id, parentId)))[0]!.phoneVerifiedAt).not.toBeNull();
  });
});
