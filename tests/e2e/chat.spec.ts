// Chat in two real Chromium contexts: a family member on a desktop and a carer on a 390 px phone talk
// live, the carer sends an offer, the family accepts it, both see the booked visit, and the fake
// Twilio server receives the "visit booked" texts. Its own server, on a fresh PGlite folder, with
// the real twilio client pointed at a local fake Twilio.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoAccounts } from "~db/seed/demo-city";
import { dateIn } from "~/visits/booking.server";
import { FakeTwilio } from "../fakes/twilio-server";
import { spawnTsx, type Spawned } from "../support/spawn";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-chat-"));
const phoneOf = (email: string) => demoAccounts.find((a) => a.email === email)!.phone;
let server: Spawned;
let fake: FakeTwilio;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  fake = new FakeTwilio();
  await fake.start();
  server = spawnTsx("server.ts", [], {
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    PGLITE_DIR: path.join(tmp, "pglite"),
    SEED_ON_EMPTY: "true",
    LOG_LEVEL: "info",
    UPLOAD_DIR: path.join(tmp, "uploads"),
    // Requests come from 127.0.0.1 on a port known only once it listens: the Origin check accepts
    // the app's own host, so PUBLIC_URL only shapes the links in texts.
    PUBLIC_URL: "http://127.0.0.1",
    JOB_POLL_SECONDS: "0.5",
    ...fake.env(),
  });
  const [, url] = (await server.waitFor(/"msg":"ready".*?"url":"([^"]+)"/, 90_000)) as RegExpMatchArray;
  baseUrl = url!.replace("localhost", "127.0.0.1");
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.child.kill("SIGTERM");
    await server.exited;
  }
  await fake?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !/tile\.openstreetmap|ERR_|Failed to load resource/.test(m.text()))
      errors.push(m.text());
  });
  return errors;
}

async function login(page: Page, email: string) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "kinvisit-demo");
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.click('main form button[type="submit"]'),
  ]);
}

/** Texts must reach the fake Twilio whatever the hour: quiet hours off, through the settings page. */
async function quietHoursOff(page: Page) {
  await page.goto(`${baseUrl}/account/sms`);
  await page.uncheck('input[name="quietHours"]');
  await Promise.all([page.waitForURL(/\/account\/sms$/), page.click('main form button[type="submit"]')]);
}

describe.skipIf(!hasChromium)("chat in Chromium", () => {
  let familyContext: BrowserContext;
  let carerContext: BrowserContext;

  afterAll(async () => {
    await familyContext?.close();
    await carerContext?.close();
  });

  it("a family member and a carer on a phone chat live, then agree an offer that books the visit", async () => {
    familyContext = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    carerContext = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const family = await familyContext.newPage();
    const carer = await carerContext.newPage();
    const familyErrors = watchErrors(family);
    const carerErrors = watchErrors(carer);
    await login(family, "family.a@kinvisit.test");
    await login(carer, "carer.x@kinvisit.test");
    await quietHoursOff(family);
    await quietHoursOff(carer);

    // The carer's public profile: the family opens it and taps Message.
    await carer.goto(`${baseUrl}/carer/profile`);
    const profileHref = await carer.locator('a[href^="/carers/"]').first().getAttribute("href");
    await family.goto(`${baseUrl}${profileHref}`);
    await Promise.all([
      family.waitForURL(/\/chat\/[0-9a-f-]{36}$/),
      family.click('form.message-carer button[type="submit"]'),
    ]);
    const chatPath = new URL(family.url()).pathname;
    // The carer's FAQ came first.
    await family.getByText("Can you help with the phone?").first().waitFor();

    // The carer finds it in the inbox, with an unread badge in the navigation.
    await carer.goto(`${baseUrl}/chat`);
    await Promise.all([carer.waitForURL(new RegExp(`${chatPath}$`)), carer.click(`a[href="${chatPath}"]`)]);
    await carer.locator("#chat-body").waitFor();

    // Live, both ways, without a reload.
    await family.fill("#chat-body", "Hello! Could you visit my mother on Thursday morning?");
    await family.click("form.composer > button.button");
    await carer.getByText("Could you visit my mother on Thursday morning?").waitFor({ timeout: 15_000 });
    // The carer's page read it: the family sees the receipt, live.
    await family.locator(".message__seen").waitFor({ timeout: 15_000 });
    // A quick phrase is one tap.
    await carer.locator(".quick-phrases button").first().click();
    await family.getByText("On my way 我出发了").waitFor({ timeout: 15_000 });

    // The carer sends an offer from the phone.
    await carer.locator("#offer > summary").click();
    const date = dateIn("Asia/Shanghai", new Date(Date.now() + 3 * 86_400_000));
    await carer.fill('form#offer-form input[name="date"]', date);
    await carer.fill('form#offer-form input[name="start"]', "10:00");
    await carer.fill('form#offer-form input[name="end"]', "11:30");
    await carer.fill('form#offer-form textarea[name="tasks"]', "Tea and a chat\nShort walk");
    await carer.fill('form#offer-form input[name="price"]', "150");
    await carer.click('form#offer-form button[type="submit"]');
    await carer.locator(".offer-card").first().waitFor();

    // The family sees it arrive and accepts it: the booked visit opens.
    const accept = family.locator('.offer-card button[value="accept"]');
    await accept.waitFor({ timeout: 15_000 });
    await Promise.all([family.waitForURL(/\/visits\/[0-9a-f-]{36}$/), accept.click()]);
    await family.getByText("Booked").first().waitFor();
    expect(await family.textContent("main")).toContain("Tea and a chat");

    // The carer sees the booking live, follows it, and now sees the home's address.
    const viewVisit = carer.locator('.message--event a[href^="/visits/"]');
    await viewVisit.waitFor({ timeout: 15_000 });
    await Promise.all([carer.waitForURL(/\/visits\/[0-9a-f-]{36}$/), viewVisit.click()]);
    await carer.locator("#home-title").waitFor();
    expect(await carer.locator(".details").last().textContent()).not.toBe("");
    expect(await carer.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

    // Both got the "visit booked" text through the real twilio client.
    await expect
      .poll(
        () =>
          fake.messages
            .filter((m) => /booked|预约/.test(m.body))
            .map((m) => m.to)
            .sort(),
        { timeout: 20_000 },
      )
      .toEqual(expect.arrayContaining([phoneOf("family.a@kinvisit.test"), phoneOf("carer.x@kinvisit.test")]));
    expect(familyErrors).toEqual([]);
    expect(carerErrors).toEqual([]);
  });
});
