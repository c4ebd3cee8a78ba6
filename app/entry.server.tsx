// Server render: per-request i18next instance, CSP nonce, bots get the full document at once.
import { PassThrough } from "node:stream";
import { createReadableStreamFromReadable, type AppLoadContext, type EntryContext } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { createInstance } from "i18next";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { I18nextProvider, initReactI18next } from "react-i18next";
import { NonceProvider } from "./components/nonce";
import { i18nOptions, isLocale } from "./i18n/config";
import { detectLocale } from "./i18n/i18n.server";

export const streamTimeout = 5_000;

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  const rootData = remixContext.staticHandlerContext.loaderData.root as { locale?: string } | undefined;
  const locale = isLocale(rootData?.locale) ? rootData.locale : await detectLocale(request);
  const i18n = createInstance();
  await i18n.use(initReactI18next).init({ ...i18nOptions, lng: locale });
  const nonce = loadContext.cspNonce;
  // Stream the shell first only when a loader deferred data; otherwise the whole document is ready at
  // once and goes out in one piece (server/compression.ts gzips it in one call). Bots always wait.
  const readyEvent =
    isbot(request.headers.get("user-agent") ?? "") || !hasDeferredData(remixContext) ? "onAllReady" : "onShellReady";

  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <I18nextProvider i18n={i18n}>
          <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
        </I18nextProvider>
      </NonceProvider>,
      {
        nonce,
        [readyEvent]() {
          shellRendered = true;
          const body = new PassThrough();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) loadContext.logger.error("render error", { error });
        },
      },
    );
    setTimeout(abort, streamTimeout + 1000);
  });
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
      url: request.url,
      error: String((error as Error)?.stack ?? error),
    }),
  );
}
