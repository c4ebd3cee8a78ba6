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
import type { z } from "zod";
import { parseFormWithZod as conformParseWithZod } from "~/validation/form-coercion";
import { FORM_MAX_BYTES } from "./body-limits";
import { FORM_CHANGED } from "~/components/ui/refusal";
import { badRequest } from "./responses.server";
import { SUBMISSION_KEY_FIELD } from "./submission-key";

export { FORM_MAX_BYTES };

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

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
    let read: ReadableStreamReadResult<Uint8Array>;
    try {
      read = await reader.read();
    } catch (error) {
      // The server cut the stream at its own cap (server/request-guards.ts), or the client went away.
      if ((error as { code?: string })?.code === "KV_BODY_TOO_LARGE") throw tooLarge();
      throw badRequest();
    }
    const { done, value } = read;
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

const HUGE_INDEX = /\[\d{4,}\]/;
const INDEX = /\[(\d+)\]/g;
/**
 * The list items the form's names make, counted as conform builds them: `x[3][999]` is 4 lists of 1000.
 * Every field of it was read back into the page's answer (conform's reply), so 1,000 such names, 22 kB
 * sent, were a 3 MB answer and half a second of the server (an outside probe). Our longest forms make
 * a few hundred.
 */
const MAX_LIST_ITEMS = 5000;

function listItems(name: string): number {
  let items = 1;
  for (const m of name.matchAll(INDEX)) items *= Number(m[1]) + 1;
  return items;
}

const countReplacements = (text: string) => text.split("\uFFFD").length - 1;

/**
 * How many U+FFFD the body itself carries (as UTF-8 bytes, or percent-encoded). Decoding turns bytes
 * that are not UTF-8 into U+FFFD, so more of them in the fields than this means such bytes were sent:
 * they were stored silently as "����". One a person pasted is sent encoded, and kept.
 */
function sentReplacements(body: Uint8Array): number {
  const raw = Buffer.from(body).toString("latin1");
  return (raw.match(/%EF%BF%BD/gi)?.length ?? 0) + raw.split("\xEF\xBF\xBD").length - 1;
}

/**
 * Conform's control fields. Its browser code uses them for checks that never leave the page (a
 * field's check, a list button), and no form of ours sends them: every intent submission is stopped
 * in the browser (useCheckedForm requires the check that stops it). On the server conform acts on
 * them before any schema sees the form: crafted ones threw (a 500: `null`, `{}`, an insert on a
 * text field) or built a list of 10^8 empty items (`update` of `x[99999999]`: the process ran out of
 * memory). So a request carrying one is refused before conform reads it, body or query string.
 */
const CONFORM_FIELDS = ["__intent__", "__state__"];

function hasConformField(payload: FormData | URLSearchParams): boolean {
  return CONFORM_FIELDS.some((name) => payload.has(name));
}

/**
 * The request's form fields, from a body of at most `maxBytes` (413 beyond). A body that is not a
 * form (JSON, plain text, none, or broken multipart) is a 400, not a 500: no action ever parses
 * anything but FormData, and none reads an unbounded body. A NUL anywhere (a name or a value), bytes
 * that are not UTF-8 (sentReplacements), a charset other than UTF-8, or one of conform's control
 * fields (CONFORM_FIELDS), is a 400 too: PostgreSQL cannot store NUL in text (22021). Webhooks read their bodies here as well, before their signature.
 */
export async function readFormData(request: Request, { maxBytes = FORM_MAX_BYTES } = {}): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  const type = contentType.split(";")[0]!.trim().toLowerCase();
  if (!FORM_TYPES.includes(type)) throw badRequest();
  // Forms are read as UTF-8, whatever the header says: one declared in another charset was read as
  // UTF-8 and stored garbled. Browsers send UTF-8 pages' forms as UTF-8.
  const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1]?.toLowerCase();
  if (charset && charset !== "utf-8" && charset !== "utf8") throw badRequest();
  const body = await readCappedBody(request, maxBytes);
  let form: FormData;
  try {
    form = await new Request("http://local/", {
      method: "POST",
      body: new Blob([new Uint8Array(body)]),
      headers: { "Content-Type": contentType },
    }).formData();
  } catch {
    throw badRequest();
  }
  let replaced = 0;
  let items = 0;
  for (const [name, value] of form) {
    if (name.includes("\u0000") || (typeof value === "string" && value.includes("\u0000"))) throw badRequest();
    replaced += countReplacements(name) + (typeof value === "string" ? countReplacements(value) : 0);
    // conform makes `x[99999999]` a list that long: no form of ours has a list past a few dozen.
    if (HUGE_INDEX.test(name) || name.length > 200) throw badRequest();
    items += listItems(name);
    if (items > MAX_LIST_ITEMS) throw badRequest();
    if (typeof value !== "string" && value.name.includes("\u0000")) throw badRequest();
  }
  if (hasConformField(form)) throw badRequest();
  if (replaced > 0 && replaced > sentReplacements(body)) throw badRequest();
  return form;
}

type AnyDef = {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  shape?: Record<string, z.ZodType>;
  element?: z.ZodType;
  options?: z.ZodType[];
};
const defOf = (schema: z.ZodType) => (schema as unknown as { _zod: { def: AnyDef } })._zod.def;
const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;
const SCALARS = new Set([
  "string",
  "number",
  "boolean",
  "enum",
  "literal",
  "bigint",
  "date",
  "nan",
  "template_literal",
]);

/**
 * The posted value cut to the schema's shape: a list where the schema has a list, an object where it
 * has an object, a scalar where it has a scalar; anything else is dropped. A form re-rendered from a
 * refused post (`languages.x=1` makes conform build an object where a list belongs) then never meets
 * a shape its components cannot draw.
 */
export function shapeLike(schema: z.ZodType, value: unknown): unknown {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "catch":
    case "readonly":
    case "nonoptional":
      return shapeLike(def.innerType!, value);
    case "pipe":
      return shapeLike(def.in!, value);
    case "object": {
      if (!isRecord(value)) return undefined;
      for (const key of Object.keys(value)) {
        // Own keys only: a posted `toString` found Object.prototype's and threw (a 500 on every form).
        const field = Object.hasOwn(def.shape!, key) ? def.shape![key] : undefined;
        if (!field) continue;
        const shaped = shapeLike(field, value[key]);
        if (shaped === undefined) delete value[key];
        else value[key] = shaped;
      }
      return value;
    }
    case "array":
      if (typeof value === "string") return value; // one checked box
      if (!Array.isArray(value)) return undefined;
      return value.map((v) => shapeLike(def.element!, v)).filter((v) => v !== undefined);
    case "union": {
      const objects = def.options!.filter((o) => defOf(unwrap(o)).type === "object");
      if (objects.length === 0) return value;
      if (!isRecord(value)) return undefined;
      for (const key of Object.keys(value)) {
        const owner = objects.map((o) => defOf(unwrap(o)).shape!).find((shape) => Object.hasOwn(shape, key));
        if (!owner) continue;
        const shaped = shapeLike(owner[key]!, value[key]);
        if (shaped === undefined) delete value[key];
        else value[key] = shaped;
      }
      return value;
    }
    default:
      if (SCALARS.has(def.type) && typeof value === "object" && value !== null && !(value instanceof Blob))
        return undefined;
      return value;
  }
}

function unwrap(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (;;) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return current;
  }
}

/**
 * Conform's parseWithZod (with the app's number rule, app/validation/form-coercion.ts), with the posted payload cut to the schema's shape (see shapeLike), so the
 * reply that re-renders a refused form carries only values its fields can show. Every action parses
 * with this one (biome.json forbids importing conform's directly in app/routes).
 */
export const parseWithZod: typeof conformParseWithZod = ((payload: FormData | URLSearchParams, options: never) => {
  // A loader's query string does not pass through readFormData: the same refusal, here.
  if (hasConformField(payload)) throw badRequest();
  const submission = conformParseWithZod(payload, options);
  const schema = (options as { schema: z.ZodType | ((intent: unknown) => z.ZodType) }).schema;
  const apply = (s: { payload: Record<string, unknown> }) => {
    if (typeof schema !== "function") shapeLike(schema, s.payload);
    return s;
  };
  return submission instanceof Promise ? submission.then(apply) : apply(submission as never);
}) as typeof conformParseWithZod;

type ReplyOptions = Parameters<Submission<unknown>["reply"]>[0];

/**
 * The submission's field and form errors (i18n keys), sent back with the values to the same form:
 * a 400 unless a refusal has a better status (403 not allowed, 409 conflict).
 */
export function invalid<Output>(
  submission: Submission<Output>,
  options: ReplyOptions & {
    status?: number;
    headers?: HeadersInit;
    /** Fields of this form a person never sets (hidden, or shown only in one state of the page). */
    hidden?: readonly string[];
  } = {},
) {
  const { status = 400, headers, hidden = [], ...reply } = options;
  return data(refusedReply(submission, reply, hidden), { status, headers });
}

/** The refused submission's reply as `invalid` answers it, for an action whose answer carries more. */
export function refusedReply<Output>(
  submission: Submission<Output>,
  reply: ReplyOptions = {},
  hidden: readonly string[] = [],
) {
  return saysFormChanged(submission.reply(reply), hidden);
}

/**
 * Fields a person never types: the tap's or the form's key, the intent, a row's id, the time the phone
 * took its fix, the offer a form was drawn under.
 */
const machineField = (name: string) =>
  ["key", SUBMISSION_KEY_FIELD, "intent", "deviceTime", "replaces"].includes(name) || /Id$/.test(name);

/**
 * An error on a field a person never types means the page was stale or tampered with, and its form has
 * no place beside such a field for the message: the form says so at its top (errors.formChanged),
 * already in the HTML, so that a page without JavaScript says it too (an outside probe: a check-in with
 * a forged key was a 400 with no word). In the browser, useCheckedForm and refusalOf add the same for
 * any field the page does not show.
 */
function saysFormChanged<R extends { error?: Record<string, string[] | null> | null }>(
  result: R,
  hidden: readonly string[],
): R {
  const error = result.error;
  const unseen = (name: string) => machineField(name) || hidden.includes(name);
  // A field refused as changed (sent twice, as a list) was edited by hand or by a stale page, and it may
  // be one the page no longer shows (a clash box, a reply form already answered): said at the top too.
  const tampered = (e: string[]) => e.includes(FORM_CHANGED);
  if (
    !error ||
    !Object.entries(error).some(([name, e]) => name !== "" && e && e.length > 0 && (unseen(name) || tampered(e)))
  )
    return result;
  const own = error[""] ?? [];
  return own.includes(FORM_CHANGED) ? result : { ...result, error: { ...error, "": [...own, FORM_CHANGED] } };
}

/** The `default` of an intent switch: TypeScript fails the build when an intent has no case. */
export function unreachable(value: never): never {
  throw new Error(`unhandled intent: ${JSON.stringify(value)}`);
}
