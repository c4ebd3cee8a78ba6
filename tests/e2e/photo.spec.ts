// A phone's photo, larger than the server takes, is made smaller in the browser and goes through
// (components/ui/photo-input.tsx): it was a bare 413 the page could not show.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { browserSession, demo, DEMO_PASSWORD, logIn, waitForHydration } from "./support";

const session = browserSession();
const PHOTO_TOO_LARGE = "5 MB";

/** A JPEG of noise, which compresses badly: 2600 × 2000 px, far over 5 MB, like a phone's photo. */
async function bigPhoto(): Promise<Buffer> {
  const width = 2600;
  const height = 2000;
  const noise = Buffer.alloc(width * height * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  return sharp(noise, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 100 })
    .toBuffer();
}

describe("a carer's photo", () => {
  it("larger than the server's 5 MB is shrunk before it is sent, and saved", async () => {
    const photo = await bigPhoto();
    expect(photo.length).toBeGreaterThan(5 * 1024 * 1024);
    const page = await session.newPage();
    await logIn(page, demo.carerY, DEMO_PASSWORD, "/carer");
    await page.goto("/carer/profile/photo");
    await waitForHydration(page);
    await page.setInputFiles("#photo", { name: "IMG_0001.jpg", mimeType: "image/jpeg", buffer: photo });
    const sent = page.waitForRequest((r) => r.method() === "POST" && r.url().includes("/carer/profile/photo"));
    await page.click('main button[type="submit"]');
    const request = await sent;
    await page.getByText("Your photo is saved.").waitFor();
    // What left the phone: the shrunk photo, not the 10 MB one.
    expect((await request.sizes()).requestBodySize).toBeLessThan(2 * 1024 * 1024);
    await page.locator("img.carer-photo").waitFor();
    // The form starts empty again: it kept the file just sent beside "saved" (a new-user walk).
    await expect
      .poll(() => page.locator("#photo").evaluate((el) => (el as HTMLInputElement).files?.length ?? 0))
      .toBe(0);
    // And the way on, which the page lacked (a new-user walk): the next thing on the carer's list.
    const next = page.locator("section.next-step");
    expect(await next.locator("h2").textContent()).toBe("What next");
    const onward = next.locator("a.button").first();
    const href = (await onward.getAttribute("href"))!;
    expect(href).not.toBe("/carer/profile/photo");
    await Promise.all([page.waitForURL((u) => u.pathname + u.search === href), onward.click()]);
  });

  it("that the browser cannot shrink stays on the page with its message, however often Save is tapped", async () => {
    // Not a picture the browser can draw (a corrupt or unusual file): it cannot be made smaller.
    const unreadable = Buffer.alloc(6 * 1024 * 1024, 7);
    const page = await session.newPage();
    await logIn(page, demo.carerY, DEMO_PASSWORD, "/carer");
    await page.goto("/carer/profile/photo");
    await waitForHydration(page);
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() === "POST") posts.push(r.url());
    });
    await page.setInputFiles("#photo", { name: "IMG_0002.jpg", mimeType: "image/jpeg", buffer: unreadable });
    const message = page.locator("#photo-error");
    await message.waitFor();
    for (let tap = 0; tap < 3; tap++) await page.click('main button[type="submit"]');
    // A second and third tap once sent the 6 MB file, and the server's 413 lost the form.
    await page.waitForTimeout(300);
    expect(posts).toEqual([]);
    expect(await message.textContent()).toContain(PHOTO_TOO_LARGE);
  });
});
