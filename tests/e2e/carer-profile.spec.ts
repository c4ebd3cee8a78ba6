// The carer's services step: a service's price and shortest visit are asked for once it is ticked.
// Before, both boxes of every service were open, and a price typed for a service left unticked was
// dropped on save while the page said "saved".
import { describe, expect, it } from "vitest";
import { browserSession, DEMO_PASSWORD, demo, logIn, waitForHydration } from "./support";

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
});
