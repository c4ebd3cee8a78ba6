// Helpers for the Chromium specs: one browser per spec file, a fresh context per test, and a guard that
// fails any test whose pages logged a console error or threw an uncaught error.
import fs from "node:fs";
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Locator,
  type Page,
} from "playwright-core";
import { afterAll, afterEach, beforeAll, expect, inject } from "vitest";
import { CHROMIUM_PATH } from "./setup/global";

export const DEMO_PASSWORD = "kinvisit-demo";
export const demo = {
  admin: "admin@kinvisit.test",
  familyA: "family.a@kinvisit.test", // "Li Wei 李伟", locale en
  familyB: "family.b@kinvisit.test", // "陈静 Chen Jing", locale zh-CN
  carerX: "carer.x@kinvisit.test", // "王芳 Wang Fang", locale zh-CN
  carerY: "carer.y@kinvisit.test", // "Zhang Min 张敏", locale en
} as const;

export const SESSION_COOKIE = "__Host-kv_session";

const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

export function baseUrl(): string {
  const url = inject("baseUrl");
  if (!url) throw new Error("baseUrl was not provided: is tests/e2e/setup/global.ts listed in vitest.e2e.config.ts?");
  return url;
}

export async function launchChromium(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) {
    throw new Error(`Chromium is missing at ${CHROMIUM_PATH}; install Debian's chromium package to run the e2e suite.`);
  }
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** A unique address per run and call, so reruns against any database never collide. */
export function uniqueEmail(prefix: string): string {
  return `${prefix}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 8)}@example.test`;
}

interface PageProblem {
  kind: "console.error" | "pageerror";
  text: string;
  /** The URL the message is about (console location), or the page's URL for uncaught errors. */
  url: string;
  where: string;
}

export interface AllowedProblem {
  text: RegExp;
  url: RegExp;
  reason: string;
}

export interface BrowserSession {
  readonly browser: Browser;
  /** A page in a fresh context (own cookies), pointed at the e2e server, English browser unless told. */
  newPage(options?: BrowserContextOptions): Promise<Page>;
  /**
   * Lets the current test tolerate console errors whose text matches `text` and whose source URL
   * matches `url`. Every use must say why; the allowance ends with the test. Uncaught page errors are
   * never tolerated.
   */
  allowConsoleError(allowance: AllowedProblem): void;
  /**
   * Tolerates, for the current test only, Chromium's "Failed to load resource: ... 400 (Bad Request)"
   * for a POST to `path` (the document, or Remix's `path.data` fetch).
   */
  allowRefusedForm(path: string): void;
}

/** Registers beforeAll/afterAll (one Chromium per file) and afterEach (close contexts, check for errors). */
export function browserSession(): BrowserSession {
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let problems: PageProblem[] = [];
  let allowed: AllowedProblem[] = [];

  beforeAll(async () => {
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
  });

  afterEach(async () => {
    const open = contexts;
    const seen = problems;
    const allowances = allowed;
    contexts = [];
    problems = [];
    allowed = [];
    await Promise.all(open.map((c) => c.close()));
    const unexpected = seen.filter(
      (p) => !(p.kind === "console.error" && allowances.some((a) => a.text.test(p.text) && a.url.test(p.url))),
    );
    expect(
      unexpected.map((p) => `${p.kind}: ${p.text} (${p.where})`),
      "the pages logged console errors or threw uncaught errors",
    ).toEqual([]);
  });

  const watch = (page: Page) => {
    page.on("console", (msg) => {
      if (msg.type() !== "error") return;
      const { url, lineNumber } = msg.location();
      problems.push({ kind: "console.error", text: msg.text(), url, where: `${url}:${lineNumber} on ${page.url()}` });
    });
    page.on("pageerror", (error) => {
      problems.push({ kind: "pageerror", text: error.stack ?? error.message, url: page.url(), where: page.url() });
    });
  };

  return {
    get browser() {
      if (!browser) throw new Error("the browser is only available inside tests");
      return browser;
    },
    async newPage(options = {}) {
      if (!browser) throw new Error("newPage() is only available inside tests");
      const context = await browser.newContext({ baseURL: baseUrl(), locale: "en-US", ...options });
      contexts.push(context);
      context.setDefaultTimeout(15_000);
      context.setDefaultNavigationTimeout(20_000);
      // Every page of the context, including popups, is watched from its first moment.
      context.on("page", watch);
      return context.newPage();
    },
    allowConsoleError(allowance) {
      if (!allowance.reason.trim()) throw new Error("allowConsoleError needs a reason");
      allowed.push(allowance);
    },
    allowRefusedForm(path) {
      // Why this one is tolerated: the app answers a refused form (invalid input, wrong password) with
      // HTTP 400 on purpose: the status is part of its contract (tests/integration/auth-http.test.ts),
      // and it is what Remix's data()/conform reply pattern is for. Chromium reports every 4xx response
      // as a console error, with or without JavaScript, so without this a correct refusal would fail
      // the test. It is narrow: this exact message, a 400, from this form's URL, in this test only.
      allowed.push({
        text: /^Failed to load resource: the server responded with a status of 400 \(Bad Request\)$/,
        url: new RegExp(`^${escapeRegExp(baseUrl() + path)}(\\.data)?(\\?.*)?$`),
        reason: `a refused ${path} form is answered with HTTP 400 by design`,
      });
    },
  };
}

/**
 * Waits until React has hydrated the document, so client-side behaviour (conform's validation, Remix's
 * fetch navigations) is live. hydrateRoot(document) marks <html> last, just before the commit; the
 * extra frames let the passive effects (conform's listeners) run.
 */
export async function waitForHydration(page: Page): Promise<void> {
  await page.waitForFunction(
    () => Object.keys(document.documentElement).some((key) => key.startsWith("__reactProps$")),
    undefined,
    { timeout: 15_000 },
  );
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)))),
  );
}

/** The field errors rendered right after an input (`<input id> + ul.field-errors`), as trimmed lines. */
export function fieldErrorsOf(page: Page, inputId: string): Locator {
  return page.locator(`#${inputId} + ul.field-errors > li`);
}

export async function textsOf(locator: Locator): Promise<string[]> {
  return (await locator.allTextContents()).map((t) => t.trim());
}

export async function sessionCookie(page: Page) {
  const cookies = await page.context().cookies();
  return cookies.find((c) => c.name === SESSION_COOKIE);
}

export interface SignupDetails {
  role: "family" | "carer";
  name: string;
  email: string;
  password: string;
  phone: string;
  locale: "en" | "zh-CN";
}

/** Fills #signup (the page must already be on /signup). Does not submit. */
export async function fillSignup(page: Page, details: Partial<SignupDetails>): Promise<void> {
  const form = page.locator("form#signup");
  if (details.role) await form.locator(`input[name="role"][value="${details.role}"]`).check();
  if (details.name !== undefined) await page.fill("#signup-name", details.name);
  if (details.email !== undefined) await page.fill("#signup-email", details.email);
  if (details.password !== undefined) await page.fill("#signup-password", details.password);
  if (details.phone !== undefined) await page.fill("#signup-phone", details.phone);
  if (details.locale) await page.selectOption("#signup-locale", details.locale);
}

export interface LoginOptions {
  /** Set when the page's context runs without JavaScript (no hydration to wait for). */
  javaScript?: boolean;
}

/** Opens /login and submits the form. Leaves the page wherever the server sends it. */
export async function submitLogin(
  page: Page,
  email: string,
  password: string,
  { javaScript = true }: LoginOptions = {},
) {
  await page.goto("/login");
  if (javaScript) await waitForHydration(page);
  await page.fill("#login-email", email);
  await page.fill("#login-password", password);
  // The submit button by type: its label depends on the page's language ("Log in" / "登录").
  await page.locator('form#login button[type="submit"]').click();
}

/** Logs in and waits for the dashboard the server redirects to. */
export async function logIn(page: Page, email: string, password: string, dashboard: string, options?: LoginOptions) {
  await submitLogin(page, email, password, options);
  await page.waitForURL((url) => url.pathname === dashboard);
}

/** Path plus search of the page's current URL. */
export function pathOf(page: Page): string {
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/**
 * Polls until the locator's text is `expected`. After a client-side (Remix) navigation the URL can
 * change a frame before React renders the new data, and i18next switches language in an effect after
 * that, so rendered text is checked by polling rather than read once.
 */
export async function expectText(locator: Locator, expected: string): Promise<void> {
  await expect.poll(async () => (await locator.textContent())?.trim(), { timeout: 5_000 }).toBe(expected);
}

/** Polls until <html lang> is `expected` (see expectText). */
export async function expectLang(page: Page, expected: string): Promise<void> {
  await expect.poll(() => page.locator("html").getAttribute("lang"), { timeout: 5_000 }).toBe(expected);
}

/**
 * Adds a parent to the logged-in family by posting the new-parent form (its key read from the page),
 * and returns the parent's path. The page's map asks for tiles: the caller allows their errors.
 */
export async function postNewParent(page: Page, fields: Record<string, string> = {}): Promise<string> {
  await page.goto("/family/parents/new");
  await waitForHydration(page);
  const made = await page.request.post("/family/parents/new", {
    headers: { Origin: new URL(page.url()).origin },
    form: {
      submissionKey: await page.locator('input[name="submissionKey"]').inputValue(),
      name: "Zhou Lan",
      address: "12 Lane 3, Hangzhou",
      lat: "30.2467",
      lng: "120.1485",
      timeZone: "Asia/Shanghai",
      languages: "mandarin",
      ...fields,
    },
    maxRedirects: 0,
  });
  expect(made.status()).toBe(302);
  const parent = made.headers().location!;
  expect(parent).toMatch(/^\/family\/parents\/[0-9a-f-]{36}$/);
  return parent;
}

/** Lets the current test's pages fail to load map tiles: they come from the internet, which the test machine does not reach. */
export function allowMapTiles(session: BrowserSession): void {
  session.allowConsoleError({
    text: /^Failed to load resource: net::ERR_/,
    url: /^https:\/\/tile\.openstreetmap\.org\//,
    reason: "the map tiles come from the internet, which the test machine does not reach",
  });
}
