// Maps in a real Chromium (Debian's): a family places a parent's pin by clicking the map and finds
// carers (list and map markers); a carer on a 390 px phone sees nearby jobs. Tiles cannot load here
// (no network), which the pages must survive. Self-contained: its own server on a fresh PGlite folder.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnTsx, type Spawned } from "../support/spawn";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = fs.existsSync(CHROMIUM);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "kv-e2e-geo-"));
let server: Spawned;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  server = spawnTsx("server.ts", [], {
    NODE_ENV: "production",
    PORT: "0",
    HOST: "127.0.0.1",
    PGLITE_DIR: path.join(tmp, "pglite"),
    SEED_ON_EMPTY: "true",
    LOG_LEVEL: "info",
    UPLOAD_DIR: path.join(tmp, "uploads"),
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
  fs.rmSync(tmp, { recursive: true, force: true });
});

async function login(page: Page, email: string) {
  await page.goto(`${baseUrl}/login`);
  await page.fill('input[name="email"]', email);
  await page.fill('input[name="password"]', "kinvisit-demo");
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.click('main form button[type="submit"]'),
  ]);
}

function watchErrors(page: Page) {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    // Tile images fail without a network; anything else logged as an error is a bug.
    if (m.type() === "error" && !/tile\.openstreetmap|ERR_|Failed to load resource/.test(m.text()))
      errors.push(m.text());
  });
  return errors;
}

describe.skipIf(!hasChromium)("maps in Chromium", () => {
  it("lets a family place a parent's pin by clicking the map, then shows carers as a list and map markers", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page, "family.a@kinvisit.test");
    await page.goto(`${baseUrl}/family/parents/new`);
    await page.fill('input[name="name"]', "Test Mother 测试妈妈");
    await page.fill('input[name="address"]', "1 Test Road");
    const map = page.locator(".leaflet-container");
    await map.waitFor({ state: "visible" });
    expect(await page.inputValue('input[name="lat"]')).toBe("");
    const box = (await map.boundingBox())!;
    await map.click({ position: { x: box.width / 2, y: box.height / 2 } });
    await expect.poll(() => page.inputValue('input[name="lat"]')).not.toBe("");
    const lat = Number(await page.inputValue('input[name="lat"]'));
    const lng = Number(await page.inputValue('input[name="lng"]'));
    // The map opens on Hangzhou: the centre click lands near 30.27, 120.16.
    expect(Math.abs(lat - 30.2741)).toBeLessThan(0.05);
    expect(Math.abs(lng - 120.1551)).toBeLessThan(0.05);
    await expect.poll(() => page.locator(".leaflet-marker-icon.map-pin").count()).toBe(1);
    await Promise.all([
      page.waitForURL(/\/family\/parents\/[0-9a-f-]{36}$/),
      page.click('form#parent button[type="submit"]'),
    ]);
    const parentUrl = page.url();
    await page.goto(`${parentUrl}/carers?sort=distance`);
    const results = page.locator("ol.result-list > li");
    expect(await results.count()).toBeGreaterThan(0);
    await page.locator(".leaflet-container").waitFor({ state: "visible" });
    await expect.poll(() => page.locator(".leaflet-marker-icon").count()).toBeGreaterThan(1); // home + carers or clusters
    expect(errors).toEqual([]);
    await context.close();
  });

  it("shows a carer nearby jobs on a 390 px phone, list and map, without sideways scrolling", async () => {
    const context = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
      deviceScaleFactor: 2,
    });
    const page = await context.newPage();
    const errors = watchErrors(page);
    await login(page, "carer.x@kinvisit.test");
    await page.goto(`${baseUrl}/carer/jobs`);
    const jobs = page.locator("ul.result-list > li");
    expect(await jobs.count()).toBeGreaterThan(0);
    await page.locator(".leaflet-container").waitFor({ state: "visible" });
    await expect.poll(() => page.locator(".leaflet-marker-icon").count()).toBeGreaterThan(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    // The carer's base is a picture with a name, not a button that ignores the keyboard; a job's pin
    // opens its job on Enter, as a tap does (an accessibility probe).
    const base = page.locator(".leaflet-marker-icon.map-pin--home");
    expect(await base.getAttribute("role")).toBe("img");
    expect(await base.getAttribute("tabindex")).toBeNull();
    const pin = page.locator(".leaflet-marker-icon.map-pin:not(.map-pin--home)").first();
    if ((await pin.count()) > 0) {
      expect(await pin.getAttribute("role")).toBe("button");
      await pin.focus();
      await Promise.all([page.waitForURL(/\/carer\/jobs\/[0-9a-f-]{36}$/), page.keyboard.press("Enter")]);
      await page.goBack();
      await page.locator(".leaflet-container").waitFor({ state: "visible" });
    }
    await jobs.first().locator("a").click();
    await page.waitForURL(/\/carer\/jobs\/[0-9a-f-]{36}$/);
    // carer.x reads Chinese: "大致区域" is "Approximate area". The URL can change a moment before
    // the new page renders, so wait for the page itself.
    await page.getByText("大致区域").first().waitFor();
    expect(await page.textContent("main")).toContain("大致区域");
    expect(errors).toEqual([]);
    await context.close();
  });

  it("draws the jobs map from the server first (without JavaScript too), with the markers Leaflet then shows on a phone", async () => {
    const phone = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
    const markers = async (page: Page, scope: string) =>
      (
        await page
          .locator(`${scope} .map-cluster, ${scope} .map-pin:not(.map-pin--home)`)
          .evaluateAll((els) => els.map((e) => (e.classList.contains("map-cluster") ? Number(e.textContent) : 1)))
      ).sort();

    // Without JavaScript: the server's picture, the home and its area, a marker per job or cluster.
    const plain = await browser.newContext({ ...phone, javaScriptEnabled: false });
    const page = await plain.newPage();
    await login(page, "carer.x@kinvisit.test");
    await page.goto(`${baseUrl}/carer/jobs`);
    const jobs = await page.locator("ul.result-list > li").count();
    expect(jobs).toBeGreaterThan(0);
    const preview = page.locator(".map .map-preview");
    expect(await preview.isVisible()).toBe(true);
    expect(await preview.locator(".map-pin--home").count()).toBe(1);
    expect(await preview.locator(".map-preview__area").count()).toBe(1);
    expect(await preview.locator("img").count()).toBeGreaterThan(0);
    const drawn = await markers(page, ".map-preview");
    expect(drawn.reduce((s, n) => s + n, 0)).toBe(jobs);
    // The home pin sits inside the visible map.
    const box = (await page.locator(".map").boundingBox())!;
    const home = (await preview.locator(".map-pin--home").boundingBox())!;
    expect(home.x >= box.x && home.x + home.width <= box.x + box.width).toBe(true);
    expect(home.y >= box.y && home.y + home.height <= box.y + box.height).toBe(true);
    await plain.close();

    // With JavaScript, Leaflet replaces it; on a phone it fits the same zoom, so the same clusters.
    const context = await browser.newContext(phone);
    const live = await context.newPage();
    const errors = watchErrors(live);
    await login(live, "carer.x@kinvisit.test");
    await live.goto(`${baseUrl}/carer/jobs`);
    await live.locator(".leaflet-container").waitFor({ state: "visible" });
    await expect.poll(() => markers(live, ".leaflet-marker-pane")).toEqual(drawn);
    expect(await live.locator(".map-preview").count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
