// Signing up from the home page's calls to action, as a family member and as a carer.
import { describe, expect, it } from "vitest";
import {
  expectLang,
  expectText,
  fillSignup,
  pathOf,
  sessionCookie,
  uniqueEmail,
  browserSession,
  waitForHydration,
} from "./support";

const session = browserSession();

describe("sign up", () => {
  it("a new family member signs up from the home page and lands on the family dashboard", async () => {
    const page = await session.newPage();
    await page.goto("/");
    await waitForHydration(page);
    await page.getByRole("link", { name: "Find a carer for a parent" }).click();
    await page.waitForURL((url) => url.pathname === "/signup");
    expect(pathOf(page)).toBe("/signup?role=family");
    expect(await page.locator('form#signup input[name="role"][value="family"]').isChecked()).toBe(true);

    const name = "Mei Lin 林梅";
    await fillSignup(page, {
      name,
      email: uniqueEmail("e2e.family"),
      password: "a long enough password",
      phone: "+86 138 0013 8000",
      locale: "en",
    });
    await page.getByRole("button", { name: "Create account" }).click();

    await page.waitForURL((url) => url.pathname === "/family");
    await expectText(page.locator("h1#dashboard-title"), `Welcome, ${name}`);
    await expectLang(page, "en");
    // Logged in: the header offers "Log out", and the session cookie is the hardened one.
    await page.getByRole("button", { name: "Log out" }).waitFor();
    const cookie = await sessionCookie(page);
    expect(cookie, "the session cookie __Host-kv_session should be set").toBeDefined();
    expect(cookie).toMatchObject({ secure: true, httpOnly: true, sameSite: "Lax", path: "/" });
  });

  it("a new carer signs up in Chinese and lands on the carer dashboard in Chinese", async () => {
    const page = await session.newPage();
    await page.goto("/");
    await waitForHydration(page);
    await page.getByRole("link", { name: "Become a carer" }).click();
    await page.waitForURL((url) => url.pathname === "/signup");
    expect(pathOf(page)).toBe("/signup?role=carer");
    expect(await page.locator('form#signup input[name="role"][value="carer"]').isChecked()).toBe(true);

    const name = "周敏 Zhou Min";
    await fillSignup(page, {
      name,
      email: uniqueEmail("e2e.carer"),
      password: "another long password",
      phone: "139 0013 9000", // no country code: read as mainland China
      locale: "zh-CN",
    });
    await page.getByRole("button", { name: "Create account" }).click();

    await page.waitForURL((url) => url.pathname === "/carer");
    await expectText(page.locator("h1#dashboard-title"), `欢迎，${name}`);
    await expectLang(page, "zh-CN");
    expect(await sessionCookie(page)).toBeDefined();
  });
});
