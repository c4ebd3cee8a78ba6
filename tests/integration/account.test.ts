// Account basics over HTTP (ADR 021): password reset by texted code and by emailed link, settings,
// deletion with its grace period and the erase job, the data export, and the carer's checklist.
import { and, desc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  carers,
  mailMessages,
  offers,
  sessions,
  smsMessages,
  smsPreferences,
  users,
  visitRequests,
  visits,
} from "~db/schema";
import { displayPhone } from "~/parents/phone-display";
import { dateIn } from "~/geo/time-zone";
import { cancelDeletion, eraseDueAccounts, RETENTION } from "~/account/deletion.server";
import { resetLinkIsLive, resetWithCode, RESET_CODE_TTL_MS, RESET_LINK_TTL_MS } from "~/account/password-reset.server";
import { bookThroughChat, daysAhead, offerEntries, openConversation } from "../support/chat-fixtures";
import { giveVerifiedPhone, makeUser, TEST_PASSWORD } from "../support/fixtures";
import { makeCarerProfile, makeParent, makeVisitRequest, postEntries } from "../support/geo-fixtures";
import { HttpClient, toastOf } from "../support/http-client";
import { sessionClient } from "../support/personas";
import { startAppWithPersonas, type TestApp } from "../support/test-server";
import { waitUntil } from "../support/wait";

let app: TestApp;
beforeAll(async () => {
  app = await startAppWithPersonas();
});
afterAll(() => app?.close());

const DAY = 86_400_000;
let phoneCounter = 0;
const freshPhone = () =>
  `+86159${String(process.pid % 10000).padStart(4, "0")}${String(++phoneCounter).padStart(4, "0")}`;

async function userWithPhone(role: "family" | "carer" = "family") {
  const user = await makeUser(app.db, role);
  const phone = freshPhone();
  await giveVerifiedPhone(app.db, user.id, phone);
  return { ...user, phone };
}

// Reset codes and links are issued after the answer is sent (app/http/after-response.server.ts): each
// test's account is new, so the first one to appear is the one asked for.
async function latestCode(userId: string): Promise<string> {
  const row = await waitUntil(
    async () =>
      (
        await app.db
          .select({ params: smsMessages.params })
          .from(smsMessages)
          .where(eq(smsMessages.userId, userId))
          .orderBy(desc(smsMessages.createdAt))
          .limit(1)
      )[0],
    { what: "the texted code" },
  );
  return String(row.params.code);
}

async function latestResetLink(email: string): Promise<string> {
  const row = await waitUntil(
    async () =>
      (
        await app.db
          .select({ body: mailMessages.body })
          .from(mailMessages)
          .where(and(eq(mailMessages.toEmail, email), eq(mailMessages.kind, "password_reset")))
          .orderBy(desc(mailMessages.createdAt))
          .limit(1)
      )[0],
    { what: "the reset link" },
  );
  const url = new URL(row.body.match(/https?:\/\/\S+/)![0]);
  return url.pathname + url.search;
}

async function sessionCount(userId: string) {
  return (await app.db.select({ id: sessions.id }).from(sessions).where(eq(sessions.userId, userId))).length;
}

describe("password reset by texted code", () => {
  it("texts a code to a verified number, sets the new password, and ends every other session", async () => {
    const user = await userWithPhone();
    const elsewhere = await sessionClient(app.url, app.db, user.id);
    const browser = new HttpClient(app.url);
    const sent = await browser.post("/password/forgot", {
      intent: "send",
      identifier: user.phone.replace("+86", "+86 "),
    });
    expect(sent.status).toBe(200);
    // The number as people write it, in groups (as typed, or as stored, it was one run of digits).
    expect(await sent.text()).toContain(
      `If an account has verified ${displayPhone(user.phone)}, we have texted it a 6-digit code`,
    );
    const code = await latestCode(user.id);
    expect(code).toMatch(/^\d{6}$/);
    // A reload keeps the code step (this browser's cookie names the number); "ask again" forgets it.
    const reloaded = await (await browser.get("/password/forgot")).text();
    expect(reloaded).toContain(`name="phone" value="${user.phone}"`);
    expect(reloaded).toContain('name="code"');
    const elsewhereAnon = new HttpClient(app.url);
    expect(await (await elsewhereAnon.get("/password/forgot")).text()).not.toContain('name="code"');

    const wrong = await browser.post("/password/forgot", {
      intent: "reset",
      phone: user.phone,
      code: code === "000000" ? "111111" : "000000",
      password: "a brand new password",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That code is wrong or has expired");

    // Asked for from a login that leads back somewhere (an invitation): back there, as a login is.
    const reset = await browser.post(`/password/forgot?${new URLSearchParams({ redirectTo: "/account/sms" })}`, {
      intent: "reset",
      phone: user.phone,
      code,
      password: "a brand new password",
    });
    expect(reset.status).toBe(302);
    expect(reset.headers.get("location")).toBe("/account/sms");
    expect(toastOf(browser)?.message).toBe("passwordReset");
    expect(browser.cookies.has("kv_reset_code")).toBe(false);
    // Logged in with the account's language, as every other way in (app/auth/session.server.ts, signIn).
    expect(browser.cookies.get("kv_lng")).toBe("en");
    // The other session is gone; this browser holds the one new session.
    expect((await elsewhere.get("/account")).status).toBe(302);
    // Told why, on the login page (an outside probe: sent there with no word); not by a stream's
    // reconnect or a quiet post, whose answer nobody sees.
    expect(toastOf(elsewhere)?.message).toBe("sessionEnded");
    elsewhere.cookies.delete("kv_toast");
    const background: Record<string, string>[] = [{ Accept: "text/event-stream" }, { "X-Kinvisit-Background": "1" }];
    for (const headers of background) {
      expect((await elsewhere.request("/account", { headers })).status).toBe(302);
      expect(toastOf(elsewhere), JSON.stringify(headers)).toBeNull();
    }
    expect(await sessionCount(user.id)).toBe(1);
    expect((await browser.get("/account")).status).toBe(200);
    expect((await new HttpClient(app.url).login(user.email, "a brand new password")).status).toBe(302);

    // The code works once: with another password it is wrong now.
    const again = await new HttpClient(app.url).post("/password/forgot", {
      intent: "reset",
      phone: user.phone,
      code,
      password: "yet another password",
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("That code is wrong or has expired");
    // The same post again (its answer lost on a weak signal, a second tap): answered as the first was,
    // logged in, and nothing else changes (it said the code was wrong after the password had changed).
    const before = await app.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id));
    const retry = new HttpClient(app.url);
    const repeated = await retry.post("/password/forgot", {
      intent: "reset",
      phone: user.phone,
      code,
      password: "a brand new password",
    });
    expect(repeated.status).toBe(302);
    expect((await retry.get("/account")).status).toBe(200);
    expect(await app.db.select({ passwordHash: users.passwordHash }).from(users).where(eq(users.id, user.id))).toEqual(
      before,
    );
    // The first browser's session stays: a repeat ends no one's session.
    expect((await browser.get("/account")).status).toBe(200);
    // Each repeat counts against the code's five tries (a wrong code, the right code with another
    // password, the repeat itself): once spent, even the right post is refused.
    const wrongAgain = { intent: "reset", phone: user.phone, password: "a brand new password" };
    await new HttpClient(app.url).post("/password/forgot", {
      ...wrongAgain,
      code: code === "000000" ? "111111" : "000000",
    });
    const spent = await new HttpClient(app.url).post("/password/forgot", { ...wrongAgain, code: code! });
    expect(spent.status).toBe(400);
  });

  it("spends a code replaced by a newer one: it is no reset's repeat", async () => {
    const user = await userWithPhone();
    await new HttpClient(app.url).post("/password/forgot", { intent: "send", identifier: user.phone });
    const first = await latestCode(user.id);
    // A link asked for by email (as anyone can ask for an address) replaces the code, unused.
    await new HttpClient(app.url).post("/password/forgot", { intent: "send", identifier: user.email });
    await latestResetLink(user.email);
    const old = await new HttpClient(app.url).post("/password/forgot", {
      intent: "reset",
      phone: user.phone,
      code: first!,
      password: TEST_PASSWORD,
    });
    expect(old.status).toBe(400);
  });

  it("answers two identical resets sent at once as one: both logged in, the password set once", async () => {
    const user = await userWithPhone();
    await new HttpClient(app.url).post("/password/forgot", { intent: "send", identifier: user.phone });
    const code = await latestCode(user.id);
    const post = () =>
      new HttpClient(app.url).post("/password/forgot", {
        intent: "reset",
        phone: user.phone,
        code: code!,
        password: "a password set twice at once",
      });
    const answers = await Promise.all([post(), post()]);
    expect(answers.map((a) => a.status)).toEqual([302, 302]);
    expect((await new HttpClient(app.url).login(user.email, "a password set twice at once")).status).toBe(302);
  });

  it("goes back to the first step when asked, and forgets the number", async () => {
    const user = await userWithPhone();
    const browser = new HttpClient(app.url);
    await browser.post("/password/forgot", { intent: "send", identifier: user.phone });
    expect(browser.cookies.has("kv_reset_code")).toBe(true);
    const back = await browser.post("/password/forgot", { intent: "change" });
    expect(back.status).toBe(200);
    expect(browser.cookies.has("kv_reset_code")).toBe(false);
    const page = await (await browser.get("/password/forgot")).text();
    expect(page).not.toContain('name="code"');
    expect(page).toContain('name="identifier"');
  });

  it("answers the same for a number no account has verified, and texts nothing", async () => {
    const stranger = freshPhone();
    const res = await new HttpClient(app.url).post("/password/forgot", { intent: "send", identifier: stranger });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("we have texted it a 6-digit code");
    // Only this number's texts are counted: a code an earlier test asked for is issued after its answer,
    // and may land while this one runs.
    expect(
      await app.db.select({ id: smsMessages.id }).from(smsMessages).where(eq(smsMessages.toPhone, stranger)),
    ).toEqual([]);
  });

  it("refuses a second request for the same number within a minute", async () => {
    const user = await userWithPhone();
    const browser = new HttpClient(app.url);
    expect((await browser.post("/password/forgot", { intent: "send", identifier: user.phone })).status).toBe(200);
    const again = await browser.post("/password/forgot", { intent: "send", identifier: user.phone });
    expect(again.status).toBe(429);
  });

  it("counts reset codes in the number's one allowance of texted codes, with login codes (an outside probe)", async () => {
    const user = await userWithPhone();
    const texts = async () =>
      (await app.db.select({ id: smsMessages.id }).from(smsMessages).where(eq(smsMessages.userId, user.id))).length;
    const before = await texts();
    expect((await new HttpClient(app.url).post("/login/sms", { intent: "send", phone: user.phone })).status).toBe(200);
    const reset = await new HttpClient(app.url).post("/password/forgot", { intent: "send", identifier: user.phone });
    expect(reset.status).toBe(429);
    // The login code is issued after its answer (app/http/after-response.server.ts): one text, once it is.
    await waitUntil(async () => (await texts()) > before, { what: "the login code's text" });
    expect(await texts()).toBe(before + 1);
  });

  it("refuses an expired code (the clock is injected) and an unreadable identifier", async () => {
    const user = await userWithPhone();
    await new HttpClient(app.url).post("/password/forgot", { intent: "send", identifier: user.phone });
    const code = await latestCode(user.id);
    const later = new Date(Date.now() + RESET_CODE_TTL_MS + 1000);
    expect(await resetWithCode(app.db, { phone: user.phone, code, password: "too late password" }, later)).toEqual({
      ok: false,
      reason: "invalid",
    });
    const bad = await new HttpClient(app.url).post("/password/forgot", { intent: "send", identifier: "not a thing" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("Enter an email address, or a mobile number");
  });

  it("accepts a UK mobile that libphonenumber files under Guernsey", async () => {
    const res = await new HttpClient(app.url).post("/password/forgot", {
      intent: "send",
      identifier: "+44 7911 123456",
    });
    expect(res.status).toBe(200);
  });
});

describe("password reset by emailed link", () => {
  it("emails a single-use link, and answers the same for an unknown address", async () => {
    const user = await makeUser(app.db, "carer");
    const elsewhere = await sessionClient(app.url, app.db, user.id);
    const known = await new HttpClient(app.url).post("/password/forgot", { intent: "send", identifier: user.email });
    const unknown = await new HttpClient(app.url).post("/password/forgot", {
      intent: "send",
      identifier: "nobody-here@example.test",
    });
    expect(known.status).toBe(200);
    expect(unknown.status).toBe(200);
    const say = (html: string, email: string) =>
      html.includes(`If an account uses ${email}, we have emailed it a link`);
    expect(say(await known.text(), user.email)).toBe(true);
    expect(say(await unknown.text(), "nobody-here@example.test")).toBe(true);
    expect(
      await app.db.select().from(mailMessages).where(eq(mailMessages.toEmail, "nobody-here@example.test")),
    ).toEqual([]);

    const link = await latestResetLink(user.email);
    const browser = new HttpClient(app.url);
    const page = await browser.get(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Choose a new password");
    const short = await browser.post(link, { password: "short" });
    expect(short.status).toBe(400);
    const done = await browser.post(link, { password: "a long new password" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe("/carer");
    expect(browser.cookies.get("kv_lng")).toBe("en");
    expect(toastOf(browser)?.message).toBe("passwordReset");
    expect(browser.cookies.has("kv_reset_code")).toBe(false);
    expect((await elsewhere.get("/account")).status).toBe(302);

    // Used: the page says so, and a second post changes nothing.
    const reused = await new HttpClient(app.url).get(link);
    expect(await reused.text()).toContain("This link has expired or was already used");
    expect((await new HttpClient(app.url).post(link, { password: "an attacker's password" })).status).toBe(400);
    expect((await new HttpClient(app.url).login(user.email, "a long new password")).status).toBe(302);
  });

  it("leads back where the login was asked for, an invitation say, as a reset by text does", async () => {
    const user = await makeUser(app.db, "family");
    const back = "/invitations/abc123";
    const asked = await new HttpClient(app.url).post(`/password/forgot?${new URLSearchParams({ redirectTo: back })}`, {
      intent: "send",
      identifier: user.email,
    });
    expect(asked.status).toBe(200);
    const link = await latestResetLink(user.email);
    expect(link).toMatch(/^\/password\/reset\/\w+\?redirectTo=%2Finvitations%2Fabc123$/);
    // The page's form posts to the link as it came, its way back with it.
    const browser = new HttpClient(app.url);
    const html = await (await browser.get(link)).text();
    expect(html).toContain(`action="${link.replaceAll("&", "&amp;")}"`);
    const done = await browser.post(link, { password: "a long new password" });
    expect(done.status).toBe(302);
    expect(done.headers.get("location")).toBe(back);
    // Another site's address is no way back: the link leads to the dashboard.
    const other = await makeUser(app.db, "family");
    await new HttpClient(app.url).post(`/password/forgot?${new URLSearchParams({ redirectTo: "//evil.example/x" })}`, {
      intent: "send",
      identifier: other.email,
    });
    expect(await latestResetLink(other.email)).toMatch(/^\/password\/reset\/\w+$/);
  });

  it("lapses after an hour (the clock is injected)", async () => {
    const user = await makeUser(app.db, "family");
    await new HttpClient(app.url).post("/password/forgot", { intent: "send", identifier: user.email });
    const token = (await latestResetLink(user.email)).split("/").at(-1)!;
    expect(await resetLinkIsLive(app.db, token, new Date())).toBe(true);
    expect(await resetLinkIsLive(app.db, token, new Date(Date.now() + RESET_LINK_TTL_MS + 1000))).toBe(false);
  });
});

describe("account settings", () => {
  it("changes the name and the language", async () => {
    const user = await makeUser(app.db, "family");
    const client = await sessionClient(app.url, app.db, user.id);
    const named = await client.post("/account", { intent: "name", name: "Zhou Ming 周明" });
    expect(named.status).toBe(302);
    expect(toastOf(client)?.message).toBe("nameSaved");
    expect(await (await client.get("/account")).text()).toContain("Zhou Ming 周明");
    // The number's state: one to verify, then one verified, to change (it was "Verify" either way).
    const unverified = (await (await client.get("/account")).text()).replaceAll("<!-- -->", "");
    await giveVerifiedPhone(app.db, user.id, "+8613800005555");
    const verified = (await (await client.get("/account")).text()).replaceAll("<!-- -->", "");
    expect(verified).toMatch(/5555<span> \(verified\)<\/span>/);
    expect(verified).toContain("Change your number");
    expect(verified).not.toContain("Verify your number");
    expect(unverified).not.toContain("(verified)");
    const empty = await client.post("/account", { intent: "name", name: "  " });
    expect(empty.status).toBe(400);
    // A name is read by the other side before a booking, unmasked: no contact details in it (an outside probe).
    const contact = await client.post("/account", { intent: "name", name: "Ma WeChat zhangwei88 tel 13900001111" });
    expect(contact.status).toBe(400);
    expect(await contact.text()).toContain("A name cannot hold a phone number, an email, a link or a chat id");
    const [kept] = await app.db.select({ name: users.name }).from(users).where(eq(users.id, user.id));
    expect(kept!.name).toBe("Zhou Ming 周明");

    const lang = await client.post("/account", { intent: "language", locale: "zh-CN" });
    expect(lang.status).toBe(302);
    expect(client.cookies.get("kv_lng")).toBe("zh-CN");
    const [row] = await app.db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id));
    expect(row!.locale).toBe("zh-CN");
    expect((await client.post("/account", { intent: "language", locale: "fr" })).status).toBe(400);
  });

  it("changes the time zone the account's times are shown on, and refuses one that is not a zone", async () => {
    const user = await makeUser(app.db, "family");
    const client = await sessionClient(app.url, app.db, user.id);
    const zoneOf = async () =>
      (await app.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, user.id)))[0]!.timeZone;
    const before = await zoneOf();
    for (const bad of ["Mars/Olympus_Mons", "", "Europe/London\nX"]) {
      const refused = await client.post("/account", { intent: "timeZone", timeZone: bad });
      expect(refused.status, bad).toBe(400);
      expect(await refused.text()).toContain('id="account-timeZone-timeZone-error"');
    }
    expect(await zoneOf()).toBe(before);

    const saved = await client.post("/account", { intent: "timeZone", timeZone: "Europe/London" });
    expect(saved.status).toBe(302);
    expect(toastOf(client)?.message).toBe("timeZoneSaved");
    expect(await zoneOf()).toBe("Europe/London");
    const page = await (await client.get("/account")).text();
    expect(page).toMatch(/<option value="Europe\/London" selected="">/);
    // Every page's times follow it (the root's data carries the reader's zone).
    expect(await (await client.get("/account.data")).text()).toContain("Europe/London");
  });

  it("changes the email only with the right password, tells the old address, refuses a taken one", async () => {
    const user = await makeUser(app.db, "family");
    const other = await makeUser(app.db, "family");
    const client = await sessionClient(app.url, app.db, user.id);
    const wrong = await client.post("/account", {
      intent: "email",
      email: "new@example.test",
      currentPassword: "nope",
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That is not your current password.");
    const taken = await client.post("/account", {
      intent: "email",
      email: other.email,
      currentPassword: TEST_PASSWORD,
    });
    expect(taken.status).toBe(400);
    const fresh = `changed-${user.id.slice(0, 8)}@example.test`;
    const ok = await client.post("/account", { intent: "email", email: fresh, currentPassword: TEST_PASSWORD });
    expect(ok.status).toBe(302);
    expect(toastOf(client)?.message).toBe("emailSaved");
    const [row] = await app.db.select({ email: users.email }).from(users).where(eq(users.id, user.id));
    expect(row!.email).toBe(fresh);
    const told = await app.db.select().from(mailMessages).where(eq(mailMessages.toEmail, user.email));
    expect(told.map((m) => m.kind)).toContain("email_changed");
  });

  it("says an address is taken at most three times a day, then makes every change of email wait", async () => {
    const user = await makeUser(app.db, "family");
    const client = await sessionClient(app.url, app.db, user.id);
    const others = await Promise.all([1, 2, 3].map(() => makeUser(app.db, "family")));
    for (const other of others) {
      const taken = await client.post("/account", {
        intent: "email",
        email: other.email,
        currentPassword: TEST_PASSWORD,
      });
      expect(taken.status).toBe(400);
    }
    // A fourth lookup, taken or not, learns nothing: both wait.
    const fourth = await makeUser(app.db, "family");
    for (const email of [fourth.email, `unused-${user.id.slice(0, 8)}@example.test`]) {
      const res = await client.post("/account", { intent: "email", email, currentPassword: TEST_PASSWORD });
      expect(res.status).toBe(429);
    }
    const [row] = await app.db.select({ email: users.email }).from(users).where(eq(users.id, user.id));
    expect(row!.email).toBe(user.email);
  });

  it("limits wrong passwords only: right ones never count towards 'too many wrong passwords'", async () => {
    const user = await makeUser(app.db, "family");
    const client = await sessionClient(app.url, app.db, user.id);
    const change = (email: string, currentPassword: string) =>
      client.post("/account", { intent: "email", email, currentPassword });
    const mine = (n: number) => `mine-${n}-${user.id.slice(0, 8)}@example.test`;
    // Twelve changes with the right password in a quarter of an hour: every one goes through.
    for (let n = 0; n < 12; n++) expect((await change(mine(n), TEST_PASSWORD)).status, `change ${n}`).toBe(302);
    // Ten wrong ones sent at once, and two more: the ten are judged, the rest wait, the right one too.
    // (Password changes: twelve changes of email at once would also meet the day's three "taken" answers.)
    const wrong = await Promise.all(
      Array.from({ length: 12 }, () =>
        client.post("/account", {
          intent: "password",
          currentPassword: "not my password",
          newPassword: "a new long password",
        }),
      ),
    );
    const statuses = wrong.map((r) => r.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
    expect((await change(mine(100), TEST_PASSWORD)).status).toBe(429);
  });

  it("says 'taken' at most three times to changes of email sent all at once", async () => {
    const user = await makeUser(app.db, "family");
    const client = await sessionClient(app.url, app.db, user.id);
    const others = await Promise.all([1, 2, 3, 4, 5, 6, 7, 8].map(() => makeUser(app.db, "family")));
    const answers = await Promise.all(
      others.map((other) =>
        client.post("/account", { intent: "email", email: other.email, currentPassword: TEST_PASSWORD }),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(3);
    expect(statuses.filter((s) => s === 429)).toHaveLength(5);
  });

  it("changes the password only with the current one, and ends the other sessions but this one", async () => {
    const user = await makeUser(app.db, "carer");
    const client = await sessionClient(app.url, app.db, user.id);
    const elsewhere = await sessionClient(app.url, app.db, user.id);
    const wrong = await client.post("/account", {
      intent: "password",
      currentPassword: "not my password",
      newPassword: "a new long password",
    });
    expect(wrong.status).toBe(400);
    expect((await elsewhere.get("/account")).status).toBe(200);
    const ok = await client.post("/account", {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      newPassword: "a new long password",
    });
    expect(ok.status).toBe(302);
    expect(toastOf(client)?.message).toBe("passwordChanged");
    expect((await client.get("/account")).status).toBe(200);
    expect((await elsewhere.get("/account")).status).toBe(302);
    expect((await new HttpClient(app.url).login(user.email, "a new long password")).status).toBe(302);
  });
});

describe("a double submit of a settings form", () => {
  it("changes the password once, and the repeat gets the first answer, not a wrong-password error", async () => {
    const user = await makeUser(app.db, "family");
    const client = await sessionClient(app.url, app.db, user.id);
    const html = await (await client.get("/account")).text();
    const key = html.match(/name="submissionKey" value="([0-9a-f-]{36})"/)![1]!;
    const form = {
      intent: "password",
      currentPassword: TEST_PASSWORD,
      newPassword: "changed once only",
      submissionKey: key,
    };
    const [first, second] = await Promise.all([client.post("/account", form), client.post("/account", form)]);
    expect([first.status, second.status]).toEqual([302, 302]);
    expect(second.headers.get("location")).toBe("/account");
    const told = await app.db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.toEmail, user.email), eq(mailMessages.kind, "password_changed")));
    expect(told).toHaveLength(1);
    expect((await new HttpClient(app.url).login(user.email, "changed once only")).status).toBe(302);

    // The same page posted again with other passwords (Back, retyped) is no repeat: it is checked.
    const wrong = await client.post("/account", {
      ...form,
      currentPassword: "not my password",
      newPassword: "x".repeat(12),
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("That is not your current password.");
    const again = await client.post("/account", {
      ...form,
      currentPassword: "changed once only",
      newPassword: "changed a second time",
    });
    expect(again.status).toBe(302);
    expect((await new HttpClient(app.url).login(user.email, "changed a second time")).status).toBe(302);
  });
});

describe("deleting an account", () => {
  it("needs the password and the box ticked, and waits for booked visits", async () => {
    const family = await makeUser(app.db, "family");
    const carer = await makeUser(app.db, "carer");
    await makeCarerProfile(app.db, carer.id);
    const parentId = await makeParent(app.db, family.id);
    await bookThroughChat(app, family.id, carer.id, parentId);
    const client = await sessionClient(app.url, app.db, family.id);
    // The page lists the visits that hold the account before anything is typed, linked, for both sides.
    const [booked] = await app.db.select({ id: visits.id }).from(visits).where(eq(visits.bookedBy, family.id));
    for (const who of [client, await sessionClient(app.url, app.db, carer.id)]) {
      const page = await (await who.get("/account/delete")).text();
      const held = page.slice(page.indexOf('data-testid="visits-holding"'));
      expect(held).toContain(`href="/visits/${booked!.id}"`);
    }
    const stranger = await sessionClient(app.url, app.db, (await makeUser(app.db, "family")).id);
    expect(await (await stranger.get("/account/delete")).text()).not.toContain("visits-holding");
    const unticked = await client.post("/account/delete", { currentPassword: TEST_PASSWORD });
    expect(unticked.status).toBe(400);
    // The box's own message, not the generic one.
    expect(await unticked.text()).toContain("Tick the box to confirm.");
    expect((await client.post("/account/delete", { currentPassword: "wrong", confirm: "on" })).status).toBe(400);
    const ahead = await client.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" });
    expect(ahead.status).toBe(409);
    expect(await ahead.text()).toContain("You have a visit booked or under way");
  });

  it("takes a leaving family's open requests off the job boards and withdraws the open offers in its chats", async () => {
    // An outside probe: carers kept opening chats and offering on the requests of a family who could
    // no longer answer. Restoring the account does not reopen them.
    const family = await makeUser(app.db, "family");
    const carer = await makeUser(app.db, "carer");
    await makeCarerProfile(app.db, carer.id);
    const parentId = await makeParent(app.db, family.id);
    const requestId = await makeVisitRequest(app.db, { id: family.id, role: "family" }, parentId);
    const conversationId = await openConversation(await sessionClient(app.url, app.db, family.id), carer.id, parentId);
    const carerClient = await sessionClient(app.url, app.db, carer.id);
    const offered = await postEntries(
      carerClient,
      `/chat/${conversationId}`,
      offerEntries({ date: daysAhead(5), end: "11:00" }),
    );
    expect(offered.status).toBe(302);
    expect(await (await carerClient.get("/carer/jobs")).text()).toContain(requestId);
    const client = await sessionClient(app.url, app.db, family.id);
    expect((await client.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" })).status).toBe(302);
    const [request] = await app.db.select().from(visitRequests).where(eq(visitRequests.id, requestId));
    expect(request!.status).toBe("cancelled");
    const open = await app.db
      .select()
      .from(offers)
      .where(and(eq(offers.conversationId, conversationId), eq(offers.status, "open")));
    expect(open).toHaveLength(0);
    expect(await (await carerClient.get("/carer/jobs")).text()).not.toContain(requestId);
    expect(
      (await postEntries(carerClient, "/chat/new", { from: "request", requestId, offer: "no" })).headers.get(
        "location",
      ),
    ).toBe("/carer/jobs");
  });

  it("never leaves a booked visit with an account scheduled for deletion, when the two are sent at once", async () => {
    // An outside probe: the deletion and the acceptance of an offer 12 ms apart both succeeded. The
    // deletion now locks the account's row before it looks for visits (a booking holds it until done).
    for (const delayMs of [0, 15, 30, 60]) {
      const family = await makeUser(app.db, "family");
      const carer = await makeUser(app.db, "carer");
      await makeCarerProfile(app.db, carer.id);
      const parentId = await makeParent(app.db, family.id);
      const deleting = await sessionClient(app.url, app.db, family.id);
      const accepting = await sessionClient(app.url, app.db, family.id);
      const conversationId = await openConversation(accepting, carer.id, parentId);
      const carerClient = await sessionClient(app.url, app.db, carer.id);
      expect((await postEntries(carerClient, `/chat/${conversationId}`, offerEntries())).status).toBe(302);
      const [offer] = await app.db
        .select({ id: offers.id })
        .from(offers)
        .where(eq(offers.conversationId, conversationId));
      const [deleted, accepted] = await Promise.all([
        deleting.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" }),
        new Promise((r) => setTimeout(r, delayMs)).then(() =>
          postEntries(accepting, `/chat/${conversationId}`, { intent: "accept", offerId: offer!.id }),
        ),
      ]);
      const [user] = await app.db.select().from(users).where(eq(users.id, family.id));
      const booked = await app.db.select({ id: visits.id }).from(visits).where(eq(visits.bookedBy, family.id));
      // One or the other, never both.
      if (user!.deletionRequestedAt) {
        expect(deleted.status).toBe(302);
        expect(booked).toHaveLength(0);
      } else {
        expect(deleted.status).toBe(409);
        expect(accepted.status).toBe(302);
        expect(booked.length).toBeGreaterThan(0);
      }
    }
  });

  it("schedules once and sends one email for a deletion posted three times at once", async () => {
    const user = await makeUser(app.db, "family");
    const client = await sessionClient(app.url, app.db, user.id);
    const form = { currentPassword: TEST_PASSWORD, confirm: "on" };
    const answers = await Promise.all([1, 2, 3].map(() => client.post("/account/delete", form)));
    expect(answers.map((a) => a.status)).toEqual([302, 302, 302]);
    const mails = await app.db
      .select()
      .from(mailMessages)
      .where(and(eq(mailMessages.toEmail, user.email), eq(mailMessages.kind, "deletion_scheduled")));
    expect(mails).toHaveLength(1);
  });

  it("closes a leaving carer to families until the account is kept: the profile, new conversations, messages and offers", async () => {
    // An outside probe: the day a carer asked for deletion (their open offers withdrawn), a family still
    // opened their profile by its address, a new conversation with them, and sent a message and an offer.
    const family = await makeUser(app.db, "family");
    const carer = await makeUser(app.db, "carer");
    await makeCarerProfile(app.db, carer.id);
    const parentId = await makeParent(app.db, family.id);
    const familyClient = await sessionClient(app.url, app.db, family.id);
    const conversationId = await openConversation(familyClient, carer.id, parentId);
    const carerClient = await sessionClient(app.url, app.db, carer.id);
    expect((await carerClient.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" })).status).toBe(
      302,
    );
    expect((await familyClient.get(`/carers/${carer.id}`)).status).toBe(404);
    expect((await familyClient.get(`/carers/${carer.id}.data`)).status).toBe(404);
    const reopened = await postEntries(familyClient, "/chat/new", {
      from: "service",
      carerId: carer.id,
      parentId,
      service: "companionship",
    });
    expect(reopened.status).not.toBe(302);
    const said = await postEntries(familyClient, `/chat/${conversationId}`, { intent: "send", body: "Still there?" });
    expect(said.status).toBe(403);
    expect(await said.text()).toContain("You cannot send messages or offers in this conversation.");
    const offered = await postEntries(
      familyClient,
      `/chat/${conversationId}`,
      offerEntries({ date: daysAhead(5), end: "11:00" }),
    );
    expect(offered.status).toBe(403);
    const sent = await app.db.select().from(offers).where(eq(offers.conversationId, conversationId));
    expect(sent).toEqual([]);
    // Kept: open again.
    const back = new HttpClient(app.url);
    expect((await back.login(carer.email, TEST_PASSWORD)).status).toBe(302);
    expect((await back.post("/account/restore", { intent: "keep" })).status).toBe(302);
    expect((await familyClient.get(`/carers/${carer.id}`)).status).toBe(200);
    expect(
      (await postEntries(familyClient, `/chat/${conversationId}`, { intent: "send", body: "Welcome back" })).status,
    ).toBe(302);
  });

  it("logs out, hides a carer, cancels by logging in within the grace, and is erased after it", async () => {
    const carer = await makeUser(app.db, "carer");
    await makeCarerProfile(app.db, carer.id);
    const client = await sessionClient(app.url, app.db, carer.id);
    const page = await client.get("/account/delete");
    expect(await page.text()).toContain(`stay for ${RETENTION.visitRecordYears} years after the visit`);
    const asked = await client.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" });
    expect(asked.status).toBe(302);
    expect(asked.headers.get("location")).toBe("/");
    expect(toastOf(client)?.message).toBe("deletionScheduled");
    // The day, written as the app writes days (the year only when it is not this year), not "2027-01-05".
    const day = /^[A-Z][a-z]{2} \d{1,2}(, \d{4})?$/;
    expect(toastOf(client)?.values?.date).toMatch(day);
    expect(await sessionCount(carer.id)).toBe(0);
    const listed = async () =>
      (await app.db.select({ listed: carers.listed }).from(carers).where(eq(carers.userId, carer.id)))[0]!.listed;
    expect(await listed()).toBe(false);

    // Logging in within the grace: every page leads to the restore page until the account chooses.
    const back = new HttpClient(app.url);
    expect((await back.login(carer.email, TEST_PASSWORD)).status).toBe(302);
    const dashboard = await back.get("/carer");
    expect(dashboard.status).toBe(302);
    // The page asked for comes back once the account is kept (an invitation was lost here: an outside probe).
    const restoreUrl = `/account/restore?${new URLSearchParams({ redirectTo: "/carer/jobs" })}`;
    expect(dashboard.headers.get("location")).toBe(`/account/restore?${new URLSearchParams({ redirectTo: "/carer" })}`);
    expect((await back.get("/carer/jobs")).headers.get("location")).toBe(restoreUrl);
    const restore = await back.get(restoreUrl);
    expect(restore.status).toBe(200);
    expect(await restore.text()).toContain(String(toastOf(client)?.values?.date));
    const kept = await back.post(restoreUrl, { intent: "keep" });
    expect(kept.status).toBe(302);
    expect(kept.headers.get("location")).toBe("/carer/jobs");
    expect(toastOf(back)?.message).toBe("deletionCancelled");
    expect((await back.get("/carer")).status).toBe(200);
    expect(await listed()).toBe(true);
    expect((await back.get("/account/restore")).status).toBe(302);

    // Asked again; this time the grace runs out.
    expect((await back.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" })).status).toBe(302);
    const [marked] = await app.db.select({ at: users.deletionRequestedAt }).from(users).where(eq(users.id, carer.id));
    const inGrace = new Date(marked!.at!.getTime() + (RETENTION.graceDays - 1) * DAY);
    expect((await eraseDueAccounts(app.db, {}, inGrace)).erased).toBe(0);
    const after = new Date(marked!.at!.getTime() + (RETENTION.graceDays + 1) * DAY);
    expect((await eraseDueAccounts(app.db, {}, after)).erased).toBeGreaterThanOrEqual(1);
    const [erased] = await app.db.select().from(users).where(eq(users.id, carer.id));
    expect(erased).toMatchObject({ name: "—", phone: "", phoneVerifiedAt: null });
    expect(erased!.email).not.toBe(carer.email);
    expect(erased!.erasedAt).toEqual(after);
    expect(await app.db.select().from(carers).where(eq(carers.userId, carer.id))).toEqual([]);
    expect((await new HttpClient(app.url).login(carer.email, TEST_PASSWORD)).status).toBe(400);
    expect(await cancelDeletion(app.db, { id: carer.id })).toBeNull();
    // Run again: nothing more to do.
    expect((await eraseDueAccounts(app.db, {}, after)).erased).toBe(0);
  });

  it("keeps an erased account's visit records for the retention period, then deletes them", async () => {
    const family = await makeUser(app.db, "family");
    const carer = await makeUser(app.db, "carer");
    await makeCarerProfile(app.db, carer.id);
    const parentId = await makeParent(app.db, family.id);
    const { visitId } = await bookThroughChat(app, family.id, carer.id, parentId);
    // The visit took place long ago (test data: set directly, as a finished visit would be).
    const ended = new Date(Date.now() - 30 * DAY);
    await app.db
      .update(visits)
      .set({ status: "completed", startsAt: new Date(ended.getTime() - 3_600_000), endsAt: ended })
      .where(eq(visits.id, visitId));
    const client = await sessionClient(app.url, app.db, family.id);
    expect((await client.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" })).status).toBe(302);
    const afterGrace = new Date(Date.now() + (RETENTION.graceDays + 1) * DAY);
    await eraseDueAccounts(app.db, {}, afterGrace);
    expect(await app.db.select({ id: visits.id }).from(visits).where(eq(visits.id, visitId))).toHaveLength(1);
    const afterRetention = new Date(ended.getTime() + (RETENTION.visitRecordYears * 366 + 1) * DAY);
    expect((await eraseDueAccounts(app.db, {}, afterRetention)).visitsPurged).toBeGreaterThanOrEqual(1);
    expect(await app.db.select({ id: visits.id }).from(visits).where(eq(visits.id, visitId))).toEqual([]);
  });

  it("refuses a forged choice on the restore page", async () => {
    const family = await makeUser(app.db, "family");
    const client = await sessionClient(app.url, app.db, family.id);
    expect((await client.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" })).status).toBe(302);
    const back = new HttpClient(app.url);
    await back.login(family.email, TEST_PASSWORD);
    const refused = await back.post("/account/restore", { intent: "erase-now" });
    expect(refused.status).toBe(400);
    // Said on the page, not a 400 with no word (an outside probe).
    expect(await refused.text()).toContain("Part of this form is not as this page sent it.");
    const [row] = await app.db.select({ at: users.deletionRequestedAt }).from(users).where(eq(users.id, family.id));
    expect(row!.at).not.toBeNull();
  });

  it("sends an account marked for deletion codes only, no other texts", async () => {
    const user = await userWithPhone("carer");
    const client = await sessionClient(app.url, app.db, user.id);
    expect((await client.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" })).status).toBe(302);
    const { queueSms } = await import("~/sms/sms.server");
    const chat = await queueSms(app.db, app.server.jobs, app.env, {
      event: `test:${user.id}`,
      kind: "chat_message",
      userId: user.id,
      params: { senderName: "A family" },
    });
    expect(chat).toMatchObject({ status: "suppressed", reason: "account_closing" });
    // The reset code still goes, so the owner can get back in and keep the account.
    expect(
      (await new HttpClient(app.url).post("/password/forgot", { intent: "send", identifier: user.phone })).status,
    ).toBe(200);
    const [code] = await app.db
      .select({ status: smsMessages.status })
      .from(smsMessages)
      .where(and(eq(smsMessages.userId, user.id), eq(smsMessages.kind, "verification_code")));
    expect(code?.status).not.toBe("suppressed");
  });

  it("erases a parent only this family looked after down to its name and approximate home", async () => {
    const family = await makeUser(app.db, "family");
    const parentId = await makeParent(app.db, family.id, {
      address: "12 Hidden Alley",
      accessNotes: "Door code 4242#",
      phone: "+8657155554444",
    });
    const client = await sessionClient(app.url, app.db, family.id);
    expect((await client.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" })).status).toBe(302);
    await eraseDueAccounts(app.db, {}, new Date(Date.now() + (RETENTION.graceDays + 1) * DAY));
    const { parents } = await import("~db/schema");
    const [parent] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(parent).toMatchObject({ address: "", accessNotes: "", phone: null, emergencyContacts: [] });
  });
});

describe("erasing a parent's only owner", () => {
  it("makes the member who joined first the owner of a parent shared with others", async () => {
    const owner = await makeUser(app.db, "family");
    const first = await makeUser(app.db, "family");
    const second = await makeUser(app.db, "family");
    const parentId = await makeParent(app.db, owner.id, { address: "3 Shared Lane" });
    const { parentMembers } = await import("~db/schema");
    const joined = (minutes: number) => new Date(Date.now() - minutes * 60_000);
    await app.db.insert(parentMembers).values([
      { parentId, userId: second.id, role: "member", createdAt: joined(10) },
      { parentId, userId: first.id, role: "member", createdAt: joined(20) },
    ]);
    const client = await sessionClient(app.url, app.db, owner.id);
    expect((await client.post("/account/delete", { currentPassword: TEST_PASSWORD, confirm: "on" })).status).toBe(302);
    await eraseDueAccounts(app.db, {}, new Date(Date.now() + (RETENTION.graceDays + 1) * DAY));
    const members = await app.db
      .select({ userId: parentMembers.userId, role: parentMembers.role })
      .from(parentMembers)
      .where(eq(parentMembers.parentId, parentId));
    expect(members.sort((a, b) => a.role.localeCompare(b.role))).toEqual([
      { userId: second.id, role: "member" },
      { userId: first.id, role: "owner" },
    ]);
    // The shared parent keeps its details: others still look after it.
    const { parents } = await import("~db/schema");
    const [parent] = await app.db.select().from(parents).where(eq(parents.id, parentId));
    expect(parent!.address).toBe("3 Shared Lane");
  });
});

describe("downloading one's data", () => {
  it("gives the family its own parents, requests, visits and messages, and nobody else's", async () => {
    const family = await makeUser(app.db, "family");
    const other = await makeUser(app.db, "family");
    const carer = await makeUser(app.db, "carer");
    await makeCarerProfile(app.db, carer.id);
    const parentId = await makeParent(app.db, family.id, { address: "7 Export Road" });
    await makeParent(app.db, other.id, { address: "9 Someone Else Street" });
    const booked = await bookThroughChat(app, family.id, carer.id, parentId);
    const client = await sessionClient(app.url, app.db, family.id);
    await postEntries(client, `/chat/${booked.conversationId}`, { intent: "send", body: "See you on Tuesday" });

    // A user id in the query changes nothing: the export is always the session's own.
    const res = await client.get(`/account/export?userId=${other.id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    // Named by the day on the account's own clock, not UTC's (a morning in China was yesterday's).
    const [zone] = await app.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.id, family.id));
    const days = [dateIn(zone!.timeZone, new Date(Date.now() - 60_000)), dateIn(zone!.timeZone, new Date())];
    expect(days.map((d) => `attachment; filename="kinvisit-${d}.json"`)).toContain(
      res.headers.get("content-disposition"),
    );
    const text = await res.text();
    const data = JSON.parse(text);
    expect(data.account).toMatchObject({ id: family.id, email: family.email, role: "family" });
    expect(data.parentsOwned.map((p: { address: string }) => p.address)).toEqual(["7 Export Road"]);
    expect(data.visitsBooked).toHaveLength(1);
    expect(data.messagesWritten.map((m: { body: string }) => m.body)).toContain("See you on Tuesday");
    expect(text).not.toContain("9 Someone Else Street");
    expect(text).not.toContain(other.email);
    expect(text).not.toContain("passwordHash");

    const carerClient = await sessionClient(app.url, app.db, carer.id);
    const carerData = await (await carerClient.get("/account/export")).json();
    expect(carerData.account.id).toBe(carer.id);
    expect(carerData.carerProfile.services.length).toBeGreaterThan(0);
    expect(carerData.visits).toHaveLength(1);
    expect(JSON.stringify(carerData)).not.toContain("7 Export Road");
    // The offer the carer sent, with its terms (it was exported as an empty message: an outside probe).
    expect(carerData.offersSent).toHaveLength(1);
    expect(carerData.offersSent[0]).toMatchObject({ conversationId: booked.conversationId, status: "accepted" });
    expect(carerData.offersSent[0].priceCents).toBeGreaterThan(0);
    expect(carerData.reviewReplies).toEqual([]);
    // The family sent none; its ratings and disputes are listed (none yet).
    expect(data.offersSent).toEqual([]);
    expect(data.ratingsGiven).toEqual([]);
    expect(data.disputesOpened).toEqual([]);

    expect((await new HttpClient(app.url).get("/account/export")).status).toBe(302);
  });
});

describe("the carer's onboarding checklist", () => {
  it("shows each step from real data and asks about new-job texts", async () => {
    const carer = await makeUser(app.db, "carer");
    const client = await sessionClient(app.url, app.db, carer.id);
    const before = await (await client.get("/carer")).text();
    expect(before).toContain("Get ready for your first job");
    expect(before).toContain("0 of 7 done");
    expect(before).toContain("You have not chosen yet");
    expect(before).toContain("so verify your number first");

    // A yes before the number is verified is kept, and the page and the toast say texts wait for it;
    // so does the texts page.
    const early = await client.post("/carer", { jobTexts: "on" });
    expect(early.status).toBe(302);
    expect(toastOf(client)?.message).toBe("jobTextsOnOnceVerified");
    expect(await (await client.get("/carer")).text()).toContain("Now: on, once your mobile number is verified.");
    const texts = await (await client.get("/account/sms")).text();
    expect(texts).toContain("yours is not verified yet");
    expect(texts).toContain('href="/account/phone"');

    await makeCarerProfile(app.db, carer.id);
    await giveVerifiedPhone(app.db, carer.id, freshPhone());
    expect(await (await client.get("/account/sms")).text()).not.toContain("yours is not verified yet");
    const after = await (await client.get("/carer")).text();
    expect(after).not.toContain("0 of 7 done");
    // Said only while the number is not verified (a walk read it after verifying).
    expect(after).not.toContain("verify your number first");
    expect(after).toContain("they contact you at your verified mobile number");

    const yes = await client.post("/carer", { jobTexts: "on" });
    expect(yes.status).toBe(302);
    expect(toastOf(client)?.message).toBe("jobTextsOn");
    const [prefs] = await app.db.select().from(smsPreferences).where(eq(smsPreferences.userId, carer.id));
    expect(prefs!.optedInKinds).toContain("nearby_job");
    expect(prefs!.jobTextsAnsweredAt).not.toBeNull();
    expect(await (await client.get("/carer")).text()).toContain("Now: on.");

    expect((await client.post("/carer", { jobTexts: "off" })).status).toBe(302);
    const [off] = await app.db.select().from(smsPreferences).where(eq(smsPreferences.userId, carer.id));
    expect(off!.optedInKinds).not.toContain("nearby_job");
    expect((await client.post("/carer", { jobTexts: "maybe" })).status).toBe(400);
    // A carer with visits done is past a first job: what is left is finishing the profile.
    await app.db.update(carers).set({ visitsCompleted: 3 }).where(eq(carers.userId, carer.id));
    const experienced = await (await client.get("/carer")).text();
    expect(experienced).toContain("Finish your profile");
    // The badge families see, with what it takes; once the team's checks are done, the badge.
    expect(experienced).toContain("Not verified yet");
    expect(experienced).toContain("until Kinvisit&#x27;s team has checked your ID");
    await app.db.update(carers).set({ verifiedAt: new Date() }).where(eq(carers.userId, carer.id));
    expect(await (await client.get("/carer")).text()).toContain("has checked your ID and your background");
    expect(experienced).not.toContain("Get ready for your first job");
  });
});

describe("options only for features that exist", () => {
  it("offers the rating sort now that ratings exist, and a link asking for it works", async () => {
    const family = await makeUser(app.db, "family");
    const parentId = await makeParent(app.db, family.id);
    const client = await sessionClient(app.url, app.db, family.id);
    const page = await client.get(`/family/parents/${parentId}/carers`);
    expect(page.status).toBe(200);
    const html = await page.text();
    // The sorts are a row of chips, each a link to the same search in that order.
    expect(html).toContain("sort=distance");
    expect(html).toContain("sort=rating");
    expect((await client.get(`/family/parents/${parentId}/carers?sort=rating`)).status).toBe(200);
  });
});

describe("a new account's time zone", () => {
  it("comes from the country of its mobile number", async () => {
    const email = `uk-${process.pid}-${Date.now()}@example.test`;
    const res = await new HttpClient(app.url).post("/signup", {
      role: "family",
      name: "Alice Brown",
      email,
      password: "a long enough password",
      phone: "+44 7911 123456",
      locale: "en",
    });
    expect(res.status).toBe(302);
    const [row] = await app.db
      .select({ timeZone: users.timeZone, phone: users.phone })
      .from(users)
      .where(eq(users.email, email));
    expect(row).toEqual({ timeZone: "Europe/London", phone: "+447911123456" });
  });

  // Issue 14 replaced the "already taken" error (and its "Log in instead" link): sign-up answers a
  // taken address exactly as a new one, and texts the owner instead.
  it("an address already taken gets the same answer as a new one", async () => {
    const existing = await makeUser(app.db, "family");
    const res = await new HttpClient(app.url).post("/signup", {
      role: "family",
      name: "Someone Again",
      email: existing.email,
      password: "a long enough password",
      phone: "+8613800139999",
      locale: "en",
    });
    const fresh = await new HttpClient(app.url).post("/signup", {
      role: "family",
      name: "Someone New",
      email: `new-${process.pid}-${Date.now()}@example.test`,
      password: "a long enough password",
      phone: "+8613800139998",
      locale: "en",
    });
    expect(res.status).toBe(fresh.status);
    expect(res.headers.get("location")).toBe(fresh.headers.get("location"));
  });
});
