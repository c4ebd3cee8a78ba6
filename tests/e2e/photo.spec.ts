// A phone's photo, larger than the server takes, is made smaller in the browser and goes through
// (components/ui/photo-input.tsx): it was a bare 413 the page could not show.
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { browserSession, demo, DEMO_PASSWORD, logIn, waitForHydration } from "./support";

const session = browserSession();

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
  });
});
