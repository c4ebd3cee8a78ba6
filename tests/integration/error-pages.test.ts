// The 500 page, caused by a real fault (a table gone from under the running app), not by a mock:
// localised, no stack trace or SQL in the page, and the error is in the log instead.
import fs from "node:fs";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { users } from "~db/schema";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startAppWithPersonas, type TestApp } from "../support/test-server";

let app: TestApp;
beforeAll(async () => {
  app = await startAppWithPersonas();
});
afterAll(() => app?.close());

it("answers a resource route's refusal in the reader's language, keeping its status (an outside probe)", async () => {
  const { familyA } = app.personas;
  familyA.client.cookies.set("kv_lng", "zh-CN");
  const photo = await familyA.client.get("/photos/carers/x", { Accept: "text/html" });
  expect(photo.status).toBe(404);
  expect(photo.headers.get("Content-Language")).toBe("zh-CN");
  expect(await photo.text()).toContain("页面不存在");
  // A stream opened as a page is told so, in its language.
  const stream = await familyA.client.get(`/chat/${crypto.randomUUID()}/stream`, { Accept: "text/html" });
  expect([404, 406]).toContain(stream.status);
  expect(await stream.text()).toMatch(/页面不存在|这不是页面/);
  familyA.client.cookies.set("kv_lng", "en");
  const plain = await familyA.client.get("/photos/carers/x", { Accept: "text/plain" });
  expect(plain.status).toBe(404);
  expect(await plain.text()).toMatch(/^Page not found: /);
});

it("refuses a post to a route that only reads with a 405 and Allow, in the reader's language (an outside probe)", async () => {
  const { familyA } = app.personas;
  const id = crypto.randomUUID();
  // Every resource route without an action, whoever may read it: Remix's own answer was JSON saying
  // "Unexpected Server Error".
  const urls = [
    "/geocode?q=West+Lake",
    "/photos/carers/x",
    "/account/export",
    `/visits/${id}/photo`,
    `/visits/${id}/stream`,
    `/chat/${id}/stream`,
    `/admin/disputes/${id}/photo`,
  ];
  for (const [locale, text] of [
    ["zh-CN", "不接受"],
    ["en", "Not allowed"],
  ] as const) {
    familyA.client.cookies.set("kv_lng", locale);
    for (const url of urls) {
      const res = await familyA.client.post(url, {});
      const body = await res.text();
      expect(res.status, url).toBe(405);
      expect(res.headers.get("Allow"), url).toBe("GET, HEAD");
      expect(body, url).toContain(text);
      expect(body, url).not.toContain("Unexpected Server Error");
    }
  }
  familyA.client.cookies.set("kv_lng", "en");
});

it("draws an action's refusal with the reader's header: logged in, in their language (an outside probe)", async () => {
  // A form posted without JavaScript whose action throws: Remix runs the loaders above the nearest
  // boundary only, so a page without its own boundary was drawn without the root loader (a "Log in"
  // link for someone logged in, the browser's language).
  const { familyA, carerX } = app.personas;
  familyA.client.cookies.delete("kv_lng");
  await app.db.update(users).set({ locale: "zh-CN" }).where(eq(users.id, familyA.id));
  const refusals = [
    [familyA, `/visits/${crypto.randomUUID()}/cancel`, 404],
    [familyA, "/admin/carers", 403],
    [carerX, `/family/parents/${crypto.randomUUID()}/edit`, 403],
  ] as const;
  try {
    for (const [persona, url, status] of refusals) {
      const res = await persona.client.post(url, { reason: "x" }, { headers: { Accept: "text/html" } });
      expect(res.status, url).toBe(status);
      const html = await res.text();
      expect(html, url).toContain('action="/logout"');
      expect(html, url).not.toContain('href="/login"');
    }
    const html = await (
      await familyA.client.post(`/visits/${crypto.randomUUID()}/cancel`, {}, { headers: { Accept: "text/html" } })
    ).text();
    expect(html).toContain('lang="zh-CN"');
  } finally {
    await app.db.update(users).set({ locale: "en" }).where(eq(users.id, familyA.id));
  }
});

it("gives every page with an action its own error boundary (the class of the refusal above)", () => {
  const dir = path.resolve(import.meta.dirname, "../../app/routes");
  const missing = fs
    .readdirSync(dir)
    .filter((f) => /\.tsx$/.test(f) && !f.includes(".test."))
    .filter((f) => {
      const source = fs.readFileSync(path.join(dir, f), "utf8");
      const page = /export default function/.test(source);
      const action = /export (async function|const) action\b/.test(source);
      return page && action && !/export (function|const) ErrorBoundary\b/.test(source);
    });
  expect(missing).toEqual([]);
});

it("answers a server fault with a localised 500 page that leaks nothing", async () => {
  const { familyA: user } = app.personas;
  const client = user.client;
  await app.db.execute(sql`drop table sms_preferences`);
  for (const [locale, text] of [
    ["en", "Something went wrong"],
    ["zh-CN", "出错了"],
  ] as const) {
    await app.db.update(users).set({ locale }).where(eq(users.id, user.id));
    const res = await client.get("/account/sms");
    expect(res.status).toBe(500);
    const html = await res.text();
    expect(html).toContain(text);
    expect(html).not.toMatch(/sms_preferences|relation|at [\w.]+ \(|\.ts:\d+/);
  }
  const anon = await fetch(`${app.url}/account/sms.data`, { headers: { Cookie: client.cookieHeader() } });
  expect(anon.status).toBe(500);
  expect(await anon.text()).not.toMatch(/sms_preferences|relation/);
});
