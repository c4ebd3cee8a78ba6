// The header's language switch: for anonymous visitors (a cookie) and for a logged-in account (saved).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import {
  demo,
  DEMO_PASSWORD,
  expectLang,
  expectText,
  logIn,
  pathOf,
  browserSession,
  waitForHydration,
} from "./support";

const session = browserSession();

const EN_TITLE = "Someone kind, nearby, for the parents you miss";
const ZH_TITLE = "替你常回家看看：身边的好心人，陪伴你牵挂的父母";

// The header offers the other language as one button, named in that language ("简体中文").
async function switchLanguage(page: Page, label: "简体中文" | "English") {
  await waitForHydration(page);
  await page.locator("form.language-form").getByRole("button", { name: label, exact: true }).click();
}

describe("language switch", () => {
  it("an anonymous visitor switches the home page to Chinese and back to English", async () => {
    const page = await session.newPage();
    await page.goto("/");
    await expectLang(page, "en");
    await expectText(page.locator("h1#home-title"), EN_TITLE);

    await switchLanguage(page, "简体中文");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await expectText(page.locator("h1#home-title"), ZH_TITLE);
    expect(pathOf(page)).toBe("/");
    await page.locator("form.language-form").getByRole("button", { name: "English", exact: true }).waitFor();
    // The choice outlives the page: a fresh load is still Chinese.
    await page.reload();
    await expectLang(page, "zh-CN");
    await expectText(page.locator("h1#home-title"), ZH_TITLE);

    await switchLanguage(page, "English");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await expectText(page.locator("h1#home-title"), EN_TITLE);
    expect(pathOf(page)).toBe("/");
    await page.locator("form.language-form").getByRole("button", { name: "简体中文", exact: true }).waitFor();
  });

  it("on the sign-up page, the account's language follows the switch until the form is sent", async () => {
    const page = await session.newPage();
    await page.goto("/signup");
    await expectLang(page, "en");
    expect(await page.inputValue("select[name=locale]")).toBe("en");
    await switchLanguage(page, "简体中文");
    await page.waitForFunction(() => document.documentElement.lang === "zh-CN");
    await page.locator("form.language-form").getByRole("button", { name: "English", exact: true }).waitFor();
    expect(await page.inputValue("select[name=locale]")).toBe("zh-CN");
    await switchLanguage(page, "English");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await page.locator("form.language-form").getByRole("button", { name: "简体中文", exact: true }).waitFor();
    expect(await page.inputValue("select[name=locale]")).toBe("en");
  });

  it("without JavaScript the switch still works as a plain form post", async () => {
    const page = await session.newPage({ javaScriptEnabled: false });
    await page.goto("/");
    await page.locator("form.language-form").getByRole("button", { name: "简体中文", exact: true }).click();
    await page.waitForURL((url) => url.pathname === "/");
    await page.locator("html[lang='zh-CN']").waitFor({ state: "attached" });
    await expectText(page.locator("h1#home-title"), ZH_TITLE);
  });

  it("a Chinese browser gets Chinese until the visitor picks English", async () => {
    const page = await session.newPage({ locale: "zh-CN" });
    await page.goto("/");
    await expectLang(page, "zh-CN");
    await expectText(page.locator("h1#home-title"), ZH_TITLE);
    await switchLanguage(page, "English");
    await page.waitForFunction(() => document.documentElement.lang === "en");
    await expectText(page.locator("h1#home-title"), EN_TITLE);
  });

  it("a logged-in user's switch is saved to the account and wins over the browser's language", async () => {
    // family.b's saved locale is zh-CN; the browser asks for English.
    const first = await session.newPage();
    await logIn(first, demo.familyB, DEMO_PASSWORD, "/family");
    await expectLang(first, "zh-CN");
    await expectText(first.locator("h1#dashboard-title"), "欢迎，陈静 Chen Jing");

    await switchLanguage(first, "English");
    await first.waitForFunction(() => document.documentElement.lang === "en");
    expect(pathOf(first)).toBe("/family");
    await expectText(first.locator("h1#dashboard-title"), "Welcome, 陈静 Chen Jing");

    // A new browser profile (no language cookie) in Chinese: the account's saved English wins after login.
    const second = await session.newPage({ locale: "zh-CN" });
    await second.goto("/");
    await expectLang(second, "zh-CN");
    await second.goto("/login");
    await waitForHydration(second);
    await second.fill("#login-email", demo.familyB);
    await second.fill("#login-password", DEMO_PASSWORD);
    await second.locator("form#login").getByRole("button", { name: "登录", exact: true }).click();
    await second.waitForURL((url) => url.pathname === "/family");
    await expectLang(second, "en");
    await expectText(second.locator("h1#dashboard-title"), "Welcome, 陈静 Chen Jing");
  });
});
