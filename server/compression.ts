// Response compression without brotli on the request path: static files go out as their build-time
// twins (server/static-files.ts); pages and data are gzipped at level 1 in zlib's thread pool, or not at
// all when COMPRESS_PAGES=false (a proxy does it). Server-Sent Events are never compressed.
import { promisify } from "node:util";
import zlib from "node:zlib";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";

const NONE = { br: false, gzip: false } as const;
const acceptCache = new Map<string, { br: boolean; gzip: boolean }>();

/** Which of brotli and gzip an Accept-Encoding header allows (q > 0, by name or through `*`). */
export function acceptedEncodings(header: string | undefined): { br: boolean; gzip: boolean } {
  if (!header) return NONE;
  let found = acceptCache.get(header);
  if (found) return found;
  const q = new Map<string, number>();
  for (const part of header.toLowerCase().split(",")) {
    const [name, ...params] = part.trim().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  const allows = (name: string) => (q.get(name) ?? q.get("*") ?? 0) > 0;
  found = { br: allows("br"), gzip: allows("gzip") };
  // Browsers send a handful of distinct headers; a flood of odd ones only stops the caching.
  if (acceptCache.size < 256) acceptCache.set(header, found);
  return found;
}

/** HTML, single-fetch data (text/x-script), JSON, text: worth gzipping. Never text/event-stream. */
export function isCompressible(contentType: string): boolean {
  if (/text\/event-stream/i.test(contentType)) return false;
  return /^\s*(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/i.test(contentType);
}

/** Smaller bodies are sent as they are: gzip's header and trailer would eat the gain. */
const MIN_BYTES = 1024;
/** Up to this size a whole body is gzipped in one synchronous call (~0.1 ms at level 1, cheaper than a stream). */
const SYNC_MAX_BYTES = 256 * 1024;
const LEVEL = 1;

const gzipAsync = promisify(zlib.gzip);

export interface SendOptions {
  /** COMPRESS_PAGES: gzip compressible responses for clients that take gzip. */
  compress: boolean;
  /** Sends `Cache-Control: private, no-store` in place of whatever the route said (see remix-handler.ts). */
  noStore?: boolean;
}

/**
 * Writes a Fetch Response to Express: status, headers, then the body. A body that is complete within
 * one turn of the event loop (every page without deferred data) goes out in one write with its
 * Content-Length, gzipped in one call; a body that keeps streaming goes through a gzip stream that is
 * flushed after each burst, so deferred data still arrives as it renders.
 */
export async function sendResponse(
  req: ExpressRequest,
  res: ExpressResponse,
  response: Response,
  { compress, noStore = false }: SendOptions,
): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (noStore) {
    // An event stream's no-transform stays (proxies must not buffer it).
    const transform = /no-transform/i.test(response.headers.get("Cache-Control") ?? "") ? ", no-transform" : "";
    res.setHeader("Cache-Control", `private, no-store${transform}`);
  }
  const type = response.headers.get("Content-Type") ?? "";
  if (/text\/event-stream/i.test(type)) {
    res.flushHeaders();
    if (response.body) await streamBody(response.body.getReader(), res, res, [], false);
    else res.end();
    return;
  }
  if (!response.body || req.method === "HEAD") {
    if (response.body) await response.body.cancel().catch(() => {});
    res.end();
    return;
  }
  const compressible = compress && isCompressible(type);
  if (compressible) res.vary("Accept-Encoding");
  const gzip =
    compressible &&
    acceptedEncodings(req.headers["accept-encoding"]).gzip &&
    !response.headers.has("Content-Encoding") &&
    !/no-transform/i.test(response.headers.get("Cache-Control") ?? "") &&
    response.status !== 204 &&
    response.status !== 304;

  const reader = response.body.getReader();
  let first: Batch;
  try {
    first = await nextBatch(reader);
  } catch (error) {
    res.destroy(error as Error);
    return;
  }
  if (first.done) {
    const whole = concat(first.chunks);
    if (gzip && whole.length >= MIN_BYTES) {
      const packed =
        whole.length <= SYNC_MAX_BYTES
          ? zlib.gzipSync(whole, { level: LEVEL })
          : await gzipAsync(whole, { level: LEVEL });
      res.setHeader("Content-Encoding", "gzip");
      res.setHeader("Content-Length", packed.length);
      res.end(packed);
    } else {
      res.setHeader("Content-Length", whole.length);
      res.end(whole);
    }
    return;
  }
  if (gzip) {
    res.setHeader("Content-Encoding", "gzip");
    res.removeHeader("Content-Length");
    const gz = zlib.createGzip({ level: LEVEL });
    gz.on("error", (error) => res.destroy(error));
    gz.pipe(res);
    await streamBody(reader, gz, res, first.chunks, true);
    return;
  }
  await streamBody(reader, res, res, first.chunks, false);
}

interface Batch {
  chunks: Uint8Array[];
  done: boolean;
}

const concat = (chunks: Uint8Array[]) =>
  chunks.length === 1
    ? Buffer.from(chunks[0]!.buffer, chunks[0]!.byteOffset, chunks[0]!.byteLength)
    : Buffer.concat(chunks);

const pendingReads = new WeakMap<
  ReadableStreamDefaultReader<Uint8Array>,
  Promise<ReadableStreamReadResult<Uint8Array>>
>();

/**
 * Waits for at least one chunk, then takes whatever else arrives before this turn of the event loop
 * ends (React writes a page in 2 KB pieces, all in one turn). `done` once the stream has ended.
 */
async function nextBatch(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Batch> {
  const chunks: Uint8Array[] = [];
  let bytes = 0;
  let turned = false;
  let turn: Promise<"turned"> | undefined;
  let immediate: NodeJS.Immediate | undefined;
  try {
    for (;;) {
      let read = pendingReads.get(reader);
      if (!read) {
        read = reader.read();
        pendingReads.set(reader, read);
      }
      const result = turn ? await Promise.race([read, turn]) : await read;
      if (result === "turned") return { chunks, done: false }; // the read stays pending for the next batch
      pendingReads.delete(reader);
      if (result.done) return { chunks, done: true };
      chunks.push(result.value);
      bytes += result.value.byteLength;
      if (turned || bytes > SYNC_MAX_BYTES) return { chunks, done: false };
      turn ??= new Promise<"turned">((resolve) => {
        immediate = setImmediate(() => {
          turned = true;
          resolve("turned");
        });
      });
    }
  } finally {
    if (immediate && !turned) clearImmediate(immediate);
  }
}

async function streamBody(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  out: NodeJS.WritableStream & { flush?: (cb?: () => void) => void },
  res: ExpressResponse,
  already: Uint8Array[],
  flushEachBatch: boolean,
): Promise<void> {
  let closed = false;
  res.on("close", () => {
    closed = true;
    if (!res.writableFinished) reader.cancel().catch(() => {});
  });
  const drained = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        out.removeListener("drain", done);
        res.removeListener("close", done);
        resolve();
      };
      out.once("drain", done);
      res.once("close", done);
    });
  let batch: Batch = { chunks: already, done: false };
  try {
    for (;;) {
      if (closed) return;
      if (batch.done) {
        if (batch.chunks.length) out.end(concat(batch.chunks));
        else out.end();
        return;
      }
      if (batch.chunks.length) {
        const ok = out.write(concat(batch.chunks));
        if (flushEachBatch) out.flush?.();
        if (!ok) await drained();
      }
      batch = await nextBatch(reader);
    }
  } catch (error) {
    res.destroy(error as Error);
  }
}
