// The 500 page, caused by a real fault (a table gone from under the running app), not by a mock:
// localised, no stack trace or SQL in the page, and the error is in the log instead.
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
