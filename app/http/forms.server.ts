// The one shape of an action: read the form, parse it with conform + zod, dispatch on the intent
// with an exhaustive switch, then answer with the submission's errors or a redirect with a toast.
//
//   const submission = parseWithZod(await readFormData(request), { schema: Actions });
//   if (submission.status !== "success") return invalid(submission);
//   switch (submission.value.intent) { case "…": …; default: return unreachable(submission.value); }
//
// An unknown intent fails the discriminated union, so it is a 400 like any other bad field.
import type { Submission } from "@conform-to/react";
import { data } from "@remix-run/node";
import { badRequest } from "./responses.server";

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

/** The largest form body an action reads, unless it asks for more (a photo upload does). */
export const FORM_MAX_BYTES = 64 * 1024;

function tooLarge(): Response {
  return new Response("Payload too large", { status: 413, headers: { Connection: "close" } });
}

/**
 * Reads the request body up to the cap. A declared Content-Length over the cap is refused before a
 * byte is read; a body that grows past the cap (chunked, or lying) is cut off as soon as it does.
 */
async function readCappedBody(request: Request, cap: number): Promise<Uint8Array> {
  const declared = Number(request.headers.get("Content-Length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > cap) throw tooLarge();
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > cap) {
      // Stop reading but do not destroy the socket: the client must still receive the 413.
      reader.releaseLock();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}

/**
 * The request's form fields, from a body of at most `maxBytes` (413 beyond). A body that is not a
 * form (JSON, plain text, none, or broken multipart) is a 400, not a 500: no action ever parses
 * anything but FormData, and none reads an unbounded body.
 */
export async function readFormData(request: Request, { maxBytes = FORM_MAX_BYTES } = {}): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) throw badRequest();
  const body = await readCappedBody(request, maxBytes);
  try {
    return await new Request("http://local/", {
      method: "POST",
      body: new Blob([new Uint8Array(body)]),
      headers: { "Content-Type": contentType },
    }).formData();
  } catch {
    throw badRequest();
  }
}

type ReplyOptions = Parameters<Submission<unknown>["reply"]>[0];

/**
 * The submission's field and form errors (i18n keys), sent back with the values to the same form:
 * a 400 unless a refusal has a better status (403 not allowed, 409 conflict).
 */
export function invalid<Output>(submission: Submission<Output>, options: ReplyOptions & { status?: number } = {}) {
  const { status = 400, ...reply } = options;
  return data(submission.reply(reply), { status });
}

/** The `default` of an intent switch: TypeScript fails the build when an intent has no case. */
export function unreachable(value: never): never {
  throw new Error(`unhandled intent: ${JSON.stringify(value)}`);
}
