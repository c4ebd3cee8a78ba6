// A spec's own production server, for specs that need texts: a fresh PGlite folder seeded with the
// demo city, the real twilio client pointed at a local fake Twilio, and one headless Chromium. Also
// the small page helpers those specs share.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { FakeTwilio } from "../fakes/twilio-server";
import { spawnTsx } from "../support/spawn";

export const CHROMIUM = "/usr/bin/chromium";
export const hasChromium = fs.existsSync(CHROMIUM);

export interface PrivateServer {
  baseUrl: string;
  fake: FakeTwilio;
  browser: Browser;
  stop(): Promise<void>;
}

export async function startPrivateServer(name: string): Promise<PrivateServer> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), `kv-e2e-${name}-`));
  const fake = new FakeTwilio();
  await fake.start();
  const server = spawnTsx("server.ts", [], {
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
  const browser = await chromium.launch({
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
  return {
    baseUrl: url!.replace("localhost", "127.0.0.1"),
    fake,
    browser,
    stop: async () => {
      await browser.close();
      server.child.kill("SIGTERM");
      await server.exited;
      await fake.stop();
      fs.rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** The page's errors, apart from map tiles, which come from the internet the test machine does not reach. */
export function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" && !/tile\.openstreetmap|ERR_|Failed to load resource/.test(m.text()))
      errors.push(m.text());
  });
  return errors;
}

/** Logs a demo account in through the form and waits to leave /login. */
export async function loginAs(page: Page, baseUrl: string, email: string) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "kinvisit-demo");
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.click('main form button[type="submit"]'),
  ]);
}

/**
 * The family opens the carer's public profile (found from the carer's own profile page) and taps
 * Message; returns the conversation's path.
 */
export async function messageCarer(family: Page, carer: Page, baseUrl: string): Promise<string> {
  await carer.goto(`${baseUrl}/carer/profile`);
  const profileHref = await carer.locator('a[href^="/carers/"]').first().getAttribute("href");
  await family.goto(`${baseUrl}${profileHref}`);
  await Promise.all([
    family.waitForURL(/\/chat\/[0-9a-f-]{36}$/),
    family.click('form.message-carer button[type="submit"]'),
  ]);
  return new URL(family.url()).pathname;
}

/** Texts must reach the fake Twilio whatever the hour: quiet hours off, through the settings page. */
export async function quietHoursOff(page: Page, baseUrl: string) {
  await page.goto(`${baseUrl}/account/sms`);
  await page.uncheck('input[name="quietHours"]');
  await Promise.all([page.waitForURL(/\/account\/sms$/), page.click('main form button[type="submit"]')]);
}

/** Hydrated: React's handlers are attached, so the page's scripts run and any mismatch has been reported. */
export async function hydrated(page: Page) {
  await page.waitForFunction(() => Object.keys(document.documentElement).some((k) => k.startsWith("__reactProps$")));
}
