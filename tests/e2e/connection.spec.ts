// A phone on a flaky network: a form sent with no connection, or whose request is lost on the way, keeps
// the carer on a page that says what happened. Before, both replaced the page with "500, we have been
// told" (false: the server never heard) and lost what was typed.
import { describe, expect, it } from "vitest";
import { CARER, FAMILY, hydrated, logInAs, PHONE } from "./phone-pages";
import { allowMapTiles, browserSession } from "./support";

const session = browserSession();

async function carerOnProfile() {
  const page = await session.newPage({ locale: "zh-CN", viewport: PHONE, isMobile: true, hasTouch: true });
  // Map tiles are not this test's business; answering them keeps the offline moments quiet.
  await page.context().route(/tile\.openstreetmap\.org/, (route) => route.fulfill({ status: 204 }));
  await logInAs(page, CARER);
  await page.goto("/carer/profile");
  await hydrated(page);
  return page;
}

describe("a form sent without a connection", () => {
  it("sends nothing, keeps the page and what was typed, and says so", async () => {
    const page = await carerOnProfile();
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    // Until shown, the notice is no alert and no toast (what looks for the page's toast finds the toast).
    const notice = page.locator(".connection-notice");
    expect(await notice.getAttribute("role")).toBeNull();
    expect(await page.locator(".toast.connection-notice").count()).toBe(0);
    await page.fill("#carer-profile-radiusKm", "１２");
    await page.context().setOffline(true);
    await page.locator("main form button[type=submit]").last().click();

    await notice.waitFor({ state: "visible" });
    expect(await page.getByRole("alert").filter({ hasText: "没有网络连接" }).count()).toBe(1);
    expect(await notice.textContent()).toContain("没有网络连接");
    expect(posts).toEqual([]);
    expect(await page.inputValue("#carer-profile-radiusKm")).toBe("１２");
    expect(await page.locator(".error-page").count()).toBe(0);

    // Back online, it goes by itself: it sat over the button to tap again.
    await page.context().setOffline(false);
    await notice.waitFor({ state: "hidden" });
    expect(await notice.getAttribute("role")).toBeNull();

    // Dismissed by hand, too.
    await page.context().setOffline(true);
    await page.locator("main form button[type=submit]").last().click();
    await notice.waitFor({ state: "visible" });
    await notice.locator("button").click();
    await notice.waitFor({ state: "hidden" });
    await page.context().setOffline(false);
  });

  it("a request lost on the way is a dropped connection with a way back, not a 500", async () => {
    const page = await carerOnProfile();
    session.allowConsoleError({
      text: /ERR_INTERNET_DISCONNECTED|Failed to fetch/,
      url: /.*/,
      reason: "the test cuts the request off, and React reports the error its boundary shows",
    });
    await page.route(/\/carer\/profile(\.data)?(\?.*)?$/, (route) =>
      route.request().method() === "POST" ? route.abort("internetdisconnected") : route.continue(),
    );
    await page.locator("main form button[type=submit]").last().click();

    const title = page.locator(".error-page h1");
    await title.waitFor();
    expect(await title.textContent()).toBe("网络连接中断");
    expect(await page.locator(".error-code").count()).toBe(0);
    expect(await page.locator(".error-page a.button").getAttribute("href")).toMatch(/^\/carer\/profile/);
    // Back online, the page comes back by itself, without a tap (an outside probe: a live page that
    // lost one background read stayed the error page after the network returned).
    await page.unroute(/\/carer\/profile(\.data)?(\?.*)?$/);
    await page.evaluate(() => window.dispatchEvent(new Event("online")));
    await page.locator("#carer-profile-radiusKm").waitFor();
    expect(await page.locator(".error-page").count()).toBe(0);
  });
});

describe("a live stream the server turned away", () => {
  it("opens again by itself, and the chat hears the other side without a reload", async () => {
    session.allowConsoleError({
      text: /503|EventSource/,
      url: /\/stream/,
      reason: "the test answers the page's first live streams with 503, as a restarting server does",
    });
    // Tiles are not routed away here: with any route in place, Chromium holds a stream's events back.
    allowMapTiles(session);
    const family = await session.newPage({ locale: "en", viewport: PHONE, isMobile: true, hasTouch: true });
    const carer = await session.newPage({ locale: "zh-CN", viewport: PHONE, isMobile: true, hasTouch: true });
    await logInAs(family, FAMILY);
    await logInAs(carer, CARER);
    // The family opens (or finds again) a conversation with carer X from the carer's public profile.
    await carer.goto("/carer/profile");
    const profile = await carer.locator('main a[href^="/carers/"]').first().getAttribute("href");
    expect(profile).toMatch(/^\/carers\/[0-9a-f-]{36}$/);

    // Its first two streams are refused: the browser's EventSource gives up on a 503 for good. Then
    // the route is gone (a routed stream is held back until it ends), and the next one goes through.
    const stream = /\/chat\/[^/]+\/stream/;
    let refused = 0;
    let opened = 0;
    family.on("request", (r) => {
      if (stream.test(r.url()) && refused === 2) opened++;
    });
    await family.route(stream, async (route) => {
      await route.fulfill({ status: 503, contentType: "text/plain", body: "restarting" });
      refused++;
      if (refused === 2) await family.unroute(stream);
    });
    await family.goto(profile!);
    await hydrated(family);
    await Promise.all([
      family.waitForURL(/\/chat\/[0-9a-f-]{36}$/),
      family.locator('form.message-carer button[type="submit"]').click(),
    ]);
    const chat = new URL(family.url()).pathname;
    await expect.poll(() => opened, { timeout: 30_000 }).toBe(1);
    expect(refused).toBe(2);

    // Live again: what the carer sends shows on the family's page, which was not reloaded.
    const marker = await family.evaluate(() => {
      (window as unknown as { notReloaded: boolean }).notReloaded = true;
      return true;
    });
    // Words, not a number: a long run of digits in a chat is masked as a phone number for the reader.
    const text = `Back online ${crypto.randomUUID().replace(/[^a-f]/g, "")}`;
    await carer.goto(chat!);
    await hydrated(carer);
    await carer.fill("#chat-body", text);
    await carer.click("form.composer > button.button");
    await family.getByText(text).waitFor({ timeout: 15_000 });
    expect(marker && (await family.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded))).toBe(
      true,
    );
  });
});
