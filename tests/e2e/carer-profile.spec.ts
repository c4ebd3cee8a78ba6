// The carer's services step: a service's price and shortest visit are asked for once it is ticked.
// Before, both boxes of every service were open, and a price typed for a service left unticked was
// dropped on save while the page said "saved".
import { describe, expect, it } from "vitest";
import { PHONE } from "./phone-pages";
import {
  browserSession,
  DEMO_PASSWORD,
  demo,
  fillSignup,
  logIn,
  pathOf,
  uniqueEmail,
  waitForHydration,
} from "./support";

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

describe("the carer profile's paired fields in the browser", () => {
  it("refuses half a question beside its empty half, in Chinese, and keeps what was typed", async () => {
    session.allowRefusedForm("/carer/profile");
    const page = await session.newPage();
    await logIn(page, demo.carerX, DEMO_PASSWORD, "/carer");
    await page.goto("/carer/profile?step=faq");
    await waitForHydration(page);
    await page.locator('input[name="faq[2].question"]').fill("周末可以来吗？");
    await page.locator('textarea[name="faq[2].answer"]').fill("");
    await page.locator(".step-actions button[type=submit]").click();
    const answerErrors = page.locator('.field:has(textarea[name="faq[2].answer"]) .field-errors li');
    await answerErrors.first().waitFor();
    expect(await answerErrors.allTextContents()).toEqual(["请填写回答，或清空问题。"]);
    expect(await page.locator(".toast").count()).toBe(0);
    expect(new URL(page.url()).searchParams.get("step")).toBe("faq");
    expect(await page.locator('input[name="faq[2].question"]').inputValue()).toBe("周末可以来吗？");
  });

  it("shows every problem of two ticked services on the first submit, each field's message once", async () => {
    session.allowRefusedForm("/carer/profile");
    const page = await session.newPage();
    await logIn(page, demo.carerY, DEMO_PASSWORD, "/carer");
    await page.goto("/carer/profile?step=services");
    await waitForHydration(page);
    const rows = page.locator(".service-row");
    const unticked = rows.filter({ has: page.locator('input[type="checkbox"]:not(:checked)') });
    // Pinned by their services: the filter above moves on once a row is ticked.
    const services = [
      await unticked.nth(0).locator('input[type="hidden"]').getAttribute("value"),
      await unticked.nth(1).locator('input[type="hidden"]').getAttribute("value"),
    ];
    const [empty, wrong] = services.map((s) =>
      rows.filter({ has: page.locator(`input[type="hidden"][value="${s}"]`) }),
    );
    await empty!.locator('input[type="checkbox"]').check();
    await wrong!.locator('input[type="checkbox"]').check();
    await wrong!.locator("input[inputmode]").first().fill("abc");
    await page.locator(".step-actions button[type=submit]").click();
    await wrong!.locator(".field-errors").first().waitFor();
    const messages = async (row: typeof empty) => {
      const out: string[][] = [];
      for (const field of await row!.locator(".field").all())
        out.push(await field.locator(".field-errors li").allTextContents());
      return out;
    };
    expect(await messages(empty)).toEqual([["This field is required."], ["This field is required."]]);
    expect(await messages(wrong)).toEqual([["Enter a number."], ["This field is required."]]);
  });

  it("names each availability time box with its day, in English and Chinese", async () => {
    for (const [who, from, to] of [
      [demo.carerY, "Monday: From", "Sunday: To"],
      [demo.carerX, "星期一：从", "星期日：到"],
    ] as const) {
      const page = await session.newPage();
      await logIn(page, who, DEMO_PASSWORD, "/carer");
      await page.goto("/carer/profile?step=availability");
      await waitForHydration(page);
      expect(await page.getByLabel(from, { exact: true }).count(), from).toBe(1);
      expect(await page.getByLabel(to, { exact: true }).count(), to).toBe(1);
      // Fourteen boxes, fourteen different names.
      const names = await page
        .locator(".availability-row input[type=time]")
        .evaluateAll((inputs) => inputs.map((i) => i.getAttribute("aria-label")));
      expect(new Set(names).size).toBe(14);
    }
  });
});

describe("a new carer's checklist on a phone", () => {
  it("lays out every item as its mark beside one run of text, the link and its state together", async () => {
    const page = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    const email = uniqueEmail("e2e.checklist");
    await page.goto("/signup?role=carer");
    await waitForHydration(page);
    await fillSignup(page, {
      name: "Checklist Carer",
      email,
      password: "a long enough password",
      phone: "139 0013 9077",
      locale: "en",
    });
    await page.locator('form#signup button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname === "/login");
    await logIn(page, email, "a long enough password", "/carer");
    // A client-side navigation: the URL changes a frame before the page renders (support.ts expectText).
    await page.locator(".checklist li").first().waitFor();
    const items = await page.locator(".checklist li").all();
    expect(items.length).toBeGreaterThan(2);
    const textLefts = new Set<number>();
    for (const item of items) {
      const layout = await item.evaluate((li) => {
        const mark = li.querySelector(".checklist__mark")!.getBoundingClientRect();
        const link = li.querySelector("a")!.getClientRects();
        const state = li.querySelector(".checklist__text > .muted")!.getClientRects();
        return {
          text: li.textContent,
          markRight: mark.right,
          markTop: mark.top,
          linkLeft: link[0]!.left,
          linkTop: link[0]!.top,
          linkLastBottom: link[link.length - 1]!.bottom,
          linkLastRight: link[link.length - 1]!.right,
          stateLeft: state[0]!.left,
          stateTop: state[0]!.top,
        };
      });
      // The mark sits beside the first line of the link, not on a line of its own.
      expect(layout.linkLeft, layout.text!).toBeGreaterThan(layout.markRight);
      expect(Math.abs(layout.linkTop - layout.markTop), layout.text!).toBeLessThan(8);
      // "(to do)" runs on after the link, as text does: on its last line, or wrapped under the text.
      const sameLine = layout.stateTop < layout.linkLastBottom && layout.stateLeft >= layout.linkLastRight - 1;
      expect(sameLine || layout.stateLeft >= layout.linkLeft - 1, layout.text!).toBe(true);
      expect(layout.stateLeft, layout.text!).toBeGreaterThan(layout.markRight);
      textLefts.add(Math.round(layout.linkLeft));
    }
    // Every item's text starts at the same place.
    expect(textLefts.size).toBe(1);
  });
});
