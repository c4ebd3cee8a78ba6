// The carer's services step: a service's price and shortest visit are asked for once it is ticked.
// Before, both boxes of every service were open, and a price typed for a service left unticked was
// dropped on save while the page said "saved".
import { describe, expect, it } from "vitest";
import { PHONE } from "./phone-pages";
import { browserSession, DEMO_PASSWORD, demo, logIn, pathOf, waitForHydration } from "./support";

const session = browserSession();

describe("the carer's services step", () => {
  it("shows a service's price and minimum only while it is ticked", async () => {
    const page = await session.newPage();
    await logIn(page, demo.carerY, DEMO_PASSWORD, "/carer");
    await page.goto("/carer/profile?step=services");
    await waitForHydration(page);
    const rows = page.locator(".service-row");
    const ticked = rows.filter({ has: page.locator('input[type="checkbox"]:checked') });
    const unticked = rows.filter({ has: page.locator('input[type="checkbox"]:not(:checked)') });
    expect(await ticked.count()).toBeGreaterThan(0);
    expect(await unticked.count()).toBeGreaterThan(0);
    // Each service the carer offers shows its two boxes; each one not offered, none.
    for (const row of await ticked.all()) expect(await row.locator("input[inputmode]").count()).toBe(2);
    for (const row of await ticked.all()) {
      for (const box of await row.locator("input[inputmode]").all()) expect(await box.isVisible()).toBe(true);
    }
    // Pinned by its service: a locator filtered on the box's state would move to the next row once ticked.
    const service = await unticked.first().locator('input[type="hidden"]').getAttribute("value");
    const row = rows.filter({ has: page.locator(`input[type="hidden"][value="${service}"]`) });
    const boxes = row.locator("input[inputmode]");
    expect(await boxes.count()).toBe(2);
    for (const box of await boxes.all()) expect(await box.isVisible()).toBe(false);

    // Ticked, the two boxes open to fill in; unticked again, they close.
    await row.locator('input[type="checkbox"]').check();
    for (const box of await boxes.all()) expect(await box.isVisible()).toBe(true);
    await boxes.first().fill("88");
    await row.locator('input[type="checkbox"]').uncheck();
    for (const box of await boxes.all()) expect(await box.isVisible()).toBe(false);
  });

  it("a refused save on a phone shows its error clear of the Save bar and tabs, under no old 'Saved'", async () => {
    const page = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await logIn(page, demo.carerY, DEMO_PASSWORD, "/carer");
    // The step before, saved unchanged: the services step opens under its "Saved" toast.
    await page.goto("/carer/profile?step=about");
    await waitForHydration(page);
    await Promise.all([page.waitForURL(/step=services/), page.locator(".step-actions button[type=submit]").click()]);
    await waitForHydration(page);
    const toast = page.locator(".toast");
    await toast.waitFor();
    // The last service: ticked with no price, its row at the foot of the list, by the Save bar.
    const row = page.locator(".service-row").last();
    await row.locator('input[type="checkbox"]').check();
    const boxes = row.locator("input[inputmode]");
    for (const box of await boxes.all()) await box.fill("");
    // Scrolled so that the empty box sits behind the Save bar: on screen for the browser, hidden for a person.
    await boxes.first().evaluate((input) => {
      const bar = document.querySelector(".step-actions")!.getBoundingClientRect();
      const box = input.getBoundingClientRect();
      window.scrollBy(0, box.bottom - (bar.bottom - 8));
    });
    const hidden = await boxes.first().boundingBox();
    const barBefore = await page.locator(".step-actions").boundingBox();
    expect(hidden!.y).toBeGreaterThan(barBefore!.y - hidden!.height);
    await page.locator(".step-actions button[type=submit]").click();

    const error = row.locator(".field-errors").first();
    await error.waitFor();
    expect(await toast.isVisible()).toBe(false);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute("name") ?? "");
    expect(focused).toMatch(/^services\[\d+\]\.price$/);
    // Both the focused box and its message sit above the sticky Save bar, which sits above the tabs.
    const bar = await page.locator(".step-actions").boundingBox();
    const tabs = await page.locator(".tab-bar").boundingBox();
    const box = await page.locator(":focus").boundingBox();
    const message = await error.boundingBox();
    expect(bar!.y + bar!.height).toBeLessThanOrEqual(tabs!.y + 1);
    expect(box!.y).toBeGreaterThanOrEqual(0);
    expect(box!.y + box!.height).toBeLessThanOrEqual(bar!.y);
    expect(message!.y + message!.height).toBeLessThanOrEqual(bar!.y);
    // So is the row's other box and its message (the shortest visit, also missing), below the price.
    for (const other of await row.locator(".field-errors").all()) {
      const shown = await other.boundingBox();
      expect(shown!.y + shown!.height).toBeLessThanOrEqual(bar!.y);
    }
  });
});

// After the last step the page stayed as it was under a "saved" toast, with no way on (a new-user walk).
describe("the carer profile's last step", () => {
  for (const [carer, locale, title] of [
    [demo.carerX, "zh-CN", "下一步"],
    [demo.carerY, "en", "What next"],
  ] as const) {
    it(`once saved, shows the next step and it leads there (${locale})`, async () => {
      const page = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true, locale });
      await logIn(page, carer, DEMO_PASSWORD, "/carer");
      await page.goto("/carer/profile?step=faq");
      await waitForHydration(page);
      expect(await page.locator(".next-step").count(), "not before the save").toBe(0);
      await Promise.all([
        page.waitForURL(/step=faq&saved=1$/),
        page.locator(".step-actions button[type=submit]").click(),
      ]);
      const next = page.locator("section.next-step");
      await next.waitFor();
      expect(await page.locator("html").getAttribute("lang")).toBe(locale);
      expect(await next.locator("h2").textContent()).toBe(title);
      // The first thing left on the getting-started list, or the jobs once nothing is.
      const primary = next.locator("a.button").first();
      const href = (await primary.getAttribute("href"))!;
      expect(href).toMatch(
        /^\/(carer\/profile\?step=\w+|carer\/profile\/photo|account\/phone|account\/sms|carer\/jobs)$/,
      );
      expect((await primary.textContent())!.trim().length).toBeGreaterThan(0);
      const box = (await primary.boundingBox())!;
      expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(44);
      await Promise.all([page.waitForURL((u) => u.pathname + u.search === href), primary.tap()]);
      expect(pathOf(page)).toBe(href);
    });
  }
});
