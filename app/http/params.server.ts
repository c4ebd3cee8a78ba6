// Route parameters: anything malformed is a 404, never a database error.
import type { Params } from "@remix-run/react";
import { notFound } from "./responses.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A uuid route parameter; anything else is a 404. */
export function uuidParam(params: Params, name: string): string {
  const value = params[name];
  if (!value || !UUID.test(value)) throw notFound();
  return value.toLowerCase();
}
