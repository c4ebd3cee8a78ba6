// Refused input on /signup: errors next to the fields, in the page's language, with and without
// JavaScript (the server must render them itself), and nothing is created.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  expectLang,
  expectText,
  fieldErrorsOf,
  fillSignup,
  logIn,
  pathOf,
  sessionCookie,
  submitLogin,
  textsOf,
  uniqueEmail,
  browserSession,
  waitForHydration,
} from "./support";

const session = browserSession();

const messages = {
  en: {
    email: "Enter a valid email address.",
    passwordShort: "Use at least 10 characters.",
    submit: "Create account",
    loginSubmit: "Log in",
    loginInvalid: "That email and password do not match an account.",
    welcome: (name: string) => `Welcome, ${name}`,
  },
  "zh-CN": {
    email: "请输入有效的邮箱地址。",
    passwordShort: "至少使用 10 个字符。",
    submit: "创建账户",
    loginSubmit: "登录",
    loginInvalid: "邮箱或密码不正确。",
    welcome: (name: string) => `欢迎，${name}`,
  },
} as const;

type Locale = keyof typeof messages;

const modes = [
  { js: true, locale: "en" },
  { js: false, locale: "en" },
  { js: true, locale: "zh-CN" },
  { js: false, locale: "zh-CN" },
] as const satisfies ReadonlyArray<{ js: boolean; locale: Locale }>;

const label = (js: boolean, locale: Locale) => `${js ? "with" : "without"} JavaScript, ${locale} browser`;

async function openSignup(page: Page, js: boolean) {
  await page.goto("/signup?role=family");
  if (js) await waitForHydration(page);
}

async function expectFieldError(page: Page, inputId: string, message: string) {
  const errors = fieldErrorsOf(page, inputId);
  await errors.first().waitFor();
  expect(await textsOf(errors), `errors next to #${inputId}`).toEqual([message]);
  const input = page.locator(`#${inputId}`);
  expect(await input.getAttribute("aria-invalid"), `#${inputId} aria-invalid`).toBe("true");
  expect(await input.getAttribute("aria-describedby"), `#${inputId} aria-describedby`).toContain(`${inputId}-error`);
  expect(await page.locator(`#${inputId}-error`).count(), `#${inputId}-error exists`).toBe(1);
}

async function expectNoFieldError(page: Page, inputId: string) {
  expect(await fieldErrorsOf(page, inputId).count(), `errors next to #${inputId}`).toBe(0);
  expect(await page.locator(`#${inputId}`).getAttribute("aria-invalid"), `#${inputId} aria-invalid`).toBeNull();
}

/**
 * Holds back the page's scripts whose text matches `pick` until release() is called: a slow network
 * for exactly those, from the first request on.
 */
async function holdScripts(page: Page, pick: (url: string, body: string) => boolean) {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route(/\/assets\/.*\.js$/, async (route) => {
    const response = await route.fetch();
    if (pick(route.request().url(), await response.text())) await released;
    await route.fulfill({ response });
  });
  return release;
}

describe("a form checked before all of the page's scripts have arrived", () => {
  it("checks a field left before its rules loaded as soon as they arrive, with no second touch", async () => {
    const page = await session.newPage({ locale: "en" });
    // conform's zod adapter, bundled with the app's coercion (app/validation/form-coercion.ts): the
    // browser's checks cannot run without it (deferred-validation.ts).
    const release = await holdScripts(page, (_url, body) => /export\{[^}]*\bas parseFormWithZod\b/.test(body));
    await openSignup(page, true);
    await page.fill("#signup-email", "not-an-email");
    await page.locator("#signup-email").blur();
    // Not checked yet: without its rules the browser lets the field be (the server would still refuse it).
    expect(await fieldErrorsOf(page, "signup-email").count()).toBe(0);
    release();
    await expectFieldError(page, "signup-email", messages.en.email);
    await expectNoFieldError(page, "signup-name");
    await expectNoFieldError(page, "signup-password");
  });

  for (const locale of ["en", "zh-CN"] as const) {
    it(`waits for the rest of the page's language to show a message in it, never its key (${locale})`, async () => {
      const page = await session.newPage({ locale });
      // The language's full catalogue (one chunk per language, loaded after hydration): the page
      // carried only the texts it showed, not the form's messages.
      const release = await holdScripts(page, (url) => new RegExp(`/assets/${locale}-[\\w-]+\\.js$`).test(url));
      await openSignup(page, true);
      await page.fill("#signup-email", "not-an-email");
      await page.locator("#signup-email").blur();
      expect(await fieldErrorsOf(page, "signup-email").count()).toBe(0);
      release();
      await expectFieldError(page, "signup-email", messages[locale].email);
    });
  }
});

describe("refused sign-up input", () => {
  for (const { js, locale } of modes) {
    it(`a bad email and a short password are refused next to the fields (${label(js, locale)})`, async () => {
      const t = messages[locale];
      const page = await session.newPage({ javaScriptEnabled: js, locale });
      if (!js) session.allowRefusedForm("/signup");
      await openSignup(page, js);
      await expectLang(page, locale);

      if (js) {
        // conform validates on blur: the email error appears as soon as the field is left.
        await page.fill("#signup-email", "not-an-email");
        await page.locator("#signup-email").blur();
        await expectFieldError(page, "signup-email", t.email);
      }

      await fillSignup(page, {
        name: "Bad Input",
        email: "not-an-email",
        password: "short",
        phone: "+86 138 0013 8000",
      });
      await page.getByRole("button", { name: t.submit }).click();

      await expectFieldError(page, "signup-email", t.email);
      await expectFieldError(page, "signup-password", t.passwordShort);
      await expectNoFieldError(page, "signup-name");
      await expectNoFieldError(page, "signup-phone");
      expect(new URL(page.url()).pathname).toBe("/signup");
      expect(await sessionCookie(page)).toBeUndefined();
      // What was typed is kept (except the password, which the server never echoes back).
      expect(await page.inputValue("#signup-email")).toBe("not-an-email");
      expect(await page.inputValue("#signup-name")).toBe("Bad Input");

      // Nothing was created: that email cannot log in.
      if (!js) session.allowRefusedForm("/login");
      await submitLogin(page, "not-an-email", "short", { javaScript: js });
      await expectFieldError(page, "login-email", t.email);
      expect(new URL(page.url()).pathname).toBe("/login");
      expect(await sessionCookie(page)).toBeUndefined();
    });
  }

  for (const js of [true, false]) {
    it(`a valid email with a short password creates no account (${label(js, "en")})`, async () => {
      const t = messages.en;
      const email = uniqueEmail("e2e.short");
      const page = await session.newPage({ javaScriptEnabled: js });
      // With JavaScript the browser refuses it, unless the submit comes before the form's checks have
      // loaded (a busy machine): then the server does, with the same message. Either is right here.
      session.allowRefusedForm("/signup");
      await openSignup(page, js);
      await fillSignup(page, { name: "Short Password", email, password: "123456789", phone: "+86 138 0013 8000" });
      await page.getByRole("button", { name: t.submit }).click();
      await expectFieldError(page, "signup-password", t.passwordShort);
      await expectNoFieldError(page, "signup-email");
      expect(pathOf(page)).toBe("/signup?role=family");

      // The login refuses that email: no account exists.
      session.allowRefusedForm("/login");
      await submitLogin(page, email, "123456789", { javaScript: js });
      const alert = page.locator("form#login [role=alert]");
      await alert.waitFor();
      await expectText(alert, t.loginInvalid);
      expect(await sessionCookie(page)).toBeUndefined();

      // And the address is still free: a proper sign-up with it succeeds.
      await openSignup(page, js);
      await fillSignup(page, {
        name: "Short Password",
        email,
        password: "now long enough",
        phone: "+86 138 0013 8000",
      });
      await page.getByRole("button", { name: t.submit }).click();
      // Signing up does not log in (ADR 015): the new owner logs in with the password.
      await page.waitForURL((url) => url.pathname === "/login");
      await logIn(page, email, "now long enough", "/family", { javaScript: js });
      await expectText(page.locator("h1#dashboard-title"), t.welcome("Short Password"));
    });
  }
});
