// A phone on a flaky network: a form sent with no connection, or whose request is lost on the way, keeps
// the carer on a page that says what happened. Before, both replaced the page with "500, we have been
// told" (false: the server never heard) and lost what was typed.
import { describe, expect, it } from "vitest";
import { CARER, hydrated, logInAs, PHONE } from "./phone-pages";
import { browserSession } from "./support";

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
    const again = page.locator(".error-page a.button");
    await page.unroute(/\/carer\/profile(\.data)?(\?.*)?$/);
    await Promise.all([page.waitForURL(/\/carer\/profile/), again.click()]);
    await page.locator("#carer-profile-radiusKm").waitFor();
  });
});
