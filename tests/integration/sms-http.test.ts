// SMS over HTTP against the production build: signed webhooks, STOP/START/HELP, phone verification
// and carers' SMS login, with the real twilio client sending to a local fake Twilio.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smsInbound, smsMessages, smsOptOuts, users } from "~db/schema";
import { queueSms } from "~/sms/sms.server";
import { FakeTwilio, type ReceivedMessage } from "../fakes/twilio-server";
import { giveVerifiedPhone, makeUser, TEST_PASSWORD } from "../support/fixtures";
import { HttpClient } from "../support/http-client";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { waitUntil } from "../support/wait";
import { displayPhone } from "~/parents/phone-display";

const PUBLIC_URL = "https://kinvisit.test";
let app: TestApp;
const fake = new FakeTwilio();

beforeAll(async () => {
  await fake.start();
  app = await startAppWithPersonas({ ...fake.env(), PUBLIC_URL, SMS_COUNTRY_ALLOWLIST: "CN,HK" });
});
afterAll(async () => {
  await app?.close();
  await fake.stop();
});

let phoneCounter = 0;
async function verifiedUser(role: "family" | "carer", locale: "en" | "zh-CN" = "en") {
  const user = await makeUser(app.db, role);
  const phone = `+86137${String(process.pid % 10000).padStart(4, "0")}${String(++phoneCounter).padStart(4, "0")}`;
  await giveVerifiedPhone(app.db, user.id, phone, { locale });
  return { ...user, phone };
}

/** Posts a Twilio-signed webhook to the app, signed for the public URL Twilio would have called. */
function signed(path: string, params: Record<string, string>) {
  return fake.signedPost(`${app.url}${path}`, params, `${PUBLIC_URL}${path}`);
}

const codeFor = (phone: string) =>
  waitUntil(
    async () =>
      fake.messages
        .filter((m) => m.to === phone)
        .at(-1)
        ?.body.match(/\b(\d{6})\b/)?.[1],
    { what: `code for ${phone}` },
  );

describe("webhook signatures", () => {
  it.each(["/webhooks/twilio/status", "/webhooks/twilio/inbound"])(
    "%s refuses a forged, missing or misdirected signature",
    async (path) => {
      const params = {
        MessageSid: `SM${"a".repeat(32)}`,
        MessageStatus: "delivered",
        From: "+8613700000000",
        Body: "STOP",
      };
      const forged = await fetch(`${app.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl" },
        body: new URLSearchParams(params).toString(),
      });
      expect(forged.status).toBe(403);
      const missing = await fetch(`${app.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(params).toString(),
      });
      expect(missing.status).toBe(403);
      // Signed for a different URL (a replay against another endpoint).
      const elsewhere = await fake.signedPost(`${app.url}${path}`, params, `${PUBLIC_URL}/somewhere-else`);
      expect(elsewhere.status).toBe(403);
      // Signed, but a parameter was changed in transit.
      const sig = (await import("twilio")).default.getExpectedTwilioSignature(
        fake.authToken,
        `${PUBLIC_URL}${path}`,
        params,
      );
      const tampered = await fetch(`${app.url}${path}`, {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Twilio-Signature": sig },
        body: new URLSearchParams({ ...params, Body: "START" }).toString(),
      });
      expect(tampered.status).toBe(403);
      expect(await app.db.select().from(smsInbound)).toHaveLength(0);
    },
  );

  it("answers a signed but malformed webhook with 400, not 500", async () => {
    expect((await signed("/webhooks/twilio/status", { MessageSid: "nope", MessageStatus: "delivered" })).status).toBe(
      400,
    );
    expect(
      (await signed("/webhooks/twilio/inbound", { MessageSid: `SM${"b".repeat(32)}`, From: "not a phone", Body: "x" }))
        .status,
    ).toBe(400);
  });
});

describe("delivery status callbacks", () => {
  async function sentMessage(): Promise<{ id: string; sms: ReceivedMessage }> {
    const user = await verifiedUser("family");
    const queued = await queueSms(app.db, app.server.jobs, app.env, {
      event: `status-test:${phoneCounter}`,
      kind: "visit_reminder",
      userId: user.id,
      params: { visitId: "v1", parentName: "Mum", when: "10:00" },
    });
    const sms = await waitUntil(async () => fake.messages.find((m) => m.to === user.phone), { what: "the text" });
    await waitUntil(
      async () => (await app.db.select().from(smsMessages).where(eq(smsMessages.id, queued.id)))[0]?.twilioSid,
      { what: "sid saved" },
    );
    return { id: queued.id, sms };
  }
  const statusOf = async (id: string) => (await app.db.select().from(smsMessages).where(eq(smsMessages.id, id)))[0]!;
  const callback = (sms: ReceivedMessage, status: string) => {
    const path = new URL(sms.statusCallback!).pathname + new URL(sms.statusCallback!).search;
    return signed(path, { MessageSid: sms.sid, MessageStatus: status, AccountSid: fake.accountSid, To: sms.to });
  };

  it("applies sent then delivered, and ignores duplicates", async () => {
    const { id, sms } = await sentMessage();
    expect(sms.statusCallback).toMatch(/^https:\/\/kinvisit\.test\/webhooks\/twilio\/status\?m=/);
    expect((await callback(sms, "sent")).status).toBe(200);
    expect((await statusOf(id)).status).toBe("sent");
    expect((await callback(sms, "delivered")).status).toBe(200);
    const delivered = await statusOf(id);
    expect(delivered.status).toBe("delivered");
    expect((await callback(sms, "delivered")).status).toBe(200);
    expect((await statusOf(id)).deliveredAt).toEqual(delivered.deliveredAt);
  });

  it("never moves a status backwards when callbacks arrive out of order", async () => {
    const { id, sms } = await sentMessage();
    await callback(sms, "delivered");
    await callback(sms, "sent");
    await callback(sms, "queued");
    await callback(sms, "failed");
    expect((await statusOf(id)).status).toBe("delivered");
  });
});

describe("inbound STOP, START and HELP", () => {
  it("opts out on STOP (once, however often replayed), sends nothing, and opts back in on START", async () => {
    const user = await verifiedUser("family", "zh-CN");
    const sid = `SM${"c".repeat(30)}${String(phoneCounter).padStart(2, "0")}`;
    for (let i = 0; i < 3; i++) {
      const res = await signed("/webhooks/twilio/inbound", {
        MessageSid: sid,
        From: user.phone,
        To: "+15005550006",
        Body: " stop ",
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Type")).toContain("text/xml");
    }
    expect(await app.db.select().from(smsInbound).where(eq(smsInbound.messageSid, sid))).toHaveLength(1);
    expect(await app.db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, user.phone))).toHaveLength(1);

    const suppressed = await queueSms(app.db, app.server.jobs, app.env, {
      event: "after-stop",
      kind: "visit_late",
      userId: user.id,
      params: { visitId: "v", parentName: "Mum", when: "10:00" },
    });
    expect(suppressed).toMatchObject({ status: "suppressed", reason: "opted_out" });

    await signed("/webhooks/twilio/inbound", {
      MessageSid: `SM${"d".repeat(30)}${String(phoneCounter).padStart(2, "0")}`,
      From: user.phone,
      Body: "START",
    });
    expect(await app.db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, user.phone))).toHaveLength(0);
    const queued = await queueSms(app.db, app.server.jobs, app.env, {
      event: "after-start",
      kind: "visit_late",
      userId: user.id,
      params: { visitId: "v", parentName: "Mum", when: "10:00" },
    });
    expect(queued.status).toBe("queued");
    await waitUntil(async () => fake.messages.find((m) => m.to === user.phone), { what: "text after START" });
    expect(fake.messages.filter((m) => m.to === user.phone)).toHaveLength(1);
  });

  it("treats 退订 and TD as STOP, and answers HELP in the sender's language", async () => {
    const user = await verifiedUser("family", "zh-CN");
    await signed("/webhooks/twilio/inbound", {
      MessageSid: `SM${"e".repeat(30)}${String(phoneCounter).padStart(2, "0")}`,
      From: user.phone,
      Body: "退订",
    });
    expect(await app.db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, user.phone))).toHaveLength(1);
    const help = await signed("/webhooks/twilio/inbound", {
      MessageSid: `SM${"f".repeat(30)}${String(phoneCounter).padStart(2, "0")}`,
      From: user.phone,
      Body: "HELP",
    });
    const xml = await help.text();
    expect(xml).toContain("<Response><Message>");
    expect(xml).toContain("回复 STOP 或 TD 退订");
  });
});

describe("verifying a phone number", () => {
  function loggedIn(persona: "familyA" | "familyB" | "carerX") {
    const user = app.personas[persona];
    return { user, client: user.client };
  }

  it("sends a code, refuses wrong ones, and verifies with the right one", async () => {
    const { user, client } = loggedIn("familyA");
    const phone = `+86135${String(process.pid % 10000).padStart(4, "0")}0001`;
    const sent = await client.post("/account/phone", { intent: "send", phone: phone.replace("+86", "") });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toContain(`We sent a code to ${displayPhone(phone)}`);
    const code = await codeFor(phone);
    const wrong = await client.post("/account/phone", {
      intent: "verify",
      phone,
      code: code === "000000" ? "111111" : "000000",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That code is wrong or has expired");
    // A bad new number posted while the code waits (a stale tab): its field comes back with the message.
    const badNumber = await client.post("/account/phone", { intent: "send", phone: "12" });
    expect(badNumber.status).toBe(400);
    const said = await badNumber.text();
    expect(said).toContain("Enter a mobile number: 11 digits");
    expect(said).toMatch(/<input[^>]*name="phone"[^>]*type="tel"|<input[^>]*type="tel"[^>]*name="phone"/);
    // The family's dashboard asks for it until it is verified (texts go to verified numbers only), and
    // its link comes back there.
    const note = "Verify your mobile number to be texted";
    expect(await (await client.get("/family")).text()).toContain(note);
    const ok = await client.post("/account/phone?redirectTo=%2Ffamily", { intent: "verify", phone, code });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe("/family");
    // The page it leads to says so once (a flash message), with the number as people write it.
    const after = await (await client.get("/family")).text();
    expect(after).toContain(`Your number ${displayPhone(phone)} is verified.`);
    expect(after).not.toContain(note);
    expect(await (await client.get("/account/phone")).text()).toContain(`Verified: ${displayPhone(phone)}`);
    expect(await (await client.get("/family")).text()).not.toContain("is verified.");
    const [row] = await app.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ phone });
    expect(row!.phoneVerifiedAt).not.toBeNull();
    // The same post again (its answer lost, a second tap) is answered as done and changes nothing;
    // the used code verifies no other number.
    const repeat = await client.post("/account/phone", { intent: "verify", phone, code });
    expect(repeat.status).toBe(302);
    expect((await app.db.select().from(users).where(eq(users.id, user.id)))[0]!.phoneVerifiedAt).toEqual(
      row!.phoneVerifiedAt,
    );
    expect((await client.post("/account/phone", { intent: "verify", phone: "+8613900000123", code })).status).toBe(400);
  });

  it("refuses a second code within a minute with a localised 429", async () => {
    const { client } = loggedIn("carerX");
    const phone = `+86135${String(process.pid % 10000).padStart(4, "0")}0002`;
    expect((await client.post("/account/phone", { intent: "send", phone })).status).toBe(200);
    const again = await client.post(
      "/account/phone",
      { intent: "send", phone },
      { headers: { "Accept-Language": "zh-CN" } },
    );
    expect(again.status).toBe(429);
    // The account's language (en) wins over the header once logged in.
    expect(await again.text()).toContain("Too many codes requested");
    await codeFor(phone);
    expect(fake.messages.filter((m) => m.to === phone)).toHaveLength(1);
  });

  it("refuses numbers outside the country allow-list and bad codes with field messages", async () => {
    const { client } = loggedIn("familyB");
    const uk = await client.post("/account/phone", { intent: "send", phone: "+44 7911 123456" });
    expect(uk.status).toBe(400);
    expect(await uk.text()).toContain("We cannot text numbers in that country yet.");
    expect(fake.messages.filter((m) => m.to === "+447911123456")).toHaveLength(0);
    const badCode = await client.post("/account/phone", { intent: "verify", phone: "+8613500000000", code: "12ab" });
    expect(badCode.status).toBe(400);
    expect(await badCode.text()).toContain("Enter the 6 digits from the text.");
  });

  it("locks a code after 5 wrong tries, even if the 6th is right", async () => {
    const { client } = loggedIn("familyA");
    const phone = `+86135${String(process.pid % 10000).padStart(4, "0")}0003`;
    await client.post("/account/phone", { intent: "send", phone });
    const code = await codeFor(phone);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (let i = 0; i < 5; i++) await client.post("/account/phone", { intent: "verify", phone, code: wrong });
    const right = await client.post("/account/phone", { intent: "verify", phone, code });
    expect(right.status).toBe(400);
    expect(await right.text()).toContain("Too many wrong tries");
  });
});

/** Digits as a Chinese IME types them: ０-９ (U+FF10–FF19). */
const fullWidth = (digits: string) => digits.replace(/\d/g, (d) => String.fromCharCode(0xff10 + Number(d)));
const codeBox = 'name="code"';

describe("the code step after a reload", () => {
  async function freshFamily() {
    const user = await makeUser(app.db, "family");
    const client = new HttpClient(app.url);
    await client.login(user.email, TEST_PASSWORD);
    return { user, client };
  }
  const pid = String(process.pid % 10000).padStart(4, "0");

  it("shows the code box while a code is pending, and verifies a full-width number and code", async () => {
    const { user, client } = await freshFamily();
    const phone = `+86135${pid}0005`;
    const national = phone.replace("+86", "");
    const typed = `${fullWidth(national.slice(0, 3))} ${fullWidth(national.slice(3, 7))}\u3000${fullWidth(national.slice(7))}`;
    const sent = await client.post("/account/phone", { intent: "send", phone: typed });
    expect(sent.status).toBe(200);
    // The browser reloads the tab (Android does when the user switches to the SMS app): the code box stays.
    const reloaded = await (await client.get("/account/phone")).text();
    expect(reloaded).toContain(`We sent a code to ${displayPhone(phone)}`);
    expect(reloaded).toContain(codeBox);
    expect(reloaded).toMatch(/No text\? You can ask for a new code in \d+ s\./);
    const code = await codeFor(phone);
    // A badly typed code is the only error shown: the earlier "wrong" is the last answer's, not this one's.
    const wrong = await client.post("/account/phone", {
      intent: "verify",
      phone,
      code: code === "000000" ? "111111" : "000000",
    });
    expect(await wrong.text()).toContain("That code is wrong or has expired");
    const badlyTyped = await client.post("/account/phone", { intent: "verify", phone, code: "12ab" });
    const badPage = await badlyTyped.text();
    expect(badPage).toContain("Enter the 6 digits from the text.");
    expect(badPage).not.toContain("That code is wrong or has expired");
    expect(badPage).toContain(codeBox);
    // Typed in full width with a space in the middle, as read off the text.
    const ok = await client.post("/account/phone", {
      intent: "verify",
      phone,
      code: `${fullWidth(code.slice(0, 3))} ${fullWidth(code.slice(3))}`,
    });
    expect(ok.status).toBe(302);
    const [row] = await app.db.select().from(users).where(eq(users.id, user.id));
    expect(row).toMatchObject({ phone });
    expect(row!.phoneVerifiedAt).not.toBeNull();
    expect(await (await client.get("/account/phone")).text()).not.toContain(codeBox);
  });

  it("leaves the code step for a different number, and the withdrawn code no longer works", async () => {
    const { client } = await freshFamily();
    const phone = `+86135${pid}0006`;
    await client.post("/account/phone", { intent: "send", phone });
    const code = await codeFor(phone);
    expect(await (await client.get("/account/phone")).text()).toContain(codeBox);
    expect((await client.post("/account/phone", { intent: "change" })).status).toBe(200);
    expect(await (await client.get("/account/phone")).text()).not.toContain(codeBox);
    expect((await client.post("/account/phone", { intent: "verify", phone, code })).status).toBe(400);
  });

  it("withdraws the codes sent to the account's other numbers once one is verified (two tabs)", async () => {
    const { user, client } = await freshFamily();
    const first = `+86135${pid}0007`;
    const second = `+86135${pid}0008`;
    // A code to one number in one tab, then to another in a second tab; the second is verified.
    await client.post("/account/phone", { intent: "send", phone: first });
    const firstCode = await codeFor(first);
    await client.post("/account/phone", { intent: "send", phone: second });
    expect(
      (await client.post("/account/phone", { intent: "verify", phone: second, code: await codeFor(second) })).status,
    ).toBe(302);
    // The page does not ask for the first number's code, and that code no longer switches the number.
    const page = await (await client.get("/account/phone")).text();
    expect(page).not.toContain(`We sent a code to ${displayPhone(first)}`);
    expect(page).not.toContain(codeBox);
    expect((await client.post("/account/phone", { intent: "verify", phone: first, code: firstCode })).status).toBe(400);
    const [row] = await app.db.select().from(users).where(eq(users.id, user.id));
    expect(row!.phone).toBe(second);
  });

  it("shows the code box for a number verified on another account, which is texted a notice, not a code", async () => {
    const owner = await verifiedUser("family");
    const { client } = await freshFamily();
    expect((await client.post("/account/phone", { intent: "send", phone: owner.phone })).status).toBe(200);
    const page = await (await client.get("/account/phone")).text();
    // Written as people write it ("+86 138 0013 8001"), as everywhere else.
    expect(page).toContain(`We sent a code to ${displayPhone(owner.phone)}`);
    expect(page).toContain(codeBox);
    await waitUntil(async () => fake.messages.some((m) => m.to === owner.phone), { what: "the owner's notice" });
    expect(fake.messages.filter((m) => m.to === owner.phone).some((m) => /\b\d{6}\b/.test(m.body))).toBe(false);
  });

  it("keeps the SMS login's code box across a reload, for known and unknown numbers alike", async () => {
    const carer = await verifiedUser("carer");
    const unknownPhone = `+86136${pid}9998`;
    const stranger = new HttpClient(app.url);
    await stranger.post("/login/sms", { intent: "send", phone: unknownPhone });
    const client = new HttpClient(app.url);
    await client.post("/login/sms", { intent: "send", phone: fullWidth(carer.phone.replace("+86", "")) });
    for (const [who, phone] of [
      [client, carer.phone],
      [stranger, unknownPhone],
    ] as const) {
      const page = await (await who.get("/login/sms")).text();
      expect(page).toContain(`If ${displayPhone(phone)} belongs to an account`);
      expect(page).toContain(codeBox);
    }
    const code = await codeFor(carer.phone);
    const res = await client.post("/login/sms", { intent: "verify", phone: carer.phone, code: fullWidth(code) });
    expect(res.status).toBe(302);
    expect(client.cookies.has("kv_sms_login")).toBe(false);
    expect((await stranger.post("/login/sms", { intent: "change" })).status).toBe(200);
    expect(await (await stranger.get("/login/sms")).text()).not.toContain(codeBox);
  });
});

describe("carers log in with an SMS code", () => {
  it("logs a carer in with the code texted to their verified number", async () => {
    const carer = await verifiedUser("carer");
    const client = new HttpClient(app.url);
    const sent = await client.post("/login/sms", { intent: "send", phone: carer.phone });
    expect(await sent.text()).toContain(`If ${displayPhone(carer.phone)} belongs to an account`);
    const code = await codeFor(carer.phone);
    const res = await client.post("/login/sms", { intent: "verify", phone: carer.phone, code });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/carer");
    expect((await client.get("/carer")).status).toBe(200);
  });

  it("carries the account's language, so even a page the root's loader does not run for is in it (an outside probe)", async () => {
    const carer = await verifiedUser("carer", "zh-CN");
    // A phone set to English.
    const client = new HttpClient(app.url, { "Accept-Language": "en-GB,en;q=0.9" });
    await client.post("/login/sms", { intent: "send", phone: carer.phone });
    const res = await client.post("/login/sms", {
      intent: "verify",
      phone: carer.phone,
      code: await codeFor(carer.phone),
    });
    expect(res.status).toBe(302);
    expect(client.cookies.get("kv_lng")).toBe("zh-CN");
    // An action's error page (a visit that is not theirs, or gone): drawn before any loader, in Chinese.
    const refused = await client.post(`/visits/${crypto.randomUUID()}`, { intent: "start_travel" });
    expect(refused.status).toBe(404);
    expect(await refused.text()).toContain('<html lang="zh-CN"');
  });

  it("answers the same for unknown numbers, texts them nothing, and logs a family in by code too", async () => {
    const family = await verifiedUser("family");
    const unknownPhone = `+86136${String(process.pid % 10000).padStart(4, "0")}9999`;
    const unknown = await new HttpClient(app.url).post("/login/sms", { intent: "send", phone: unknownPhone });
    const client = new HttpClient(app.url);
    const fam = await client.post("/login/sms", { intent: "send", phone: family.phone });
    expect(unknown.status).toBe(200);
    expect(fam.status).toBe(200);
    expect(await unknown.text()).toContain(`If ${displayPhone(unknownPhone)} belongs to an account`);
    expect(await fam.text()).toContain(`If ${displayPhone(family.phone)} belongs to an account`);
    const code = await codeFor(family.phone);
    expect(fake.messages.filter((m) => m.to === unknownPhone)).toHaveLength(0);
    const guess = await new HttpClient(app.url).post("/login/sms", { intent: "verify", phone: unknownPhone, code });
    expect(guess.status).toBe(400);
    const res = await client.post("/login/sms", { intent: "verify", phone: family.phone, code });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/family");
  });
});

describe("SMS preferences page", () => {
  it("saves kinds, quiet hours and time zone for the logged-in user only", async () => {
    const { familyB: user } = app.personas;
    const client = user.client;
    const page = await (await client.get("/account/sms")).text();
    expect(page).toContain(`<input type="checkbox" name="kinds" checked="" value="carer_arrived"/>`);
    // Only texts a family is sent are offered: not the carer's reminder, not new jobs.
    expect(page).not.toContain(`value="visit_reminder"`);
    expect(page).not.toContain(`value="nearby_job"`);
    const body = new URLSearchParams([
      ["kinds", "visit_confirmed"],
      ["kinds", "carer_arrived"],
      ["timeZone", "Europe/London"],
    ]);
    const res = await client.request("/account/sms", {
      method: "POST",
      body: body.toString(),
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: client.origin },
    });
    expect(res.status).toBe(302);
    expect(await (await client.get("/account/sms")).text()).toContain("Your text message settings are saved.");
    const { getSmsPreferences } = await import("~/sms/preferences.server");
    const prefs = await getSmsPreferences(app.db, user.id);
    expect(prefs.timeZone).toBe("Europe/London");
    expect(prefs.quietHours).toBe(false);
    expect(
      prefs.kinds
        .filter((k) => k.enabled)
        .map((k) => k.kind)
        .sort(),
    ).toEqual(["carer_arrived", "visit_confirmed"]);
  });

  it("offers a carer the texts carers are sent, and an admin none", async () => {
    const carerPage = await (await app.personas.carerX.client.get("/account/sms")).text();
    expect(carerPage).toContain(`value="visit_reminder"`);
    expect(carerPage).toContain(`value="nearby_job"`);
    expect(carerPage).not.toContain(`value="carer_arrived"`);
    expect(carerPage).not.toContain(`value="carer_left"`);
    const adminPage = await (await app.personas.admin.client.get("/account/sms")).text();
    expect(adminPage).not.toContain(`name="kinds"`);
  });

  it("refuses an unknown time zone with a field error and changes nothing", async () => {
    const { carerY: user } = app.personas;
    const client = user.client;
    const res = await client.post("/account/sms", { timeZone: "Mars/Olympus_Mons", quietHours: "on" });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("Choose a valid time zone.");
    const [row] = await app.db.select({ tz: users.timeZone }).from(users).where(eq(users.id, user.id));
    expect(row!.tz).toBe("Asia/Shanghai");
    // The boxes as posted, not as saved: no text kind chosen, quiet hours on (a refused save showed the
    // saved ticks, and the next save stored them: an outside probe).
    const boxes = [...page.matchAll(/<input type="checkbox" name="(kinds|quietHours)" value="([^"]+)"([^>]*)>/g)];
    expect(boxes.length).toBeGreaterThan(1);
    for (const [, name, , rest] of boxes) expect(rest!.includes("checked"), name).toBe(name === "quietHours");
  });
});
