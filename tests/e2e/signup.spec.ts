// Signing up from the home page's calls to action, as a family member and as a carer.
import { describe, expect, it } from "vitest";
import {
  expectLang,
  expectText,
  fillSignup,
  logIn,
  pathOf,
  sessionCookie,
  uniqueEmail,
  browserSession,
  waitForHydration,
} from "./support";

const session = browserSession();

describe("sign up", () => {
  it("a new family member signs up from the home page, logs in, and lands on the family dashboard", async () => {
    // Abroad with a number from home: the account takes the browser's zone, not the number's.
    const page = await session.newPage({ timezoneId: "Europe/London" });
    await page.goto("/");
    await waitForHydration(page);
    await page.getByRole("link", { name: "Find a carer for a parent" }).click();
    await page.waitForURL((url) => url.pathname === "/signup");
    expect(pathOf(page)).toBe("/signup?role=family");
    expect(await page.locator('form#signup input[name="role"][value="family"]').isChecked()).toBe(true);

    const name = "Mei Lin 林梅";
    const email = uniqueEmail("e2e.family");
    await fillSignup(page, {
      name,
      email,
      password: "a long enough password",
      phone: "+86 138 0013 8000",
      locale: "en",
    });
    await page.getByRole("button", { name: "Create account" }).click();

    // Signing up does not log in (a taken email must get the same answer, ADR 015): the login page
    // says so, and the new owner logs in.
    await page.waitForURL((url) => url.pathname === "/login");
    await page.getByText("If this email is new, your account is ready").waitFor();
    // The form starts with the email just signed up with; the address bar does not carry it.
    expect(await page.inputValue('form#login input[name="email"]')).toBe(email);
    expect(page.url()).not.toContain(encodeURIComponent(email));
    await logIn(page, email, "a long enough password", "/family");
    await expectText(page.locator("h1#dashboard-title"), `Welcome, ${name}`);
    await expectLang(page, "en");
    // Logged in: the header offers "Log out", and the session cookie is the hardened one.
    await page.getByRole("button", { name: "Log out" }).waitFor();
    const cookie = await sessionCookie(page);
    expect(cookie, "the session cookie __Host-kv_session should be set").toBeDefined();
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
    await page.goto("/account");
    expect(await page.locator("#account-timeZone-timeZone").inputValue()).toBe("Europe/London");
  });

  it("a new carer signs up in Chinese, logs in, and lands on the carer dashboard in Chinese", async () => {
    const page = await session.newPage();
    await page.goto("/");
    await waitForHydration(page);
    await page.getByRole("link", { name: "Become a carer" }).click();
    await page.waitForURL((url) => url.pathname === "/signup");
    expect(pathOf(page)).toBe("/signup?role=carer");
    expect(await page.locator('form#signup input[name="role"][value="carer"]').isChecked()).toBe(true);

    const name = "周敏 Zhou Min";
    const email = uniqueEmail("e2e.carer");
    await fillSignup(page, {
      name,
      email,
      password: "another long password",
      phone: "139 0013 9000", // no country code: read as mainland China
      locale: "zh-CN",
    });
    await page.getByRole("button", { name: "Create account" }).click();

    await page.waitForURL((url) => url.pathname === "/login");
    await logIn(page, email, "another long password", "/carer");
    await expectText(page.locator("h1#dashboard-title"), `欢迎，${name}`);
    await expectLang(page, "zh-CN");
    expect(await sessionCookie(page)).toBeDefined();
  });
});
