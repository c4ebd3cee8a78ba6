// A carer's "Offer to help" on a nearby job opens the chat's offer form at the terms the family posted.
// Its price followed the times at the carer's hourly rate instead, as for a conversation about a
// service: a ¥120 budget for an hour was offered at ¥60 by a carer who just tapped Send (a new-user
// walk). The rate's total stays one tap away.
import { describe, expect, it } from "vitest";
import { allowMapTiles, browserSession, DEMO_PASSWORD, demo, logIn, postNewParent, waitForHydration } from "./support";

const session = browserSession();
const PHONE = { width: 390, height: 844 };
// A demo family no other browser test uses: this test gives it a parent and an open request.
const FAMILY = "family96@demo.kinvisit.test";

describe("an offer made from a nearby job", () => {
  it("starts at the family's budget, with the carer's rate a tap away", async () => {
    const carer = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    const family = await session.newPage({ viewport: PHONE, isMobile: true, hasTouch: true });
    allowMapTiles(session);
    // One of carer X's services, from the profile form's own rows.
    await logIn(carer, demo.carerX, DEMO_PASSWORD, "/carer");
    await carer.goto("/carer/profile?step=services");
    const service = await carer
      .locator(".service-row", { has: carer.locator('input[type=checkbox][name$=".offered"]:checked') })
      .first()
      .locator('input[type=hidden][name$=".service"]')
      .getAttribute("value");
    expect(service).toBeTruthy();

    // The family posts a request near carer X (Xihu), with a budget of ¥120 for one hour.
    await logIn(family, FAMILY, DEMO_PASSWORD, "/family");
    const parent = await postNewParent(family, { lat: "30.2593", lng: "120.1385" });
    await family.goto(`${parent}/requests/new`);
    const posted = await family.request.post(`${parent}/requests/new`, {
      headers: { Origin: new URL(family.url()).origin },
      form: {
        submissionKey: await family.locator('input[name="submissionKey"]').inputValue(),
        service: service!,
        schedule: "weekly",
        weekdays: "2",
        time: "10:00",
        durationMinutes: "60",
        budget: "120",
      },
      maxRedirects: 0,
    });
    expect(posted.status()).toBe(302);
    await family.goto(parent);
    const requestId = await family.locator('input[name="requestId"]').first().getAttribute("value");

    await carer.goto(`/carer/jobs/${requestId}`);
    await waitForHydration(carer);
    await carer.locator('form[action="/chat/new"] button[value="yes"]').tap();
    await carer.waitForURL(/\/chat\/[0-9a-f-]{36}/);
    const price = carer.locator('form#offer-form input[name="price"]');
    await price.waitFor();
    await waitForHydration(carer);
    // The rate's hint has had its render: the price did not follow it.
    const useRate = carer.locator(".offer-form__rate button");
    await useRate.waitFor();
    expect(await price.inputValue()).toBe("120");
    await useRate.tap();
    expect(await price.inputValue()).not.toBe("120");
  });
});
