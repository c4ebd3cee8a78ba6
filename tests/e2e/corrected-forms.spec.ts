// A refused form, corrected and sent again with one tap. Pressing the button takes the focus from the
// field just corrected; if that moved the button (a message vanishing above it as the field is checked
// on leaving), the release landed elsewhere and the tap sent nothing. These click with the mouse, a
// press and a release, as a finger does, and count what reached the server.
import type { Page, Request } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserSession, DEMO_PASSWORD, demo, logIn, waitForHydration } from "./support";

const session = browserSession();

/** A mobile number no demo account has, different in every run so no rate limit carries over. */
function unusedNumber(): string {
  return `+86 139 ${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
}

/** Counts the posts of `path` (Remix's `.data` fetch or the document itself) as they leave the page. */
function countPosts(page: Page, path: string): () => number {
  let posts = 0;
  page.on("request", (request) => {
    if (request.method() !== "POST") return;
    const { pathname } = new URL(request.url());
    if (pathname === path || pathname === `${path}.data`) posts += 1;
  });
  return () => posts;
}

/** Family A's request form for their first parent, on a phone, hydrated; and its posts, counted. */
async function openRequestForm() {
  const page = await session.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  await logIn(page, demo.familyA, DEMO_PASSWORD, "/family");
  await page.locator("main a[href^='/family/parents/']").first().click();
  await page.waitForURL(/\/family\/parents\/[0-9a-f-]+$/);
  await page.goto(`${new URL(page.url()).pathname}/requests/new`);
  await waitForHydration(page);
  const posts = countPosts(page, new URL(page.url()).pathname);
  return { page, posts };
}

/** The next dialog's kind and text, answered yes or no. */
function answerDialog(page: Page, accept: boolean) {
  return new Promise<{ type: string; message: string }>((resolve) => {
    page.once("dialog", (dialog) => {
      resolve({ type: dialog.type(), message: dialog.message() });
      void (accept ? dialog.accept() : dialog.dismiss());
    });
  });
}

async function answered(page: Page, path: string) {
  await page.waitForResponse(
    (response) => response.request().method() === "POST" && new URL(response.url()).pathname === `${path}.data`,
  );
}

describe("a refused form, corrected, is sent by the next tap", () => {
  it("forgot password: a refused identifier, then a number, then one tap on Send", async () => {
    const page = await session.newPage();
    session.allowRefusedForm("/password/forgot");
    const posts = countPosts(page, "/password/forgot");
    await page.goto("/password/forgot");
    await waitForHydration(page);
    const identifier = page.locator("#reset-send-identifier");
    const send = page.locator("form#reset-send button[type=submit]");

    await identifier.fill("not a number");
    await Promise.all([answered(page, "/password/forgot"), send.click()]);
    await page.locator("#reset-send-identifier + ul.field-errors > li").first().waitFor();
    expect(posts()).toBe(1);

    await identifier.fill(unusedNumber());
    // The server's message goes as the field is typed in, before the tap, not under it.
    await page.locator("#reset-send-identifier + ul.field-errors").waitFor({ state: "detached" });
    await Promise.all([answered(page, "/password/forgot"), send.click()]);
    expect(posts()).toBe(2);
    await page.locator("form#reset-code [role=status]").waitFor();
  });

  it("log in by text: a wrong code's alert stays while a new code is typed, and one tap sends it", async () => {
    const page = await session.newPage();
    session.allowRefusedForm("/login/sms");
    const posts = countPosts(page, "/login/sms");
    await page.goto("/login/sms");
    await waitForHydration(page);
    await page.locator("#code-send-phone").fill(unusedNumber());
    await Promise.all([answered(page, "/login/sms"), page.locator("form#code-send button[type=submit]").click()]);
    const code = page.locator("#code-verify-code");
    const logIn = page.locator("form#code-verify button[type=submit]");
    const alert = page.locator("form#code-verify [role=alert]");

    await code.fill("000000");
    await Promise.all([answered(page, "/login/sms"), logIn.click()]);
    await alert.filter({ hasText: "That code is wrong" }).waitFor();
    expect(posts()).toBe(2);
    // The focus is on the form's message, not lost to the page (the button it was on is disabled while
    // the form sends): the next Tab reaches the code's box, not the top of the page.
    const focused = () =>
      page.evaluate(() => document.activeElement?.closest("form")?.id ?? document.activeElement?.tagName);
    await expect.poll(focused, { timeout: 5_000 }).toBe("code-verify");
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("code-verify-code");

    await code.fill("111111");
    expect(await alert.textContent(), "the server's answer stays until the next one").toContain("That code is wrong");
    await Promise.all([answered(page, "/login/sms"), logIn.click()]);
    expect(posts()).toBe(3);
    await alert.filter({ hasText: "That code is wrong" }).waitFor();
  });

  it("a visit request: one tap from the last field shows every problem at once, not one field's", async () => {
    // Leaving the duration for the button once checked the duration alone on the way: its message
    // moved the button, the tap was lost, and the day and time were only asked for on the next one.
    const { page, posts } = await openRequestForm();
    await page.locator("input[name=schedule][value=weekly]").check();
    await page.locator("input[name=durationMinutes]").fill("5");
    await page.locator("form#visit-request button[type=submit]").click();
    const errors = page.locator("form#visit-request ul.field-errors > li");
    await expect.poll(() => errors.count()).toBe(3);
    expect((await errors.allTextContents()).sort()).toEqual(
      ["Choose at least one day.", "Enter a time, in hours and minutes.", "Enter between 15 and 720 minutes."].sort(),
    );
    expect(posts(), "refused in the browser, nothing sent").toBe(0);
  });

  it("a visit request: a date already passed is said with the form's other problems, in the browser", async () => {
    const { page, posts } = await openRequestForm();
    const zone = await page.locator("form#visit-request").getAttribute("data-time-zone");
    const twoDaysAgo = new Intl.DateTimeFormat("en-CA", { timeZone: zone! }).format(
      new Date(Date.now() - 2 * 86_400_000),
    );
    await page.locator("input[name=date]").fill(twoDaysAgo);
    await page.locator("input[name=time]").fill("09:30");
    await page.locator("input[name=durationMinutes]").fill("5");
    await page.locator("form#visit-request button[type=submit]").click();
    const errors = page.locator("form#visit-request ul.field-errors > li");
    await expect.poll(() => errors.count()).toBe(2);
    expect((await errors.allTextContents()).sort()).toEqual(
      ["Choose a date from today up to a year ahead.", "Enter between 15 and 720 minutes."].sort(),
    );
    expect(posts(), "refused in the browser, nothing sent").toBe(0);
  });

  it("a form typed into asks before the page is left; untouched, it does not", async () => {
    // Untouched (a tap in a box is not typing): the tab closes without a word.
    const untouched = (await openRequestForm()).page;
    await untouched.locator("textarea[name=notes]").click();
    let askedUntouched = false;
    untouched.on("dialog", (dialog) => {
      askedUntouched = true;
      void dialog.accept();
    });
    await untouched.close({ runBeforeUnload: true });
    await expect.poll(() => untouched.isClosed()).toBe(true);
    expect(askedUntouched).toBe(false);

    // Typed into: the browser asks before the tab goes, and the tab stays if the answer is to stay.
    const { page } = await openRequestForm();
    await page.locator("textarea[name=notes]").click();
    await page.keyboard.type("Likes tea");
    const asked = page.waitForEvent("dialog");
    await page.close({ runBeforeUnload: true });
    const dialog = await asked;
    expect(dialog.type()).toBe("beforeunload");
    await dialog.dismiss();
    expect(page.isClosed()).toBe(false);
    expect(await page.inputValue("textarea[name=notes]")).toBe("Likes tea");

    // A tab of the app's own bar does not unload the page: it asks too, in the page's words. (The tap
    // also leaves the notes box, whose check once counted as sending the form and took the question away.)
    const here = page.url();
    const answer = (accept: boolean) => answerDialog(page, accept);
    const stayed = answer(false);
    await page.locator('.tab-bar a[href="/chat"]').click();
    expect(await stayed).toEqual({
      type: "confirm",
      message: expect.stringContaining("What you typed in the form is not saved."),
    });
    await expect.poll(() => page.url()).toBe(here);
    expect(await page.inputValue("textarea[name=notes]")).toBe("Likes tea");
    // Sent and refused (no time given yet): still typed, still asked.
    await page.locator("form#visit-request button[type=submit]").click();
    await page.locator("form#visit-request .field-errors").first().waitFor();
    const refused = answer(false);
    await page.locator('.tab-bar a[href="/chat"]').click();
    expect((await refused).type).toBe("confirm");
    await expect.poll(() => page.url()).toBe(here);
    const left = answer(true);
    await page.locator('.tab-bar a[href="/chat"]').click();
    await left;
    await page.waitForURL((url) => url.pathname === "/chat");
  });

  it("Back to the page the form was opened from asks too, and staying keeps the page and the text", async () => {
    const page = await session.newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await logIn(page, demo.familyA, DEMO_PASSWORD, "/family");
    await page.locator("main a[href^='/family/parents/']").first().click();
    await page.waitForURL(/\/family\/parents\/[0-9a-f-]+$/);
    const parentPage = page.url();
    // Opened from the parent's page within the app: Back does not unload the form's page.
    await page.locator("main a[href$='/requests/new']").first().click();
    await page.waitForURL(/\/requests\/new$/);
    await waitForHydration(page);
    const form = page.url();
    await page.locator("textarea[name=notes]").click();
    await page.keyboard.type("Likes tea");
    const answer = (accept: boolean) => answerDialog(page, accept);
    // Staying loads nothing: the router never heard that Back (it was asked first), so it neither
    // started on the parent's page, to cut it short when the address was moved back, nor read this one again.
    const loads: string[] = [];
    const onRequest = (request: Request) => {
      if (new URL(request.url()).pathname.endsWith(".data")) loads.push(request.url());
    };
    page.on("request", onRequest);
    const stayed = answer(false);
    await page.evaluate(() => history.back());
    expect(await stayed).toEqual({
      type: "confirm",
      message: expect.stringContaining("What you typed in the form is not saved."),
    });
    await expect.poll(() => page.url()).toBe(form);
    expect(await page.inputValue("textarea[name=notes]")).toBe("Likes tea");
    expect(await page.locator("form#visit-request").count()).toBe(1);
    // A round trip to the server, so a load started by that Back would have been seen by now.
    await page.evaluate(() => fetch("/healthz").then((r) => r.text()));
    page.off("request", onRequest);
    expect(loads).toEqual([]);
    // Asked again on the next Back, and leaving goes where Back goes.
    const left = answer(true);
    await page.evaluate(() => history.back());
    await left;
    await page.waitForURL(parentPage);
    await expect.poll(() => page.locator("form#visit-request").count()).toBe(0);
  });
});
