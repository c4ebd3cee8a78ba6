// Server render: the translator of the page's language, CSP nonce, Link preloads; the whole document at once,
// as one string, unless a loader deferred data.
import { Writable } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { NonceProvider } from "./components/nonce";
import { isLocale } from "./i18n/config";
import { paddingFree, withoutViewPadding } from "./http/html-chunks.server";
import { preloadLinks } from "./http/preload.server";
import { renderWhole } from "./http/render-whole.server";
import { detectLocale, i18nForRender } from "./i18n/i18n.server";
import { TranslatorProvider } from "./i18n/react";
import { redactText } from "./logger.server";
import stylesHref from "./styles.css?url";
import { islandsLoaded } from "./components/ui/lazy-island";
import { type LazyPart, ShownParts } from "./components/map/shown-parts";

export const streamTimeout = 5_000;

/**
 * Awaited by the server before its first request (server/start.ts): the lazy parts' code, loaded on
 * the server, so the first page is rendered whole like every later one (app/http/render-whole.server.ts).
 */
export const ready = islandsLoaded;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const rootData = remixContext.staticHandlerContext.loaderData.root as { locale?: string } | undefined;
  const locale = isLocale(rootData?.locale) ? rootData.locale : detectLocale(request);
  const translator = i18nForRender(locale);
  const nonce = loadContext.cspNonce;
  // Stream the shell first only when a loader deferred data; otherwise the whole document is ready at
  // once and goes out in one piece (server/compression.ts gzips it in one call). Bots always wait.
  const streaming = hasDeferredData(remixContext);
  // (isbot's patterns are only worth running when there is a choice to make.)
  const readyEvent = !streaming || isbot(request.headers.get("user-agent") ?? "") ? "onAllReady" : "onShellReady";
  // The lazy parts the render shows: a page rendered whole preloads only those.
  const shown = new Set<LazyPart>();
  const preload = (parts?: ReadonlySet<LazyPart>) => {
    const links = preloadLinks(locale, routeScripts(remixContext), stylesHref, parts);
    if (links) responseHeaders.append("Link", links);
  };
  const page = (
    <NonceProvider value={nonce}>
      <TranslatorProvider i18n={translator}>
        <ShownParts.Provider value={shown}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </ShownParts.Provider>
      </TranslatorProvider>
    </NonceProvider>
  );
  const whole = streaming ? null : await renderWhole(page, remixContext);
  if (whole) {
    preload(shown);
    responseHeaders.set("Content-Type", "text/html; charset=utf-8");
    return new Response(whole, { headers: responseHeaders, status: responseStatusCode });
  }
  // The data read ahead for the string, if it was, is in Remix's cache: the stream renders from there.
  // A part that waited renders after the catalogue's script: a page from the stream carries it whole.
  translator.carryAll();
  preload();

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    let timer: NodeJS.Timeout | undefined;
    // An error in the shell reaches Remix's handleError through onShellError; one inside a Suspense
    // boundary (a lazy component whose chunk failed to load) only comes here, often before the shell is
    // known to be fine when the page waits for onAllReady. Those are logged once it is.
    const boundaryErrors: unknown[] = [];
    const logRenderError = (error: unknown) => loadContext.logger.error("render error", { error });
    const { pipe, abort } = renderToPipeableStream(page, {
      nonce,
      [readyEvent]() {
        shellRendered = true;
        for (const error of boundaryErrors.splice(0)) logRenderError(error);
        responseHeaders.set("Content-Type", "text/html; charset=utf-8");
        const respond = (body: BodyInit) =>
          resolve(new Response(body, { headers: responseHeaders, status: responseStatusCode }));
        if (!streaming) {
          // Everything is ready: collect React's 2 kB chunks and answer with one buffer, not a
          // Node stream turned into a web stream read back chunk by chunk.
          pipe(
            collect((html) => {
              clearTimeout(timer);
              respond(html);
            }),
          );
          return;
        }
        const body = endOnce(paddingFree());
        // Done rendering: nothing left to abort, and no timer to keep this render alive for seconds.
        body.once("finish", () => clearTimeout(timer));
        respond(createReadableStreamFromReadable(body));
        pipe(body);
      },
      onShellError(error: unknown) {
        clearTimeout(timer);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) logRenderError(error);
        else boundaryErrors.push(error);
      },
    });
    timer = setTimeout(abort, streamTimeout + 1000);
  });
}

/** A destination that keeps what React writes and hands over the whole document when it ends. */
function collect(done: (html: Uint8Array<ArrayBuffer>) => void): Writable {
  const chunks: Uint8Array[] = [];
  return endOnce(
    new Writable({
      write(chunk: Buffer, _encoding, next) {
        chunks.push(withoutViewPadding(chunk));
        next();
      },
      final(next) {
        done(Buffer.concat(chunks));
        next();
      },
    }),
  );
}

/**
 * React ends its destination again when the stream closes after a finished render; a Node stream
 * answers a second end() with an error object and its stack trace, on every page.
 */
function endOnce<T extends Writable>(stream: T): T {
  const end = stream.end.bind(stream);
  stream.end = ((...args: Parameters<typeof end>) => (stream.writableEnded ? stream : end(...args))) as typeof end;
  return stream;
}

/** Whether a loader or action returned a promise for the page to stream in later. */
function hasDeferredData({ staticHandlerContext }: EntryContext): boolean {
  const isPromise = (v: unknown) => typeof (v as { then?: unknown } | null)?.then === "function";
  return [
    ...Object.values(staticHandlerContext.loaderData ?? {}),
    ...Object.values(staticHandlerContext.actionData ?? {}),
  ].some(
    (data) => isPromise(data) || (data !== null && typeof data === "object" && Object.values(data).some(isPromise)),
  );
}

/** The client modules of the matched routes and everything they import, as Remix's manifest names them. */
function routeScripts({ manifest, staticHandlerContext }: EntryContext): string[] {
  return [
    manifest.entry.module,
    ...manifest.entry.imports,
    ...staticHandlerContext.matches.flatMap((m) => {
      const route = manifest.routes[m.route.id];
      return route ? [route.module, ...(route.imports ?? [])] : [];
    }),
  ];
}

export function handleError(error: unknown, { request }: { request: Request }) {
  if (request.signal.aborted) return;
  // A 4xx that Remix raises itself (405 for a POST to a route without an action, 404 for no route)
  // is an answer, not a fault.
  if (isRouteErrorResponse(error) && error.status < 500) return;
  // Logged by the server with the request id (see server/app.ts); nothing leaks to the page.
  console.error(
    JSON.stringify({
      level: "error",
      msg: "unhandled route error",
      // The path only, as the request log has it: a query holds what people typed (an admin's search
      // for an email or a phone), and anyone could write it into the error log.
      path: new URL(request.url).pathname,
      // Never the query's parameters (people's data): see redactText.
      error: redactText(String((error as Error)?.stack ?? error)),
    }),
  );
}
