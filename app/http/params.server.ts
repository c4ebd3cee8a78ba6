// Route and query parameters: anything malformed is a 404 or its default, never a database error.
import type { Params } from "@remix-run/react";
import { z } from "zod";
import { fromDecimal, INT4_MAX } from "~/validation/numbers";
import { notFound } from "./responses.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid route parameter; anything else is a 404. */
export function uuidParam(params: Params, name: string): string {
  const value = params[name];
  if (!value || !UUID.test(value)) throw notFound();
  return value.toLowerCase();
}

/**
 * The query string as plain fields, for a zod schema to read: every URL parameter a loader or action
 * uses goes through one (params.server.test.ts checks that nothing reads `searchParams` another way).
 * Navigation parameters (a step, a sort, a cursor) `.catch()` their default, so a bad value shows the
 * page as if it were absent; a filter form's parameters are refused next to their field instead. An
 * empty parameter (`?month=`: a form's blank field, a link trimmed by hand) is one not given, as the
 * search's filter form reads it: the page shows its default, not a 400.
 */
export function queryOf(request: Request): Record<string, string> {
  const query: Record<string, string> = {};
  for (const [name, value] of new URL(request.url).searchParams) {
    if (value === "") delete query[name];
    else query[name] = value;
  }
  return query;
}

/**
 * A filter form's query string for parseWithZod, one value a name: the last, as queryOf reads it. Given
 * twice (`?q=li&q=wang`, `?page=1&page=2`), a name was read as a list and refused as "required" or
 * "enter a number" (an outside probe). No filter takes a list.
 */
export function filterQueryOf(request: Request): URLSearchParams {
  return new URLSearchParams(Object.fromEntries(new URL(request.url).searchParams));
}

export { INT4_MAX };

/** A message number in a query string or header (`?before=`, `?after=`, Last-Event-ID): 0 to INT4_MAX. */
export const seqNumber = fromDecimal(z.number().int().min(0).max(INT4_MAX));
/** The same, from 1: a message number itself (`?before=`), not a count of them. */
export const positiveSeqNumber = fromDecimal(z.number().int().min(1).max(INT4_MAX));
