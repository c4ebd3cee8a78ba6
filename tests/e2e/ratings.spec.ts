// Rating on a 390 px phone: family A opens their mother's latest visit (the demo seed leaves
// yesterday's visit with carer X done and unrated), follows the rate prompt, picks stars by their
// anchors, writes a comment, and finds the review on carer X's profile with the three scores.
import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, demo, logIn, waitForHydration } from "./support";
import { browserSession } from "./support";

const session = browserSession();

describe("rating a visit on a phone", () => {
  it("rates the latest visit and sees it on the carer's profile", async () => {
    const page = await session.newPage({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 1,
      isMobile: true,
      hasTouch: true,
    });
    session.allowConsoleError({
      text: /^Failed to load resource: net::ERR_/,
      url: /^https:\/\/tile\.openstreetmap\.org\//,
      reason: "the visit page's map tiles come from the internet, which the test machine does not reach",
    });
    await logIn(page, demo.familyA, DEMO_PASSWORD, "/family");
    // The demo mother's page, then her latest past visit.
    await page.locator("main a[href^='/family/parents/']").first().click();
    await page.waitForURL(/\/family\/parents\/[0-9a-f-]+$/);
    // The past visits follow the upcoming ones (another spec may have booked one with carer X).
    const latest = page.locator("section[aria-labelledby='visits-title'] h3 ~ ul a[href^='/visits/']").filter({
      hasText: "王芳 Wang Fang",
    });
    await latest.first().click();
    await page.waitForURL(/\/visits\/[0-9a-f-]+$/);
    const prompt = page.getByTestId("rate-prompt");
    await expect.poll(() => prompt.textContent()).toContain("How was the visit?");
    await prompt.getByRole("link", { name: "Rate the visit" }).click();
    await page.waitForURL(/\/visits\/[0-9a-f-]+\/rate$/);
    await waitForHydration(page);

    // Sent with no stars: each of the three says so beside it, and nothing is saved.
    await page.getByRole("button", { name: "Submit rating" }).click();
    const starErrors = page.locator("fieldset.star-fieldset ul.field-errors > li");
    await expect.poll(() => starErrors.count()).toBe(3);
    expect(await starErrors.allTextContents()).toEqual(Array(3).fill("Choose from 1 to 5 stars."));

    // Each level's anchor is its label: pick by the words a family reads.
    await page.getByLabel("Exactly as agreed, or better").check();
    await page.getByLabel("Warm and attentive").check();
    await page.getByLabel("Early, and stayed the full time").check();
    const comment = `Mum loved the walk by the lake (${Date.now().toString(36)}). 妈妈很开心。`;
    await page.locator("textarea[name='comment']").fill(comment);
    // Nothing on the page is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.getByRole("button", { name: "Submit rating" }).click();
    await expect.poll(() => page.locator("[data-rated='true']").textContent()).toContain("Your rating is saved.");
    expect(await page.getByRole("button", { name: "Submit rating" }).count()).toBe(0);

    await page.getByRole("link", { name: /ratings$/ }).click();
    await page.waitForURL(/\/carers\/[0-9a-f-]+$/);
    await expect.poll(() => page.locator(".review-list").textContent()).toContain(comment);
    const scores = page.getByTestId("score-panel");
    expect(await scores.locator("[data-metric]").count()).toBe(3);
    expect(await scores.textContent()).toContain("Good ratings");
    expect(await page.getByTestId("measured-punctuality").textContent()).toContain(
      "Checked in within 10 minutes of the start",
    );
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
