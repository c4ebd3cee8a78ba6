import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "~db/seed/demo-city";
import { dateIn } from "~/geo/time-zone";
import type { FakeTwilio } from "../fakes/twilio-server";
import { hasChromium, type PrivateServer, startPrivateServer, watchErrors, loginAs } from "./private-server";
import { waitUntil } from "../support/wait";
import { offerAndAccept } from "./phone-pages";

const phoneOf = (email: string) => demoAccounts.find((a) => a.email === email)!.phone;
let app: PrivateServer;
let fake: FakeTwilio;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  app = await startPrivateServer("admin");
  ({ baseUrl, fake, browser } = app);
});

afterAll(async () => {
  await app?.stop();
});
const login = (page: Page, email: string) => loginAs(page, baseUrl, email);

/** Marks progress on stderr, so a timed-out run says where it stood. */
const step = (what: string) => process.stderr.write(`[admin.spec] ${what}\n`);

/** Hydrated: React's handlers are attached, so a form post goes through Remix. */
async function hydrated(page: Page) {
  await page.waitForFunction(() => Object.keys(document.documentElement).some((k) => k.startsWith("__reactProps$")));
}

describe.skipIf(!hasChromium)("an admin suspends a carer in Chromium", () => {
  const contexts: BrowserContext[] = [];
  afterAll(async () => {
    await Promise.all(contexts.map((c) => c.close()));
  });
  const open = async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    return { context, page, errors: watchErrors(page) };
  };

  it("the carer leaves search, the booked visit is cancelled, the carer is logged out, and the family gets a text", async () => {
    const family = await open();
    const carer = await open();
    const admin = await open();
    step("logging in");
    await login(family.page, "family.a@kinvisit.test");
    await login(carer.page, "carer.x@kinvisit.test");
    await login(admin.page, "admin@kinvisit.test");

    step("quiet hours");
    // The cancellation text is not urgent: quiet hours off, so it goes now whatever the hour in Shanghai.
    await family.page.goto(`${baseUrl}/account/sms`);
    await family.page.uncheck('input[name="quietHours"]');
    await Promise.all([
      family.page.waitForURL(/\/account\/sms$/),
      family.page.click('main form button[type="submit"]'),
    ]);

    step("search");
    // Family A finds carer X in the search for their mother, and books a visit in three days.
    await family.page.goto(`${baseUrl}/family`);
    const hrefs = await family.page
      .locator('a[href^="/family/parents/"]')
      .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
    const parentPath = hrefs.map((h) => /^\/family\/parents\/[0-9a-f-]{36}/.exec(h)?.[0]).find(Boolean)!;
    await carer.page.goto(`${baseUrl}/carer/profile`);
    const profileHref = await carer.page.locator('a[href^="/carers/"]').first().getAttribute("href");
    await family.page.goto(`${baseUrl}${parentPath}/carers?sort=distance&size=50`);
    // The search's links carry the parent searched for (?parent=).
    await family.page.locator(`a[href^="${profileHref}?"]`).first().waitFor();

    step("messaging carer X");
    await family.page.goto(`${baseUrl}${profileHref}`);
    await Promise.all([
      family.page.waitForURL(/\/chat\/[0-9a-f-]{36}$/),
      family.page.click('form.message-carer button[type="submit"]'),
    ]);
    const chatPath = new URL(family.page.url()).pathname;
    step("offering");
    const date = dateIn("Asia/Shanghai", new Date(Date.now() + 3 * 86_400_000));
    const { visit: visitPath, answer } = await offerAndAccept(family.page, carer.context.request, chatPath, baseUrl, {
      date,
      start: "10:00",
      end: "11:00",
      price: "120",
    });
    expect(visitPath, answer).toMatch(/^\/visits\/[0-9a-f-]{36}$/);
    await family.page.goto(`${baseUrl}${visitPath}`);
    await family.page.locator('[data-status="scheduled"]').waitFor();

    step("suspending");
    // The admin finds carer X and suspends them, giving a reason.
    await admin.page.goto(`${baseUrl}/admin/accounts?q=carer.x%40kinvisit.test`);
    await hydrated(admin.page);
    const card = admin.page.locator("li.card", { hasText: "carer.x@kinvisit.test" });
    // The suspend form is folded under its own line, one tap away.
    expect(await card.locator('input[name="reason"], textarea[name="reason"]').isVisible()).toBe(false);
    await card.locator("summary", { hasText: "Suspend this account" }).click();
    await card.locator('textarea[name="reason"], input[name="reason"]').fill("Identity document found to be forged");
    await Promise.all([
      admin.page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/admin/accounts")),
      card.locator('button[type="submit"]').click(),
    ]);
    await admin.page.locator(".toast", { hasText: "Upcoming visits cancelled: 1" }).waitFor();
    await admin.page.locator("li.card", { hasText: "carer.x@kinvisit.test" }).locator(".badge").waitFor();

    step("checking search");
    // Gone from the family's search.
    await family.page.goto(`${baseUrl}${parentPath}/carers?sort=distance&size=50`);
    await family.page.locator("h1").waitFor();
    expect(await family.page.locator(`a[href^="${profileHref}?"]`).count()).toBe(0);
    step("checking the visit");
    // The visit is cancelled.
    await family.page.goto(`${baseUrl}${visitPath}`);
    await family.page.locator('[data-status="cancelled"]').waitFor();
    step("checking the carer");
    // Carer X's browser is logged out, and cannot log in again.
    await carer.page.goto(`${baseUrl}/carer`);
    expect(new URL(carer.page.url()).pathname).toBe("/login");
    await carer.page.fill('input[name="email"]', "carer.x@kinvisit.test");
    await carer.page.fill('input[name="password"]', "kinvisit-demo");
    await carer.page.click('main form button[type="submit"]');
    // Carer X reads the site in Chinese (the demo account's language).
    await carer.page.locator(".form-alert", { hasText: "此账户已被暂停" }).waitFor();
    step("waiting for the text");
    // The fake Twilio has the family's text about the cancellation.
    const text = await waitUntil(
      async () => fake.messages.find((m) => m.to === phoneOf("family.a@kinvisit.test") && /cancelled/.test(m.body)),
      { what: "the family's cancellation text" },
    );
    expect(text.body).toContain("was cancelled");

    step("audit log");
    // The audit log shows who did it and why.
    await admin.page.goto(`${baseUrl}/admin/audit?action=user.suspend`);
    await admin.page.locator("td", { hasText: "Identity document found to be forged" }).waitFor();

    // A refused login answers 403: Chromium logs that resource error, which watchErrors lets through.
    expect(family.errors).toEqual([]);
    expect(admin.errors).toEqual([]);
    expect(carer.errors).toEqual([]);
  }, 180_000);
});
