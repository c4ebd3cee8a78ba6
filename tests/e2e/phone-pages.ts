// The main pages of each role on a phone, found on a running server seeded with the demo city: the
// phone-layout spec checks them and `npm run screenshots` photographs them. Logs in with the login
// form, sets each account's language through the header's switch, and books one visit the way people
// do (message → offer → accept) so the chat and visit pages have something to show.
import { type APIRequestContext, type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { CHROMIUM_PATH } from "./setup/global";

export const PHONE = { width: 390, height: 844 } as const;
export const DEMO_PASSWORD = "kinvisit-demo";
export const FAMILY = "family.a@kinvisit.test";
export const CARER = "carer.x@kinvisit.test";
/** What the seed gives each account, restored after a run switched it. */
export const SEEDED_LOCALE = { [FAMILY]: "en", [CARER]: "zh-CN" } as const;
export type Locale = "en" | "zh-CN";
export type Role = "visitor" | "family" | "carer";

export interface PhonePage {
  /** File-name friendly and unique: "family-search". */
  name: string;
  role: Role;
  path: string;
}

const UUID = "[0-9a-f-]{36}";

/** A plain grey tile (Leaflet stretches it to 256 px): the test machine has no internet, and screenshots
 *  should not show broken images. */
const TILE_PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAADElEQVR4nGN48f4lAAWDAsGQRaiyAAAAAElFTkSuQmCC",
  "base64",
);

/** Debian's Chromium, headless (the same flags as support.ts, without vitest's hooks). */
export function launchPhoneChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"],
  });
}

/** Answers map tile requests locally. */
export async function routeTiles(context: BrowserContext): Promise<void> {
  await context.route(/tile\.openstreetmap\.org|\/\d+\/\d+\/\d+\.png$/, (route) =>
    route.fulfill({ status: 200, contentType: "image/png", body: TILE_PNG }),
  );
}

/**
 * A phone-sized context whose map tiles are answered locally. `bypassCSP` only so that a test can
 * inject axe-core into the page; the app's own scripts run under its CSP as always otherwise.
 */
export async function phoneContext(
  browser: Browser,
  baseURL: string,
  locale: Locale,
  { bypassCSP = false } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({
    baseURL,
    locale,
    viewport: PHONE,
    deviceScaleFactor: 1,
    isMobile: true,
    hasTouch: true,
    bypassCSP,
  });
  await routeTiles(context);
  return context;
}

/** Waits until React has hydrated the document (see support.ts). */
export async function hydrated(page: Page): Promise<void> {
  await page.waitForFunction(() => Object.keys(document.documentElement).some((k) => k.startsWith("__reactProps$")));
}

export async function logInAs(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await hydrated(page);
  await page.fill("#login-email", email);
  await page.fill("#login-password", DEMO_PASSWORD);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith("/login")),
    page.locator('form#login button[type="submit"]').click(),
  ]);
}

/** Saves `locale` as the page's account language (or the visitor's cookie), as the header's switch does. */
export async function setLanguage(page: Page, baseURL: string, locale: Locale): Promise<void> {
  const answer = await page.context().request.post("/language", {
    form: { lng: locale, redirectTo: "/" },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  if (answer.status() !== 302) throw new Error(`switching to ${locale} answered ${answer.status()}`);
}

async function firstLink(page: Page, path: string, pattern: string): Promise<string> {
  await page.goto(path);
  const hrefs = await page.locator("a[href]").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  const found = hrefs.find((h) => new RegExp(`^${pattern}$`).test(h));
  if (!found) throw new Error(`no link matching ${pattern} on ${path}`);
  return found;
}

/** Day after tomorrow in Shanghai (YYYY-MM-DD): far enough for an offer's notice, same for both parties. */
function dayAfterTomorrowInShanghai(): string {
  const at = new Date(Date.now() + 2 * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(at);
}

/**
 * The service a carer's offer is for: the one the conversation was opened about, which its offer form
 * starts with (the server refuses an offer for a service the carer does not list). Read from the
 * conversation's page.
 */
export async function offerService(page: Page): Promise<string> {
  return page.locator('form#offer-form select[name="service"]').inputValue();
}

export interface OfferedSlot {
  date: string;
  start: string;
  end: string;
  tasks?: string;
  price?: string;
  expiresInHours?: string;
}

/**
 * The carer offers a one-off visit in an open chat over HTTP and the family accepts the newest offer
 * from the chat page: the visit's path, or null and what the server answered instead. Booked over
 * HTTP, not by tapping: the journeys that call this are about what follows the booking. Overlaps with
 * the carer's other visits are confirmed, so repeated runs against one database still book.
 */
export async function offerAndAccept(
  family: Page,
  carer: APIRequestContext,
  chat: string,
  baseURL: string,
  slot: OfferedSlot,
): Promise<{ visit: string | null; answer: string }> {
  const chatURL = new URL(chat, baseURL).href;
  if (family.url() !== chatURL) await family.goto(chatURL);
  const offered = await carer.post(chatURL, {
    form: {
      intent: "offer",
      service: await offerService(family),
      schedule: "once",
      date: slot.date,
      start: slot.start,
      end: slot.end,
      tasks: slot.tasks ?? "Tea and a chat",
      price: slot.price ?? "150",
      cancellation: "moderate",
      expiresInHours: slot.expiresInHours ?? "24",
      overlapConfirmed: "on",
    },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  if (offered.status() !== 302) return { visit: null, answer: `offer ${offered.status()}: ${await offered.text()}` };
  await family.goto(chatURL);
  const offerId = await family
    .locator('.offer-card form:has(button[value="accept"]) input[name="offerId"]')
    .last()
    .getAttribute("value");
  const accepted = await family.context().request.post(chatURL, {
    form: { intent: "accept", offerId: offerId ?? "", overlapConfirmed: "on" },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  const visit = accepted.headers().location ?? "";
  if (accepted.status() === 302 && new RegExp(`^/visits/${UUID}$`).test(visit)) return { visit, answer: "" };
  return { visit: null, answer: `accept ${accepted.status()}: ${visit || (await accepted.text())}` };
}

/**
 * The family messages the carer, the carer offers a visit, the family accepts: the chat and visit
 * paths. Times are spread so repeated runs against one database do not collide.
 */
export async function bookVisit(
  family: Page,
  carer: Page,
  baseURL: string,
): Promise<{ chat: string; visit: string; carerProfile: string }> {
  const carerProfile = await firstLink(carer, "/carer/profile", `/carers/${UUID}`);
  await family.goto(carerProfile);
  await Promise.all([
    family.waitForURL(new RegExp(`/chat/${UUID}$`)),
    family.locator('form.message-carer button[type="submit"]').click(),
  ]);
  const chat = new URL(family.url()).pathname;
  const date = dayAfterTomorrowInShanghai();
  for (let attempt = 0; attempt < 5; attempt++) {
    const startMinute = 8 * 60 + Math.floor(Math.random() * 120) * 5; // 08:00–17:55
    const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
    const { visit } = await offerAndAccept(family, carer.context().request, chat, baseURL, {
      date,
      start: clock(startMinute),
      end: clock(startMinute + 60),
      tasks: "Tea and a chat\nShort walk",
    });
    if (visit) return { chat, visit, carerProfile };
  }
  throw new Error("could not book a visit between the demo family and carer");
}

export const PAGE_NAMES = [
  "home",
  "login",
  "signup",
  "family-dashboard",
  "family-parent",
  "family-search",
  "family-carer-profile",
  "family-request-form",
  "family-parent-form",
  "family-chat-inbox",
  "family-chat",
  "family-visit",
  "family-account",
  "family-account-phone",
  "carer-dashboard",
  "carer-profile-form",
  "carer-jobs",
  "carer-job",
  "carer-visits",
  "carer-chat",
  "carer-visit",
  "carer-account",
] as const;

/** The pages each role sees most, in the order a newcomer meets them. */
export async function discoverPages(
  family: Page,
  carer: Page,
  booked: { chat: string; visit: string; carerProfile: string },
) {
  const parent = await firstLink(family, "/family", `/family/parents/${UUID}`);
  const job = await firstLink(carer, "/carer/jobs", `/carer/jobs/${UUID}`);
  const pages: (PhonePage & { name: (typeof PAGE_NAMES)[number] })[] = [
    { name: "home", role: "visitor", path: "/" },
    { name: "login", role: "visitor", path: "/login" },
    { name: "signup", role: "visitor", path: "/signup" },
    { name: "family-dashboard", role: "family", path: "/family" },
    { name: "family-parent", role: "family", path: parent },
    { name: "family-search", role: "family", path: `${parent}/carers` },
    { name: "family-carer-profile", role: "family", path: booked.carerProfile },
    { name: "family-request-form", role: "family", path: `${parent}/requests/new` },
    { name: "family-parent-form", role: "family", path: `${parent}/edit` },
    { name: "family-chat-inbox", role: "family", path: "/chat" },
    { name: "family-chat", role: "family", path: booked.chat },
    { name: "family-visit", role: "family", path: booked.visit },
    { name: "family-account", role: "family", path: "/account" },
    { name: "family-account-phone", role: "family", path: "/account/phone" },
    { name: "carer-dashboard", role: "carer", path: "/carer" },
    { name: "carer-profile-form", role: "carer", path: "/carer/profile" },
    { name: "carer-jobs", role: "carer", path: "/carer/jobs" },
    { name: "carer-job", role: "carer", path: job },
    { name: "carer-visits", role: "carer", path: "/carer/visits" },
    { name: "carer-chat", role: "carer", path: booked.chat },
    { name: "carer-visit", role: "carer", path: booked.visit },
    { name: "carer-account", role: "carer", path: "/account" },
  ];
  return pages;
}

/**
 * Opens a page and waits until it has settled: hydrated, its map (if any) drawn with tiles, fonts
 * ready. Not "network idle": chat and visit pages hold an event stream open for good.
 */
export async function openQuietly(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await hydrated(page);
  if ((await page.locator(".map").count()) > 0) {
    await page.locator(".leaflet-container").first().waitFor();
    await page.locator(".leaflet-tile-loaded").first().waitFor();
  }
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
