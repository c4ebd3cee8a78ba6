// A page rendered as one string when nothing on it waits, with the data Remix streams to it read ahead
// (app/entry.server.tsx falls back to React's stream when this cannot finish the page).
import type { EntryContext } from "@remix-run/node";
import type { ReactElement } from "react";
import { renderToString } from "react-dom/server";

/** What React writes in place of a Suspense boundary it could not finish on the server. */
const UNFINISHED_BOUNDARY = "<!--$!-->";

/**
 * The whole document as one string, for a page on which nothing waits: React's string renderer costs
 * about a quarter of its stream's per element (the stream encodes each piece of markup into a 2 kB view
 * on its own: scripts/bench/react-render.ts). It cannot wait for anything, so the page's data, which
 * Remix hands to the page through a stream that React's Suspense reads, is read ahead here into the cache
 * that Remix's StreamTransfer looks in first (`renderMeta.streamCache`, in EntryContext's types), as the
 * same two chunks the stream gives. A render that still met something to wait for (a lazy part's code
 * the first time after a start) or a failing part leaves an unfinished boundary, and one that fails
 * outright throws: no HTML then, and the stream renders the page, waiting and logging as it does.
 */
export async function renderWhole(page: ReactElement, context: EntryContext): Promise<string | null> {
  const handoff = context.serverHandoffStream;
  if (!handoff || !context.renderMeta) return null;
  const text = await readAll(handoff);
  const chunk = (done: boolean, value: string) => Object.assign(Promise.resolve(), { result: { done, value } });
  context.renderMeta.streamCache = { 0: chunk(false, text), 1: chunk(true, "") };
  let html: string | null;
  try {
    // RemixServer takes a reader of the handoff stream, now read to its end and released (it reads
    // nothing: the cache has every chunk).
    html = renderToString(page);
  } catch {
    html = null;
  }
  if (html === null || html.includes(UNFINISHED_BOUNDARY)) {
    // The stream that renders the page instead takes a reader too: a stream of its own, already
    // finished (the render above left its reader on the first), and it finds the cache.
    context.serverHandoffStream = new ReadableStream({ start: (controller) => controller.close() });
    return null;
  }
  return `<!DOCTYPE html>${html}`;
}

/** A byte stream's whole text; its lock is released, so whoever reads it next finds it finished. */
async function readAll(stream: ReadableStream<Uint8Array>): Promise<string> {
  const reader = stream.getReader();
  const decoder = new TextDecoder();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    return text + decoder.decode();
  } finally {
    reader.releaseLock();
  }
}
