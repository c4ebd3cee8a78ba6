// A refusal is never out of sight. A field's error gets the focus (conform's), but a refusal of the whole
// form showed at its top while a phone stayed scrolled at the button: the person tapped "Post" and saw
// nothing change. And an error on a field the page does not show (hidden, or a stale or tampered form)
// had no place on the page at all. Both are the shared form mechanism's (checked-form.ts).
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { allowMapTiles, browserSession, DEMO_PASSWORD, logIn, postNewParent, waitForHydration } from "./support";

const session = browserSession();
const PHONE = { width: 390, height: 844 };
// A demo family no other browser test uses: this file gives it a parent with ten open requests.
const FAMILY = "family94@demo.kinvisit.test";

/** Whether the element is focused and wholly on screen. */
async function focusedInView(page: Page, id: string) {
  return page.evaluate((id) => {
    const element = document.getElementById(id);
    if (!element) return { focused: false, top: Number.NaN, bottom: Number.NaN };
    const box = element.getBoundingClientRect();
    return { focused: document.activeElement === element, top: box.top, bottom: box.bottom };
  }, id);
}

async function newParent(page: Page): Promise<string> {
  allowMapTiles(session);
  return postNewParent(page);
}

/** Posts an open weekly request for the parent, as its form would. */
async function postRequest(page: Page, parent: string): Promise<number> {
  await page.goto(`${parent}/requests/new`);
  const posted = await page.request.post(`${parent}/requests/new`, {
    headers: { Origin: new URL(page.url()).origin },
    form: {
      submissionKey: await page.locator('input[name="submissionKey"]').inputValue(),
      service: "companionship",
      schedule: "weekly",
      weekdays: "1",
      time: "10:00",
      durationMinutes: "60",
    },
    maxRedirects: 0,
  });
  return posted.status();
}

async function fillWeekly(page: Page) {
  await page.locator('input[name="schedule"][value="weekly"]').check();
  await page.locator('input[name="weekdays"][value="3"]').check();
  await page.locator('input[name="time"]').fill("15:30");
}

describe("a refusal on a phone", () => {
  it("of the whole form, by the server, is brought into view and focus from the button at the foot", async () => {
    const page = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await logIn(page, FAMILY, DEMO_PASSWORD, "/family");
    const parent = await newParent(page);
    for (let i = 0; i < 10; i += 1) expect(await postRequest(page, parent)).toBe(302);
    const path = `${parent}/requests/new`;
    session.allowConsoleError({
      text: /^Failed to load resource: the server responded with a status of 409 \(Conflict\)$/,
      url: new RegExp(`${path}(\\.data)?$`),
      reason: "the eleventh open request is refused with HTTP 409 by design (requests.tooManyOpen)",
    });
    await page.goto(path);
    await waitForHydration(page);
    await fillWeekly(page);
    const button = page.locator("form#visit-request button[type=submit]");
    await button.scrollIntoViewIfNeeded();
    expect((await focusedInView(page, "visit-request-error")).focused).toBe(false);
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === `${path}.data`),
      button.tap(),
    ]);
    const alert = page.locator("#visit-request-error");
    await expect.poll(() => alert.textContent()).toMatch(/open requests .* already/);
    await expect.poll(async () => (await focusedInView(page, "visit-request-error")).focused).toBe(true);
    const { top, bottom } = await focusedInView(page, "visit-request-error");
    expect(top, "the message's top is on screen").toBeGreaterThanOrEqual(0);
    expect(bottom, "the message's foot is on screen").toBeLessThanOrEqual(PHONE.height);
    // The form kept what was typed.
    expect(await page.locator('input[name="time"]').inputValue()).toBe("15:30");
  });

  it("on a field the page does not show says so at the form's top, in view, and sends nothing", async () => {
    const page = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    await logIn(page, FAMILY, DEMO_PASSWORD, "/family");
    await page.locator("main a[href^='/family/parents/']").first().click();
    await page.waitForURL(/\/family\/parents\/[0-9a-f-]+$/);
    const path = `${new URL(page.url()).pathname}/requests/new`;
    let posts = 0;
    page.on("request", (r) => {
      if (r.method() === "POST" && new URL(r.url()).pathname.startsWith(path)) posts += 1;
    });
    await page.goto(path);
    await waitForHydration(page);
    await fillWeekly(page);
    // A stale or tampered page: the start time travels in a hidden field with a value no clock has.
    await page.evaluate(() => {
      const time = document.querySelector<HTMLInputElement>('input[name="time"]')!;
      time.removeAttribute("name");
      const hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = "time";
      hidden.value = "25:99";
      time.form!.append(hidden);
    });
    const button = page.locator("form#visit-request button[type=submit]");
    await button.scrollIntoViewIfNeeded();
    await button.tap();
    const alert = page.locator("#visit-request-error");
    await expect.poll(() => alert.textContent()).toMatch(/not as this page sent it/);
    await expect.poll(async () => (await focusedInView(page, "visit-request-error")).focused).toBe(true);
    const { top, bottom } = await focusedInView(page, "visit-request-error");
    expect(top).toBeGreaterThanOrEqual(0);
    expect(bottom).toBeLessThanOrEqual(PHONE.height);
    expect(posts, "refused in the browser: nothing sent").toBe(0);
  });

  it("of a choice the page does not offer (a tampered language) shows beside the choices", async () => {
    const page = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    session.allowRefusedForm("/account");
    await logIn(page, FAMILY, DEMO_PASSWORD, "/family");
    await page.goto("/account");
    await waitForHydration(page);
    // A choice added beside React's (a value set on one of its own is put back at its next render).
    await page.evaluate(() => {
      const radio = document.createElement("input");
      radio.type = "radio";
      radio.name = "locale";
      radio.value = "fr";
      document.querySelector('input[name="locale"]')!.closest("fieldset")!.append(radio);
      radio.checked = true;
    });
    const form = page.locator("form", { has: page.locator('input[name="intent"][value="language"]') });
    await form.locator("button[type=submit]").tap();
    await expect.poll(() => form.locator("fieldset .field-errors").textContent()).toMatch(/Choose one of the options/);
  });
});
