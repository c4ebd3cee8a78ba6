// The answers given before Remix runs (the request guards, the Origin check, the last-resort error
// handler). They are in the reader's language like every other page, chosen as pages choose it (the
// language cookie, then Accept-Language): a small page for a browser, one line of text for anything
// else. Nothing in them comes from the request but the reference, which is checked where it is made.
import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { Request as ExpressRequest, Response as ExpressResponse } from "express";
import { fallbackLocale, type Locale, supportedLocales } from "~/i18n/config";
import { detectLocale, getFixedT } from "~/i18n/i18n.server";

/** What went wrong: a status's own page, or the Origin check's refusal. */
export type PlainAnswer = "400" | "403" | "404" | "405" | "406" | "413" | "429" | "500" | "origin";

const STATUS_ANSWERS: readonly string[] = ["400", "403", "404", "405", "406", "413", "429", "500"];

/** The plain answer for a refusal's status, if there is one (404, 429, …); null for another status. */
export function plainAnswerFor(status: number): PlainAnswer | null {
  const key = String(status);
  return STATUS_ANSWERS.includes(key) ? (key as PlainAnswer) : null;
}

function localeOf(req: ExpressRequest): Locale {
  const headers = new Headers();
  for (const name of ["cookie", "accept-language"]) {
    const value = req.get(name);
    if (value) headers.set(name, value);
  }
  try {
    return detectLocale(new Request("http://localhost/", { headers }));
  } catch {
    return fallbackLocale;
  }
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);

/** Sends `what` with `status`, in the reader's language. Never throws: it is the last answer. */
export function sendPlainAnswer(
  req: ExpressRequest,
  res: ExpressResponse,
  status: number,
  what: PlainAnswer,
  reference?: string,
): void {
  try {
    send(req, res, status, what, localeOf(req), reference);
  } catch {
    // Whatever went wrong in the page, the answer still goes, plainly.
    if (!res.headersSent) res.status(status).type("text/plain").send(String(status));
  }
}

function send(
  req: ExpressRequest,
  res: ExpressResponse,
  status: number,
  what: PlainAnswer,
  locale: Locale,
  reference: string | undefined,
): void {
  if (res.headersSent) return;
  const t = getFixedT(locale);
  const title = t(`errorPage.${what}.title`);
  const body = t(`errorPage.${what}.body`);
  const ref = reference ? t("errorPage.reference", { id: reference }) : null;
  res.status(status).setHeader("Content-Language", locale);
  if (req.accepts(["text/plain", "text/html"]) === "text/html") {
    const [heading, ...rest] = [title, body, ref].filter((s): s is string => Boolean(s)).map(escapeHtml);
    res
      .type("text/html")
      .send(
        `<!doctype html><html lang="${locale}"><meta charset="utf-8">` +
          `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${heading}</title>` +
          `<h1>${heading}</h1>${rest.map((l) => `<p>${l}</p>`).join("")}` +
          `<p><a href="/">${escapeHtml(t("errorPage.back"))}</a></p></html>`,
      );
  } else {
    res.type("text/plain").send([`${title}: ${body}`, ref].filter(Boolean).join("\n"));
  }
}

/**
 * The answer to a request Node could not read (its `clientError`): a URL or headers past Node's 16 kB
 * were a bare 431 with no word (an outside probe), and a malformed request a bare 400. Its language is
 * unknown (its headers were not read), so the answer says it in each of ours. A timed-out request
 * gets Node's own 408; a connection already gone, nothing.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  // As Node's own handler (socketOnError in lib/_http_server.js): no answer into the middle of a
  // response already under way on the connection (a bad request pipelined behind a long one: a
  // review). A keep-alive connection whose earlier responses are done is answered.
  const inFlight = (socket as Duplex & { _httpMessage?: { _headerSent?: boolean } | null })._httpMessage;
  if (!socket.writable || inFlight?._headerSent || error.code === "ECONNRESET") {
    socket.destroy();
    return;
  }
  const status =
    error.code === "HPE_HEADER_OVERFLOW"
      ? 431
      : error.code === "HPE_CHUNK_EXTENSIONS_OVERFLOW"
        ? 413
        : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
          ? 408
          : 400;
  const what = status === 431 ? "431" : status === 413 ? "413" : "400";
  const body =
    status === 408
      ? ""
      : `${supportedLocales
          .map((locale) => {
            const t = getFixedT(locale);
            return `${t(`errorPage.${what}.title`)}: ${t(`errorPage.${what}.body`)}`;
          })
          .join("\n")}\n`;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: text/plain; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
