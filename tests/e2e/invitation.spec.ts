// A sibling invited to share a parent, with no account yet: the link asks them to log in, and the way
// through "create an account" and the login after it must lead back to the invitation. It led to an
// empty dashboard, and the invitation only worked if they found the link again (a new-user walk).
import { describe, expect, it } from "vitest";
import {
  allowMapTiles,
  browserSession,
  DEMO_PASSWORD,
  fillSignup,
  logIn,
  postNewParent,
  uniqueEmail,
  waitForHydration,
} from "./support";

const session = browserSession();
const PHONE = { width: 390, height: 844 };
// A demo family no other browser test uses: this test adds a parent to it and invites to that parent.
const OWNER = "family95@demo.kinvisit.test";

describe("an invitation to a sibling with no account", () => {
  it("leads through sign-up and login back to the invitation, which they accept", async () => {
    const owner = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    allowMapTiles(session);
    await logIn(owner, OWNER, DEMO_PASSWORD, "/family");
    const parent = await postNewParent(owner, { name: "Gu Meifang 顾美芳" });
    await owner.goto(parent);
    await waitForHydration(owner);
    await owner.locator('form:has(input[name="intent"][value="invite"]) button[type=submit]').tap();
    // A tap copies the link. (It is also scrolled into view, which this test does not hold: in CI it
    // was sometimes out of view when checked, for a reason not yet found.)
    const box = owner.locator("#invite-url");
    await box.waitFor();
    const link = (await box.inputValue()).trim();
    await owner.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    await owner.getByRole("button", { name: "Copy the link" }).tap();
    await owner.getByRole("button", { name: "Copied" }).waitFor();
    expect(await owner.evaluate(() => navigator.clipboard.readText())).toBe(link);
    const invitation = new URL(link).pathname;
    expect(invitation).toMatch(/^\/invitations\/[a-z2-7]+$/);

    const sibling = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true, locale: "zh-CN" });
    await sibling.goto(invitation);
    await sibling.waitForURL((url) => url.pathname === "/login");
    await sibling.getByText("有人邀请你一起照顾家中长辈").waitFor();
    await waitForHydration(sibling);
    await sibling.getByRole("link", { name: "创建账户" }).click();
    await sibling.waitForURL((url) => url.pathname === "/signup");
    await sibling.getByText("邀请页面会再次打开").waitFor();
    expect(await sibling.locator('form#signup input[name="role"][value="family"]').isChecked()).toBe(true);
    await waitForHydration(sibling);
    const email = uniqueEmail("e2e.sibling");
    await fillSignup(sibling, {
      name: "Gu Lei 顾磊",
      email,
      password: "a long enough password",
      phone: "+86 139 0000 1234",
      locale: "zh-CN",
    });
    await sibling.locator("form#signup button[type=submit]").tap();
    await sibling.waitForURL((url) => url.pathname === "/login" && url.searchParams.get("redirectTo") === invitation);
    await sibling.getByText("有人邀请你一起照顾家中长辈").waitFor();
    await waitForHydration(sibling);
    expect(await sibling.inputValue("#login-email")).toBe(email);
    await sibling.fill("#login-password", "a long enough password");
    await sibling.locator("form#login button[type=submit]").tap();
    await sibling.waitForURL((url) => url.pathname === invitation);
    await sibling.getByText("Gu Meifang 顾美芳").first().waitFor();
    // It says whose account would accept.
    await sibling.getByText(`你当前登录的是 Gu Lei 顾磊（${email}）`).waitFor();
    await waitForHydration(sibling);
    await sibling.getByRole("button", { name: "接受邀请" }).tap();
    await sibling.waitForURL((url) => url.pathname === parent);
  });
});
