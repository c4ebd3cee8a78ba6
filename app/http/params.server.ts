// Route parameters and the 404 that hides whether a record exists.
import type { Params } from "@remix-run/react";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

/** A uuid route parameter; anything else is a 404 (never a database error). */
export function uuidParam(params: Params, name: string): string {
  const value = params[name];
  if (!value || !UUID.test(value)) throw notFound();
  return value.toLowerCase();
}
