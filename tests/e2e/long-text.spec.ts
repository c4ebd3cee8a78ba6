// Names and addresses people type without a space (a pasted URL, a long compound, Chinese without
// punctuation) wrap on a phone instead of making the whole page scroll sideways.
import { describe, expect, it } from "vitest";
import { allowMapTiles, browserSession, DEMO_PASSWORD, logIn, postNewParent } from "./support";

const session = browserSession();
const PHONE = { width: 390, height: 844 };
// A demo family no other browser test uses: this test adds a parent to it.
const FAMILY = "family93@demo.kinvisit.test";

describe("long unbroken text on a phone", () => {
  it("wraps on the parent's pages instead of scrolling sideways", async () => {
    const page = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    allowMapTiles(session);
    await logIn(page, FAMILY, DEMO_PASSWORD, "/family");
    const name = `Wolfeschlegelsteinhausenbergerdorff${"长".repeat(30)}${"X".repeat(35)}`;
    const parent = await postNewParent(page, { name, address: "No.".padEnd(300, "9") });
    for (const path of [parent, `${parent}/edit`, `${parent}/carers`, `${parent}/ledger`, `${parent}/requests/new`]) {
      await page.goto(path);
      await page.locator("h1").first().waitFor();
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width, `${path} is ${width}px wide`).toBeLessThanOrEqual(PHONE.width);
    }
  });
});
