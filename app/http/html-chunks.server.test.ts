import { Writable } from "node:stream";
import { createElement } from "react";
import { renderToPipeableStream } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { paddingFree, withoutViewPadding } from "./html-chunks.server";

const ITEM = "CN¥70 马军 😀";
const ITEMS = 300;

/**
 * React's bytes for a list: `lead` ASCII letters, then ITEMS short texts of two-, three- and four-byte
 * characters (short, so React packs them into its views), through `clean` or as React wrote them.
 */
function render(lead: number, clean?: (chunk: Uint8Array) => Uint8Array): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Uint8Array[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, next) {
        chunks.push(clean ? clean(chunk) : chunk);
        next();
      },
      final(next) {
        resolve(Buffer.concat(chunks));
        next();
      },
    });
    const items = Array.from({ length: ITEMS }, (_, i) => createElement("li", { key: i, title: ITEM }, ITEM));
    const list = createElement("ul", null, createElement("li", null, "a".repeat(lead)), ...items);
    const { pipe } = renderToPipeableStream(list, {
      onAllReady: () => pipe(sink),
      onError: reject,
    });
  });
}

// Shifts the items by one byte each time, so that their characters meet the end of a view at every offset.
const leads = Array.from({ length: 8 }, (_, i) => i);

describe("withoutViewPadding", () => {
  it("shows the fault it removes: React 18 pads a partly filled view with zero bytes", async () => {
    const padded = await Promise.all(leads.map((n) => render(n)));
    expect(padded.some((html) => html.includes(0))).toBe(true);
  });

  it("gives the page React meant, for two-, three- and four-byte characters at any offset", async () => {
    for (const n of leads) {
      const html = (await render(n, withoutViewPadding)).toString("utf8");
      const asMeant = (await render(n)).toString("utf8").replaceAll("\u0000", "");
      expect(html.includes("\u0000"), `lead ${n}`).toBe(false);
      expect(html).toBe(asMeant);
      expect(html.split(`<li title="${ITEM}">${ITEM}</li>`).length - 1).toBe(ITEMS);
    }
  });

  it("leaves any other chunk as it is", () => {
    const full = new Uint8Array(2048).fill(97);
    expect(withoutViewPadding(full)).toBe(full);
    const short = new Uint8Array([97, 0]);
    expect(withoutViewPadding(short)).toBe(short);
    const padded = full.slice();
    padded.fill(0, 2045);
    expect(withoutViewPadding(padded).byteLength).toBe(2045);
  });

  it("cleans a streamed page chunk by chunk", async () => {
    const stream = paddingFree();
    const out: Buffer[] = [];
    stream.on("data", (c: Buffer) => out.push(c));
    const view = new Uint8Array(2048).fill(98);
    view.fill(0, 2046);
    stream.write(Buffer.from(view));
    stream.end(Buffer.from("c"));
    await new Promise((r) => stream.on("end", r));
    expect(Buffer.concat(out).toString()).toBe(`${"b".repeat(2046)}c`);
  });
});
