// The home page on a 390x844 phone: a screenshot for review, no sideways scrolling, 44px touch targets.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { browserSession } from "./support";

const session = browserSession();

const WIDTH = 390;
const HEIGHT = 844;
const MIN_TARGET_PX = 44;
const SCREENSHOT_DIR = path.resolve("tests/e2e/screenshots"); // gitignored

interface Target {
  text: string;
  tag: string;
  height: number;
}

/** Every visible link, button and select in the header and main, with its rendered height. */
function targetsOf(page: Page): Promise<Target[]> {
  return page.evaluate(() =>
    Array.from(
      document.querySelectorAll<HTMLElement>(
        "header a, header button, header select, main a, main button, main select",
      ),
    )
      .filter((el) => el.checkVisibility({ visibilityProperty: true, opacityProperty: true }))
      .map((el) => {
        const rect = el.getBoundingClientRect();
        const text =
          el instanceof HTMLSelectElement
            ? `select#${el.id} (${el.selectedOptions[0]?.textContent ?? ""})`
            : (el.textContent ?? "").trim() || el.getAttribute("aria-label") || el.outerHTML.slice(0, 60);
        return { text, tag: el.tagName.toLowerCase(), height: Math.round(rect.height * 10) / 10 };
      })
      .filter((t) => t.height > 0),
  );
}

describe("home page on a phone", () => {
  const cases = [
    { locale: "en", file: "home-390.png" },
    { locale: "zh-CN", file: "home-390-zh-CN.png" },
  ] as const;

  for (const { locale, file } of cases) {
    it(`fits ${WIDTH}px without sideways scrolling and has ${MIN_TARGET_PX}px touch targets (${locale})`, async () => {
      const page = await session.newPage({
        locale,
        viewport: { width: WIDTH, height: HEIGHT },
        deviceScaleFactor: 1,
        isMobile: true,
        hasTouch: true,
      });
      await page.goto("/");
      await page.locator("h1#home-title").waitFor();
      await page.waitForLoadState("networkidle");
      expect(await page.locator("html").getAttribute("lang")).toBe(locale);

      fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, file), fullPage: true });

      const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(scrollWidth, `document is ${scrollWidth}px wide on a ${WIDTH}px screen`).toBeLessThanOrEqual(WIDTH);

      const targets = await targetsOf(page);
      expect(targets.length, "the header and main should have links/buttons/selects").toBeGreaterThan(0);
      const offenders = targets
        .filter((t) => t.height < MIN_TARGET_PX)
        .map((t) => `${t.tag} "${t.text}" is ${t.height}px tall`);
      expect(offenders, `touch targets under ${MIN_TARGET_PX}px:\n${offenders.join("\n")}`).toEqual([]);
    });
  }
});

describe("the pages before logging in on a 320 px phone (found on a phone walk)", () => {
  for (const locale of ["en", "zh-CN"] as const) {
    it(`keep the header and the page within the screen (${locale})`, async () => {
      const page = await session.newPage({
        locale,
        viewport: { width: 320, height: 640 },
        deviceScaleFactor: 1,
        isMobile: true,
        hasTouch: true,
      });
      for (const path of ["/", "/login", "/signup", "/login/sms", "/password/forgot"]) {
        await page.goto(path);
        await page.locator("h1").first().waitFor();
        expect(await page.locator("html").getAttribute("lang")).toBe(locale);
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        expect(scrollWidth, `${path} is ${scrollWidth}px wide`).toBeLessThanOrEqual(320);
        // Every control of the header is whole on the screen (the language button was cut to "Englis").
        const cut = await page.evaluate(() =>
          Array.from(document.querySelectorAll<HTMLElement>("header a, header button"))
            .map((el) => ({ text: el.textContent, right: el.getBoundingClientRect().right }))
            .filter((el) => el.right > 320),
        );
        expect(cut, path).toEqual([]);
      }
    });
  }
});
