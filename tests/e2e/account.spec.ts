import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "~db/seed/demo-city";
import type { FakeTwilio } from "../fakes/twilio-server";
import { hasChromium, type PrivateServer, startPrivateServer } from "./private-server";
import { waitUntil } from "../support/wait";

const phoneOf = (email: string) => demoAccounts.find((a) => a.email === email)!.phone;
let app: PrivateServer;
let fake: FakeTwilio;
let baseUrl: string;
let browser: Browser;
let context: BrowserContext | undefined;

beforeAll(async () => {
  if (!hasChromium) return;
  app = await startPrivateServer("account");
  ({ baseUrl, fake, browser } = app);
});

afterAll(async () => {
  await app?.stop();
});

afterEach(async () => {
  await context?.close();
  context = undefined;
});

/** A phone-sized page that fails the test on any uncaught error or console error but refused forms. */
async function phonePage(): Promise<{ page: Page; errors: string[] }> {
  context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "en-US", hasTouch: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !/tile\.openstreetmap|Failed to load resource/.test(m.text())) errors.push(m.text());
  });
  return { page, errors };
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(1);
}

async function login(page: Page, email: string, password: string) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', password);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.click('main form button[type="submit"]'),
  ]);
}

describe.skipIf(!hasChromium)("account basics on a phone", () => {
  it("clears a section's refusal once another section is saved, keeping what was typed", async () => {
    const { page, errors } = await phonePage();
    await login(page, "carer.y@kinvisit.test", "kinvisit-demo");
    await page.goto(`${baseUrl}/account`);
    await page.fill('#account-password input[name="currentPassword"]', "not-my-password");
    await page.fill('#account-password input[name="newPassword"]', "a-new-long-password-2026");
    await page.click('#account-password button[type="submit"]');
    const password = page.locator("#account-password");
    await expect.poll(() => password.textContent(), { timeout: 5_000 }).toContain("That is not your current password.");
    // The person moves on and saves their name: the password's message was about that earlier try.
    await page.fill('#account-name input[name="name"]', "Yang Mei 杨梅");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.click('#account-name button[type="submit"]'),
    ]);
    await expect.poll(() => page.textContent(".toast"), { timeout: 5_000 }).toBeTruthy();
    expect(await password.textContent()).not.toContain("That is not your current password.");
    expect(await page.inputValue('#account-password input[name="currentPassword"]')).toBe("not-my-password");
    expect(errors).toEqual([]);
  });

  it("resets a forgotten password with a code texted to the verified number", async () => {
    const { page, errors } = await phonePage();
    const email = "carer.y@kinvisit.test";
    const phone = phoneOf(email);
    await page.goto(`${baseUrl}/login`);
    await page.click("text=Forgot password?");
    await page.waitForURL(/\/password\/forgot$/);
    await noSidewaysScroll(page);
    const sentBefore = fake.messages.length;
    await page.fill('input[name="identifier"]', phone);
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('input[name="code"]');
    expect(await page.textContent("main")).toContain("we have texted it a 6-digit code");

    // The code, as the phone received it through the real twilio client.
    const text = await waitUntil(async () => fake.messages.slice(sentBefore).find((m) => m.to === phone), {
      timeoutMs: 20_000,
      what: "the reset code at the fake Twilio",
    });
    const code = text.body.match(/\b(\d{6})\b/)![1]!;
    await page.fill('input[name="code"]', code);
    await page.fill('input[name="password"]', "my new carer password");
    await Promise.all([page.waitForURL(/\/carer$/), page.click('main form button[type="submit"]')]);
    expect(await page.textContent(".toast")).toContain("Your password is changed");
    await noSidewaysScroll(page);

    // The new password works from another phone; the old one no longer does.
    const { page: other } = await phonePage();
    await login(other, email, "my new carer password");
    expect(new URL(other.url()).pathname).toBe("/carer");
    expect(errors).toEqual([]);
  });

  it("counts down to the next code on the number's page, and only then offers to send one", async () => {
    const { page, errors } = await phonePage();
    // Fake timers from the first script on: the minute's wait is skipped, not sat through.
    await page.clock.install();
    await login(page, "family.a@kinvisit.test", "kinvisit-demo");
    await page.goto(`${baseUrl}/account/phone`);
    expect(await page.textContent("main")).toContain("To use another number");
    await page.fill('input[name="phone"]', `+86 139 ${String(Date.now() % 1e8).padStart(8, "0")}`);
    await page.click('main form button[type="submit"]');
    await page.waitForSelector('input[name="code"]');
    const resend = page.locator('button[name="intent"][value="send"]');
    const wait = page.locator("text=/ask for a new code in \\d+ s\\b/");
    await wait.waitFor();
    expect(await resend.isDisabled()).toBe(true);
    const seconds = () => wait.textContent().then((text) => Number(text!.match(/(\d+) s\b/)![1]));
    const first = await seconds();
    await page.clock.fastForward(5_000);
    await page.waitForFunction((was) => {
      const text = document.querySelector("main")?.textContent ?? "";
      const now = Number(text.match(/new code in (\d+) s\b/)?.[1] ?? "NaN");
      return now <= was - 5;
    }, first);
    await page.clock.fastForward(first * 1000);
    await wait.waitFor({ state: "detached" });
    expect(await resend.isDisabled()).toBe(false);
    expect(errors).toEqual([]);
  });

  it("deletes an account, then keeps it by logging in within the grace period", async () => {
    const { page, errors } = await phonePage();
    const email = "family.a@kinvisit.test";
    await login(page, email, "kinvisit-demo");
    await page.goto(`${baseUrl}/account`);
    await noSidewaysScroll(page);
    await page.click("text=Delete my account");
    await page.waitForURL(/\/account\/delete$/);
    // The URL changes before React renders the new page: wait for its text rather than read it at once.
    await expect.poll(() => page.textContent("main"), { timeout: 5_000 }).toContain("What is kept, and for how long");
    await noSidewaysScroll(page);
    await page.fill('input[name="currentPassword"]', "kinvisit-demo");
    await page.check('input[name="confirm"]');
    await Promise.all([
      page.waitForURL((u) => u.pathname === "/"),
      page.click('main form button[type="submit"].button--danger'),
    ]);
    expect(await page.textContent(".toast")).toContain("Log in before then to keep it");

    await login(page, email, "kinvisit-demo");
    await page.waitForURL(/\/account\/restore(\?|$)/);
    await noSidewaysScroll(page);
    await Promise.all([page.waitForURL(/\/family$/), page.click("text=Keep my account")]);
    expect(await page.textContent(".toast")).toContain("Your account will not be deleted");
    expect(errors).toEqual([]);
  });
});
