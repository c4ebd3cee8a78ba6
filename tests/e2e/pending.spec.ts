// A slow network: what a phone shows between a tap and the answer (components/pending.tsx). Before,
// nothing changed on screen until the answer came, and people tapped again.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { PHONE, routeTiles } from "./phone-pages";
import { browserSession, DEMO_PASSWORD, demo, logIn, waitForHydration } from "./support";

const session = browserSession();

/** Holds matching requests until `release()` is called, as a slow line would. */
function holdRequests(page: Page, url: RegExp, method: "GET" | "POST") {
  const held: (() => void)[] = [];
  let seen = 0;
  void page.route(url, (route) => {
    if (route.request().method() !== method) return route.continue();
    seen++;
    held.push(() => void route.continue());
  });
  return {
    seen: () => seen,
    release: () => {
      for (const go of held.splice(0)) go();
    },
  };
}

/** Whether the ::after spinner of the element is painted (shown after its delay). */
const spinnerShown = (page: Page, selector: string) =>
  page.locator(selector).evaluate((el) => {
    const after = getComputedStyle(el, "::after");
    return after.content !== "none" && after.visibility === "visible";
  });

describe("a form on its way", () => {
  it("spins the button that sent it and shows the top bar, then stops when the answer comes", async () => {
    const page = await session.newPage();
    session.allowRefusedForm("/login");
    await page.goto("/login");
    await waitForHydration(page);
    const button = "form#login button[type=submit]";
    const bar = page.locator(".nav-progress");
    expect(await bar.isHidden()).toBe(true);

    const slow = holdRequests(page, /\/login(\.data)?(\?.*)?$/, "POST");
    await page.fill("#login-email", "nobody-slow@kinvisit.test");
    await page.fill("#login-password", "not-the-password");
    await page.locator(button).click();
    await page.waitForFunction((sel) => document.querySelector(sel)?.hasAttribute("aria-busy"), button);
    expect(slow.seen()).toBe(1);
    expect(await page.locator(button).getAttribute("aria-busy")).toBe("true");
    // Shown after a moment, not at once: a fast answer shows nothing.
    await page.waitForFunction(
      (sel) => getComputedStyle(document.querySelector(sel)!, "::after").visibility === "visible",
      button,
    );
    expect(await spinnerShown(page, button)).toBe(true);
    expect(await bar.isVisible()).toBe(true);

    slow.release();
    await page.locator("form#login [role=alert]").waitFor();
    await page.waitForFunction((sel) => !document.querySelector(sel)?.hasAttribute("aria-busy"), button);
    expect(await page.locator(button).getAttribute("aria-busy")).toBeNull();
    expect(await spinnerShown(page, button)).toBe(false);
    await bar.waitFor({ state: "hidden" });
  });

  it("a form the page refuses before sending never spins", async () => {
    const page = await session.newPage();
    await page.goto("/login");
    await waitForHydration(page);
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    // Nothing typed: the page's own check refuses it, beside the fields.
    await page.locator("form#login button[type=submit]").click();
    await page.locator("form#login .field-errors").first().waitFor();
    expect(posts).toEqual([]);
    expect(await page.locator("[aria-busy]").count()).toBe(0);
    expect(await page.locator(".nav-progress").isHidden()).toBe(true);
  });
});

describe("a page on its way", () => {
  it("shows the top bar while a link's page loads, and no button spins", async () => {
    const page = await session.newPage();
    await page.goto("/login");
    await waitForHydration(page);
    const slow = holdRequests(page, /\/signup(\.data)?(\?.*)?$/, "GET");
    await page.locator("main").getByRole("link", { name: "Create an account" }).click();
    await page.locator(".nav-progress").waitFor({ state: "visible" });
    expect(slow.seen()).toBe(1);
    expect(await page.locator("[aria-busy]").count()).toBe(0);
    slow.release();
    await page.waitForURL((url) => url.pathname === "/signup");
    await page.locator(".nav-progress").waitFor({ state: "hidden" });
  });
});

describe("a job's Offer to help on a slow line", () => {
  it("lands on the offer form once its code arrives, not at the top of the chat", async () => {
    const page = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await routeTiles(page.context());
    await logIn(page, demo.carerY, DEMO_PASSWORD, "/carer");
    await page.goto("/carer/jobs");
    const job = await page.locator('main a[href^="/carer/jobs/"]').first().getAttribute("href");
    await page.goto(job!);
    await waitForHydration(page);
    // The offer form's code held back, as a slow line would.
    const slow = holdRequests(page, /\/assets\/offer-form-[\w-]+\.js$/, "GET");
    await page.getByRole("button", { name: "Offer to help" }).click();
    await page.waitForURL(/\/chat\/[0-9a-f-]+\?offer=new#offer$/);
    await page.locator("#offer").waitFor();
    slow.release();
    await page.locator("#offer form").waitFor();
    await page.waitForFunction(() => {
      const top = document.getElementById("offer")!.getBoundingClientRect().top;
      // At the top of the screen, give or take a fraction of a pixel.
      return top > -1 && top < window.innerHeight / 2;
    });
    expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
  });
});
