// Times on server-rendered pages read the same in the server's HTML and after hydration, whatever the
// browser's own zone (ADR 023): the inbox and the thread in the reader's account zone, a visit in the
// parent's zone with the family's own time beside it when that differs.
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { zonedTimeToUtc } from "~/geo/time-zone";
import { formatDate, formatSpanInReaderZone } from "~/i18n/formatters";
import { messageTime } from "~/components/chat/message-time";
import { dateIn } from "~/geo/time-zone";
import {
  hasChromium,
  hydrated,
  loginAs,
  messageCarer,
  type PrivateServer,
  startPrivateServer,
  watchErrors,
} from "./private-server";

let app: PrivateServer;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  app = await startPrivateServer("zones");
  ({ baseUrl, browser } = app);
});

afterAll(async () => {
  await app?.stop();
});

/** Every `<time>` in `scope` says what formatting its `datetime` in `timeZone` says. */
async function expectTimesIn(page: Page, scope: string, timeZone: string) {
  const lang = (await page.getAttribute("html", "lang")) ?? "en";
  const times = await page
    .locator(`${scope} time[datetime]`)
    .evaluateAll((els) => els.map((e) => ({ at: e.getAttribute("datetime")!, text: e.textContent ?? "" })));
  expect(times.length).toBeGreaterThan(0);
  for (const { at, text } of times) {
    expect(text).toContain(
      // The inbox says when as the thread does: the time alone for today's, the day with it before.
      scope === ".inbox"
        ? messageTime(lang, at, timeZone, new Date().toISOString())
        : formatDate(lang, at, { now: new Date().toISOString(), timeZone, time: true }).slice(-5),
    );
  }
}

describe.skipIf(!hasChromium)("times in the browser's zone and the server's", () => {
  let familyContext: BrowserContext;
  let carerContext: BrowserContext;

  afterAll(async () => {
    await familyContext?.close();
    await carerContext?.close();
  });

  it("the inbox, the thread, an offer and a visit hydrate without a mismatch, in the reader's zone", async () => {
    // The server renders in UTC. The carer's browser is in Shanghai, eight hours from it all year (the
    // inbox's old mismatch); the family's in London, whose account starts in Shanghai (its +86 number).
    familyContext = await browser.newContext({ timezoneId: "Europe/London", locale: "en-GB" });
    carerContext = await browser.newContext({ timezoneId: "Asia/Shanghai", locale: "zh-CN" });
    const family = await familyContext.newPage();
    const carer = await carerContext.newPage();
    const familyErrors = watchErrors(family);
    const carerErrors = watchErrors(carer);
    await loginAs(family, baseUrl, "family.a@kinvisit.test");
    await loginAs(carer, baseUrl, "carer.x@kinvisit.test");

    // The family opens a conversation with the carer and writes.
    const chatPath = await messageCarer(family, carer, baseUrl);
    await family.fill("#chat-body", "Hello from London");
    await Promise.all([family.waitForLoadState("load"), family.click("form.composer > button.button")]);
    await family.getByText("Hello from London").first().waitFor();

    // The carer's inbox, loaded fresh in Shanghai: the time is the account's zone (Shanghai), in the
    // server's HTML and after hydration alike, with no hydration error.
    await carer.goto(`${baseUrl}/chat`);
    await hydrated(carer);
    await expectTimesIn(carer, ".inbox", "Asia/Shanghai");
    // And the thread says the same hour for the same message.
    await carer.goto(`${baseUrl}${chatPath}`);
    await hydrated(carer);
    await expectTimesIn(carer, ".thread", "Asia/Shanghai");

    // The carer offers a visit at 10:00–11:30 Shanghai time, three days ahead.
    const date = dateIn("Asia/Shanghai", new Date(Date.now() + 3 * 86_400_000));
    await carer.locator("#offer > summary").click();
    await carer.fill('form#offer-form input[name="date"]', date);
    await carer.fill('form#offer-form input[name="start"]', "10:00");
    await carer.fill('form#offer-form input[name="end"]', "11:30");
    await carer.fill('form#offer-form textarea[name="tasks"]', "Tea and a chat");
    await carer.fill('form#offer-form input[name="price"]', "150");
    await carer.click('form#offer-form button[type="submit"]');
    await carer.locator(".offer-card").first().waitFor();
    // The carer's own zone is the parent's: the card says the time once.
    expect(await carer.locator(".offer-card .your-time").count()).toBe(0);

    // The family's account moves to London (text settings), where the browser is.
    await family.goto(`${baseUrl}/account/sms`);
    await family.selectOption('select[name="timeZone"]', "Europe/London");
    // The form posts without leaving the URL: wait for the saved answer, not for a URL already there
    // (the next page could otherwise load before the zone was saved, or cancel the post).
    await Promise.all([
      family.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/account/sms")),
      family.click('main form button[type="submit"]'),
    ]);
    await family.locator(".toast").waitFor();

    const start = zonedTimeToUtc(date, "10:00", "Asia/Shanghai")!;
    const end = zonedTimeToUtc(date, "11:30", "Asia/Shanghai")!;
    const london = formatSpanInReaderZone("en", start, end, {
      now: new Date().toISOString(),
      eventZone: "Asia/Shanghai",
      readerZone: "Europe/London",
    });
    // 10:00 in Shanghai is 02:00 in London (GMT), 03:00 in summer.
    expect(london).toMatch(/0[23]:00–0[34]:30$/);

    // The inbox and the thread, in London now.
    await family.goto(`${baseUrl}/chat`);
    await hydrated(family);
    await expectTimesIn(family, ".inbox", "Europe/London");
    await family.goto(`${baseUrl}${chatPath}`);
    await hydrated(family);
    await expectTimesIn(family, ".thread", "Europe/London");
    // The offer in the parent's zone, and beside it the family's own time.
    const card = family.locator(".offer-card").first();
    expect(await card.textContent()).toContain("10:00–11:30");
    expect(await card.locator(".your-time").textContent()).toBe(`Your time: ${london} (United Kingdom Time)`);

    // Accepted, the visit page says both, in the server's HTML and after hydration.
    const accept = card.locator('button[value="accept"]');
    await Promise.all([family.waitForURL(/\/visits\/[0-9a-f-]{36}$/), accept.click()]);
    const visitUrl = family.url();
    await family.goto(visitUrl);
    await hydrated(family);
    expect(await family.locator(".visit-head").textContent()).toContain("10:00–11:30");
    expect(await family.locator(".visit-head .your-time").textContent()).toBe(
      `Your time: ${london} (United Kingdom Time)`,
    );
    // Without JavaScript, the same words (the server's HTML).
    const html = await (await family.request.get(visitUrl)).text();
    expect(html).toContain(london);

    // The carer's visit page: the carer's zone is the parent's, so one time only.
    await carer.goto(visitUrl);
    await hydrated(carer);
    expect(await carer.locator(".visit-head .your-time").count()).toBe(0);

    expect(familyErrors).toEqual([]);
    expect(carerErrors).toEqual([]);
  });
});
