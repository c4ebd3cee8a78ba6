import { describe, expect, it } from "vitest";
import { PHOTO_KEY, sniffImage } from "./photo";

describe("sniffImage", () => {
  it("recognises JPEG, PNG and WebP by their magic bytes", () => {
    expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe("jpeg");
    expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("png");
    expect(sniffImage(new TextEncoder().encode("RIFF\u0000\u0000\u0000\u0000WEBPVP8 "))).toBe("webp");
  });
  it("refuses SVG, HTML and anything else, whatever the file is called", () => {
    expect(
      sniffImage(new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')),
    ).toBeNull();
    expect(sniffImage(new TextEncoder().encode("<!doctype html><script>alert(1)</script>"))).toBeNull();
    expect(sniffImage(new TextEncoder().encode("GIF89a"))).toBeNull();
    expect(sniffImage(new Uint8Array([]))).toBeNull();
  });
  it("accepts only the storage key shape it writes", () => {
    expect(PHOTO_KEY.test("carers/0b6c1d0e-6a7f-4b8e-9c1d-2e3f4a5b6c7d/1b6c1d0e-6a7f-4b8e-9c1d-2e3f4a5b6c7d.jpg")).toBe(
      true,
    );
    expect(PHOTO_KEY.test("carers/../../etc/passwd")).toBe(false);
  });
});
