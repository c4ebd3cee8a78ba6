// Logging in and out with the seeded demo accounts, and the refusal of a wrong password.
import { describe, expect, it } from "vitest";
import {
  demo,
  DEMO_PASSWORD,
  expectText,
  logIn,
  pathOf,
  sessionCookie,
  submitLogin,
  browserSession,
  waitForHydration,
} from "./support";

const session = browserSession();

describe("log in and out", () => {
  it("family.a logs in to /family, logs out to the home page, and /family then asks to log in", async () => {
    const page = await session.newPage();
    await logIn(page, demo.familyA, DEMO_PASSWORD, "/family");
    await expectText(page.locator("h1#dashboard-title"), "Welcome, Li Wei 李伟");
    expect(await sessionCookie(page)).toBeDefined();

    await waitForHydration(page);
    await page.getByRole("button", { name: "Log out" }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.locator("h1#home-title").waitFor();
    await expectText(page.locator("h1#home-title"), "Someone kind, nearby, for the parents you miss");
    expect(await page.getByRole("button", { name: "Log out" }).count()).toBe(0);
    expect(await page.getByRole("link", { name: "Log in" }).count()).toBe(1);
    expect(await sessionCookie(page), "logging out should clear the session cookie").toBeUndefined();

    await page.goto("/family");
    expect(pathOf(page)).toBe("/login?redirectTo=%2Ffamily");
    await page.locator("form#login").waitFor();
  });

  it("a carer sent to /login from a protected page comes back to it after logging in", async () => {
    const page = await session.newPage();
    await page.goto("/account");
    expect(pathOf(page)).toBe("/login?redirectTo=%2Faccount");
    await waitForHydration(page);
    await page.fill("#login-email", demo.carerY);
    await page.fill("#login-password", DEMO_PASSWORD);
    await page.locator("form#login").getByRole("button", { name: "Log in" }).click();
    await page.waitForURL((url) => url.pathname === "/account");
    await page.locator("h1#account-title").waitFor();
  });

  it("a wrong password shows the alert, stays on /login and sets no session", async () => {
    const page = await session.newPage();
    session.allowRefusedForm("/login");
    await submitLogin(page, demo.carerY, "not-the-password");
    const alert = page.locator("form#login [role=alert]");
    await alert.waitFor();
    await expectText(alert, "That email and password do not match an account.");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await sessionCookie(page)).toBeUndefined();
  });

  it("a wrong password without JavaScript gets the same alert from the server", async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    session.allowRefusedForm("/login");
    await submitLogin(page, demo.carerY, "not-the-password", { javaScript: false });
    const alert = page.locator("form#login [role=alert]");
    await alert.waitFor();
    await expectText(alert, "That email and password do not match an account.");
    expect(new URL(page.url()).pathname).toBe("/login");
    expect(await sessionCookie(page)).toBeUndefined();
    // The server re-renders the form but never echoes the password back.
    expect(await page.inputValue("#login-password")).toBe("");
    expect(await page.inputValue("#login-email")).toBe(demo.carerY);
  });
});
