// Accounts over real HTTP against the production build: sign up, log in/out, and every refusal.
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "~db/schema";
import { queryRows } from "~/db.server";
import { HttpClient } from "../support/http-client";
import { makeUser, TEST_PASSWORD } from "../support/fixtures";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
beforeAll(async () => {
  // Every test logs in from 127.0.0.1: the per-address limit is raised out of the way of the per-account one.
  app = await startAppWithPersonas({ LOGIN_LIMIT_PER_ACCOUNT: "5", LOGIN_LIMIT_PER_IP: "1000" });
});
afterAll(() => app?.close());

const signupForm = (over: Record<string, string> = {}) => ({
  role: "family",
  name: "Mei Lin",
  email: `mei.${Math.random().toString(36).slice(2)}@example.test`,
  password: "a long enough password",
  phone: "+86 138 0013 8000",
  locale: "en",
  ...over,
});

async function countUsers(email: string) {
  const [row] = await app.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.email, email));
  return row!.n;
}

describe("sign up", () => {
  it("creates a family account with an E.164 phone, then its owner logs in", async () => {
    const client = new HttpClient(app.url);
    const form = signupForm({ phone: "138 0013 8000" });
    const res = await client.post("/signup", form);
    expect(res.status).toBe(302);
    // Not logged in by signing up: a taken email must get the same answer (ADR 015).
    expect(res.headers.get("Location")).toBe("/login");
    expect(client.cookies.has("__Host-kv_session")).toBe(false);
    expect((await client.login(form.email, form.password)).headers.get("Location")).toBe("/family");
    const [user] = await app.db.select().from(users).where(eq(users.email, form.email));
    expect(user).toMatchObject({ role: "family", phone: "+8613800138000", locale: "en" });
    expect(user!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    const home = await client.get("/family");
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("Mei Lin");
  });

  it("carries a same-site ?redirectTo= on to the login (an invitation's way back), and drops another", async () => {
    const back = "/invitations/abcdefghijklmnopqrstuvwxyz234567";
    const via = await new HttpClient(app.url).post(
      `/signup?${new URLSearchParams({ redirectTo: back })}`,
      signupForm(),
    );
    expect(via.status).toBe(302);
    expect(via.headers.get("Location")).toBe(`/login?${new URLSearchParams({ redirectTo: back })}`);
    for (const away of ["//evil.example/x", "https://evil.example/", "/\\evil.example"]) {
      const res = await new HttpClient(app.url).post(
        `/signup?${new URLSearchParams({ redirectTo: away })}`,
        signupForm(),
      );
      expect(res.headers.get("Location"), away).toBe("/login");
    }
    // Every way between the login pages keeps it: the header's Log in and Sign up, and the text login's
    // link to the password one, which also says what the login is for (an outside probe lost the
    // invitation on each of these).
    const kept = new URLSearchParams({ redirectTo: back });
    for (const page of ["/login", "/signup", "/login/sms", "/password/forgot"]) {
      const html = await (await new HttpClient(app.url).get(`${page}?${kept}`)).text();
      const header = html.slice(html.indexOf("<header"), html.indexOf("</header>"));
      expect(header, page).toContain(`href="/signup?${kept}"`);
      expect(header, page).toContain(`href="/login?${kept}"`);
    }
    const smsLogin = await (await new HttpClient(app.url).get(`/login/sms?${kept}`)).text();
    expect(smsLogin.slice(smsLogin.indexOf("<main"))).toContain(`href="/login?${kept}"`);
    const login = await (await new HttpClient(app.url).get(`/login?${kept}`)).text();
    expect(login).toContain(`href="/password/forgot?${kept}"`);
    const forgot = await (await new HttpClient(app.url).get(`/password/forgot?${kept}`)).text();
    expect(forgot.slice(forgot.indexOf("<main"))).toContain(`href="/login?${kept}"`);
    expect(await (await new HttpClient(app.url).get(`/login/sms?${kept}`)).text()).toContain(
      "You have been invited to share a parent&#x27;s care.",
    );
  });

  it("takes a number typed in full-width digits (a Chinese IME) and stores it in E.164", async () => {
    const client = new HttpClient(app.url);
    const form = signupForm({ phone: "＋８６ １３８\u3000００１３ ８０００" });
    const res = await client.post("/signup", form);
    expect(res.status).toBe(302);
    const [user] = await app.db.select().from(users).where(eq(users.email, form.email));
    expect(user).toMatchObject({ phone: "+8613800138000" });
  });

  it("takes the browser's time zone (where the person is), and the number's country without a usable one", async () => {
    const zoneOf = async (email: string) =>
      (await app.db.select({ timeZone: users.timeZone }).from(users).where(eq(users.email, email)))[0]!.timeZone;
    // A family member in London with a number from home.
    const abroad = signupForm({ timeZone: "Europe/London" });
    expect((await new HttpClient(app.url).post("/signup", abroad)).status).toBe(302);
    expect(await zoneOf(abroad.email)).toBe("Europe/London");
    // No script ran, or a zone nobody knows: nothing to correct by hand, so the number decides.
    for (const timeZone of [undefined, "Mars/Olympus_Mons", "x".repeat(500)]) {
      const form = signupForm(timeZone === undefined ? {} : { timeZone });
      expect((await new HttpClient(app.url).post("/signup", form)).status, timeZone).toBe(302);
      expect(await zoneOf(form.email)).toBe("Asia/Shanghai");
    }
  });

  it("creates a carer account", async () => {
    const client = new HttpClient(app.url);
    const form = signupForm({ role: "carer", locale: "zh-CN" });
    const res = await client.post("/signup", form);
    expect(res.headers.get("Location")).toBe("/login");
    expect((await client.login(form.email, form.password)).headers.get("Location")).toBe("/carer");
    const page = await (await client.get("/carer")).text();
    expect(page).toContain('lang="zh-CN"');
  });

  it("answers a duplicate email as a new one, and makes no second user", async () => {
    const form = signupForm();
    expect((await new HttpClient(app.url).post("/signup", form)).status).toBe(302);
    const again = await new HttpClient(app.url).post("/signup", { ...form, email: form.email.toUpperCase() });
    expect(again.status).toBe(302);
    expect(again.headers.get("Location")).toBe("/login");
    expect(await countUsers(form.email)).toBe(1);
  });

  it("gives one account for two simultaneous submits of the same form", async () => {
    const form = signupForm();
    const results = await Promise.all([
      new HttpClient(app.url).post("/signup", form),
      new HttpClient(app.url).post("/signup", form),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([302, 302]);
    expect(await countUsers(form.email)).toBe(1);
  });

  it("shows localised field errors for bad input and changes nothing", async () => {
    const form = signupForm({ email: "not-an-email", password: "short", phone: "12", role: "boss" });
    const res = await new HttpClient(app.url).post("/signup", form, {
      headers: { "Accept-Language": "zh-CN,zh;q=0.9" },
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("请输入有效的邮箱地址。");
    expect(html).toContain("至少使用 10 个字符。");
    expect(html).toContain("请输入手机号码：中国大陆手机号为 1 开头的 11 位数字");
    expect(html).toContain("请选择一个选项。");
    expect(await countUsers("not-an-email")).toBe(0);
  });

  it("refuses a landline or invalid number on the server", async () => {
    const form = signupForm({ phone: "+86 10 1234 5678" });
    const res = await new HttpClient(app.url).post("/signup", form);
    expect(res.status).toBe(400);
    // Said to be a landline, not told to add the country code it has (a new-user walk).
    expect(await res.text()).toContain("That is a landline, which cannot receive texts. Enter a mobile number.");
    expect(await countUsers(form.email)).toBe(0);
    // A mainland mobile a digit short: what a mobile number looks like.
    const short = await new HttpClient(app.url).post("/signup", signupForm({ phone: "138 0013 800" }));
    expect(short.status).toBe(400);
    expect(await short.text()).toContain("Enter a mobile number: 11 digits starting with 1 in mainland China");
  });

  it("says a number that is no number with the form's other problems, in one answer (a phone walk)", async () => {
    // A well-shaped number that is no mobile (a UK one typed without its country code) and a short password.
    const form = signupForm({ phone: "07700 900123", password: "short" });
    const res = await new HttpClient(app.url).post("/signup", form);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Use at least 10 characters.");
    expect(html).toContain("Enter a mobile number: 11 digits");
    expect(await countUsers(form.email)).toBe(0);
  });

  it("renders HTML and SQL in a name as inert text", async () => {
    const client = new HttpClient(app.url);
    const name = `<script>alert(1)</script>'); drop table users;--`;
    const form = signupForm({ name });
    const res = await client.post("/signup", form);
    expect(res.status).toBe(302);
    await client.login(form.email, form.password);
    const html = await (await client.get("/account")).text();
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    const [{ n }] = (await app.db.select({ n: sql<number>`count(*)::int` }).from(users)) as [{ n: number }];
    expect(n).toBeGreaterThan(0);
  });
});

describe("log in", () => {
  it("logs in, gets a Secure HttpOnly __Host- cookie, and a fresh session each time", async () => {
    const user = await makeUser(app.db, "family");
    const client = new HttpClient(app.url);
    const first = await client.login(user.email, TEST_PASSWORD);
    expect(first.status).toBe(302);
    const cookie = first.headers.getSetCookie().find((c) => c.startsWith("__Host-kv_session="))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Secure/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const firstToken = client.cookies.get("__Host-kv_session")!;
    await client.login(user.email, TEST_PASSWORD);
    const secondToken = client.cookies.get("__Host-kv_session")!;
    expect(secondToken).not.toBe(firstToken);
    // The old session was replaced, not kept alongside.
    const rows = await app.db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(rows).toHaveLength(1);
    // Only a hash of the secret is stored.
    expect(rows[0]!.id).toBe(secondToken.split(".")[0]);
    expect(Buffer.from(rows[0]!.secretHash).toString("utf8")).not.toContain(secondToken.split(".")[1]);
  });

  it("answers a wrong password and an unknown email identically", async () => {
    const user = await makeUser(app.db, "carer");
    const wrong = await new HttpClient(app.url).login(user.email, "not the password");
    const unknown = await new HttpClient(app.url).login("nobody@example.test", "not the password");
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    // The root loader's clock (for "this year" in dates) differs by milliseconds between two answers.
    const strip = (html: string) =>
      html
        .replace(/nonce="[^"]+"/g, "")
        .replace(/value="[^"]*@example\.test"/g, "")
        .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z/g, "NOW");
    const [a, b] = [strip(await wrong.text()), strip(await unknown.text())];
    expect(a).toContain("That email and password do not match an account.");
    expect(a.replace(/\\"[^"\\]*@example\.test\\"/g, "")).toBe(b.replace(/\\"[^"\\]*@example\.test\\"/g, ""));
  });

  it("answers the 6th attempt inside a minute with 429 and a localised message", async () => {
    const user = await makeUser(app.db, "family");
    const client = new HttpClient(app.url);
    for (let i = 0; i < 5; i++) expect((await client.login(user.email, "wrong password!")).status).toBe(400);
    const sixth = await client.post(
      "/login",
      { email: user.email, password: TEST_PASSWORD },
      { headers: { "Accept-Language": "zh-CN" } },
    );
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await sixth.text()).toContain("登录尝试过于频繁");
    expect(client.cookies.has("__Host-kv_session")).toBe(false);
  });

  it("checks at most 5 wrong passwords of 20 sent at once, and a right one after them uses up nothing", async () => {
    const user = await makeUser(app.db, "family");
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => new HttpClient(app.url).login(user.email, "wrong password!")),
    );
    const statuses = answers.map((a) => a.status);
    expect(statuses.filter((s) => s === 400)).toHaveLength(5);
    expect(statuses.filter((s) => s === 429)).toHaveLength(15);
    // Refused attempts were not counted as failures: only the 5 checked ones are.
    const failures = async (email: string) =>
      (
        await queryRows<{ count: number }>(
          app.db,
          sql`select count from rate_limits where key = ${`login:fail:${email}`}`,
        )
      )[0]?.count;
    expect(Number(await failures(user.email))).toBe(5);
    // A right password uses up nothing.
    const other = await makeUser(app.db, "family");
    expect((await new HttpClient(app.url).login(other.email, TEST_PASSWORD)).status).toBe(302);
    expect(Number(await failures(other.email))).toBe(0);
  });

  it("refuses a cross-origin POST with 403 and changes nothing", async () => {
    const form = signupForm();
    const res = await new HttpClient(app.url).post("/signup", form, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    const missing = await new HttpClient(app.url).post("/signup", form, { origin: "" });
    expect(missing.status).toBe(403);
    expect(await countUsers(form.email)).toBe(0);
  });

  it("treats a tampered or expired session cookie as logged out", async () => {
    const user = await makeUser(app.db, "family");
    const client = new HttpClient(app.url);
    await client.login(user.email, TEST_PASSWORD);
    const token = client.cookies.get("__Host-kv_session")!;
    const [id, secret] = token.split(".");
    const tampered = new HttpClient(app.url);
    tampered.cookies.set("__Host-kv_session", `${id}.${secret!.slice(0, -1)}${secret!.endsWith("a") ? "b" : "a"}`);
    const res = await tampered.get("/family");
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toMatch(/^\/login\?redirectTo=%2Ffamily/);
    expect((await client.get("/family")).status).toBe(200);
    await app.db
      .update(sessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(sessions.id, id!));
    expect((await client.get("/family")).status).toBe(302);
    // The expired row is removed when seen.
    expect(await app.db.select().from(sessions).where(eq(sessions.id, id!))).toHaveLength(0);
  });

  it("redirects back to a same-site page after login, never off-site", async () => {
    const user = await makeUser(app.db, "family");
    const ok = await new HttpClient(app.url).post("/login", {
      email: user.email,
      password: TEST_PASSWORD,
      redirectTo: "/account",
    });
    expect(ok.headers.get("Location")).toBe("/account");
    const evil = await new HttpClient(app.url).post("/login", {
      email: user.email,
      password: TEST_PASSWORD,
      redirectTo: "//evil.example/x",
    });
    expect(evil.headers.get("Location")).toBe("/family");
  });

  it("logs in from a page whose URL is too long to come back to, landing on the dashboard", async () => {
    const user = await makeUser(app.db, "family");
    const client = new HttpClient(app.url);
    const sent = await client.get(`/family?ref=${"x".repeat(2100)}`);
    // Its query is too long to carry: the way back is the page without it.
    expect(sent.headers.get("Location")).toBe("/login?redirectTo=%2Ffamily");
    // A hidden field that is too long anyway (an old link) is dropped, not refused: the login goes through.
    const res = await client.post("/login", {
      email: user.email,
      password: TEST_PASSWORD,
      redirectTo: `/x${"y".repeat(2100)}`,
    });
    expect(res.status).toBe(302);
    expect(res.headers.get("Location")).toBe("/family");
  });
});

describe("log out", () => {
  it("logs out this browser only", async () => {
    const user = await makeUser(app.db, "carer");
    const phone = new HttpClient(app.url);
    const laptop = new HttpClient(app.url);
    await phone.login(user.email, TEST_PASSWORD);
    await laptop.login(user.email, TEST_PASSWORD);
    const res = await phone.post("/logout", {});
    expect(res.status).toBe(302);
    expect((await phone.get("/carer")).status).toBe(302);
    expect((await laptop.get("/carer")).status).toBe(200);
  });

  it("logs out everywhere", async () => {
    const user = await makeUser(app.db, "carer");
    const phone = new HttpClient(app.url);
    const laptop = new HttpClient(app.url);
    await phone.login(user.email, TEST_PASSWORD);
    await laptop.login(user.email, TEST_PASSWORD);
    await phone.post("/logout", { intent: "everywhere" });
    expect((await laptop.get("/carer")).status).toBe(302);
    expect(await app.db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
  });
});

describe("roles and language", () => {
  it("gives a carer 403 on a family-only page", async () => {
    const client = app.personas.carerX.client;
    const res = await client.get("/family");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Not allowed");
  });

  it("detects Chinese from Accept-Language and remembers a switch for the account", async () => {
    const anon = await (
      await new HttpClient(app.url).get("/", { "Accept-Language": "zh-CN,zh;q=0.9,en;q=0.5" })
    ).text();
    expect(anon).toContain('lang="zh-CN"');
    const user = await makeUser(app.db, "family");
    const client = new HttpClient(app.url);
    await client.login(user.email, TEST_PASSWORD);
    const sw = await client.post("/language", { lng: "zh-CN", redirectTo: "/family" });
    expect(sw.status).toBe(302);
    expect(sw.headers.get("Location")).toBe("/family");
    const [row] = await app.db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id));
    expect(row!.locale).toBe("zh-CN");
    // A new browser with an English Accept-Language still gets Chinese after logging in.
    const other = new HttpClient(app.url);
    await other.login(user.email, TEST_PASSWORD);
    const page = await (await other.get("/family", { "Accept-Language": "en" })).text();
    expect(page).toContain('lang="zh-CN"');
    expect(page).toContain("欢迎");
  });

  it("refuses an unknown language with 400 and changes nothing", async () => {
    const { familyA: user } = app.personas;
    const client = user.client;
    const res = await client.post("/language", { lng: "fr" });
    expect(res.status).toBe(400);
    const [row] = await app.db.select({ locale: users.locale }).from(users).where(eq(users.id, user.id));
    expect(row!.locale).toBe("en");
  });
});

describe("operations", () => {
  it("reports liveness and readiness", async () => {
    expect(await (await fetch(`${app.url}/healthz`)).json()).toEqual({ status: "ok" });
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(200);
    // Anonymous: ready or not, nothing about the database (the migration check still decides it).
    expect(await ready.json()).toEqual({ status: "ready" });
  });

  it("sends security headers with a per-request script nonce", async () => {
    const a = await fetch(`${app.url}/`);
    const b = await fetch(`${app.url}/`);
    const csp = a.headers.get("Content-Security-Policy")!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self' 'nonce-[^']+'/);
    expect(csp).not.toBe(b.headers.get("Content-Security-Policy"));
    expect(a.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(a.headers.get("Referrer-Policy")).toBe("strict-origin-when-cross-origin");
    expect(a.headers.get("X-Request-Id")).toMatch(/^[0-9a-f-]{36}$/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    expect(await a.text()).toContain(`nonce="${nonce}"`);
  });

  it("answers an unknown page with a localised 404", async () => {
    const res = await fetch(`${app.url}/no/such/page`, { headers: { "Accept-Language": "zh-CN" } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("页面不存在");
  });
});
