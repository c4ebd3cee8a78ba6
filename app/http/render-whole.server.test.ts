import type { EntryContext } from "@remix-run/node";
import { createElement, Fragment, type ReactElement } from "react";
import { describe, expect, it } from "vitest";
import { lazyIsland } from "~/components/ui/lazy-island";
import { renderWhole } from "./render-whole.server";

/** The part of Remix's EntryContext these functions use: the data stream and the render's cache. */
function contextWith(chunks: Uint8Array[] | null): EntryContext {
  const serverHandoffStream = chunks
    ? new ReadableStream<Uint8Array>({
        start(controller) {
          for (const chunk of chunks) controller.enqueue(chunk);
          controller.close();
        },
      })
    : undefined;
  return { serverHandoffStream, renderMeta: {} } as unknown as EntryContext;
}

/** As RemixServer and StreamTransfer do: take a reader of the stream, show what the cache holds. */
function DataScripts({ context }: { context: EntryContext }) {
  context.serverHandoffStream?.getReader();
  const cache = context.renderMeta?.streamCache ?? {};
  return createElement(
    Fragment,
    null,
    Object.values(cache).map((chunk, i) =>
      createElement("pre", { key: i, "data-done": String(chunk.result?.done) }, chunk.result?.value),
    ),
  );
}

function document(context: EntryContext, body: ReactElement | null = null): ReactElement {
  return createElement(
    "html",
    null,
    createElement("body", null, createElement("main", null, "马军 ¥70"), body, createElement(DataScripts, { context })),
  );
}

const bytes = (text: string) => new TextEncoder().encode(text);
/** A lazy part whose code never arrives. */
const Waiting = lazyIsland<object>(() => new Promise(() => {}));

function Broken(): never {
  throw new Error("broken part");
}

describe("renderWhole", () => {
  it("reads the page's data ahead, whole even where a character is split between chunks, and renders one document", async () => {
    const ma = bytes("马");
    const context = contextWith([bytes('["name","'), ma.subarray(0, 1), ma.subarray(1), bytes('"]')]);
    const html = await renderWhole(document(context), context);
    expect(html).toBe(
      '<!DOCTYPE html><html><body><main>马军 ¥70</main><pre data-done="false">[&quot;name&quot;,&quot;马&quot;]</pre>' +
        '<pre data-done="true"></pre></body></html>',
    );
  });

  it("gives no HTML when a part of the page would have to wait (a lazy part whose code is not loaded yet)", async () => {
    const context = contextWith([bytes("[]")]);
    expect(await renderWhole(document(context, createElement(Waiting)), context)).toBeNull();
    // The stream that renders the page then finds the data in the cache and a reader to take.
    expect(context.renderMeta?.streamCache?.[0]?.result).toEqual({ done: false, value: "[]" });
    expect(() => context.serverHandoffStream?.getReader()).not.toThrow();
  });

  it("gives no HTML when the page fails to render, and leaves the error to the stream", async () => {
    const context = contextWith([bytes("[]")]);
    expect(await renderWhole(document(context, createElement(Broken)), context)).toBeNull();
    expect(() => context.serverHandoffStream?.getReader()).not.toThrow();
  });

  it("reads nothing when Remix streams no data to the page", async () => {
    const context = contextWith(null);
    expect(await renderWhole(document(context), context)).toBeNull();
    expect(context.renderMeta?.streamCache).toBeUndefined();
  });
});
