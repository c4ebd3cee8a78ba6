// The HTTP answers routes give when a domain says no: domains return null or a typed error, and
// only routes turn those into responses (Epic Stack's invariantResponse, at the edge).

/** A 404 that does not say whether the record exists or only belongs to someone else. */
export function notFound(): Response {
  return new Response("Not found", { status: 404 });
}

export function badRequest(): Response {
  return new Response("Bad request", { status: 400 });
}

export function forbidden(): Response {
  return new Response("Forbidden", { status: 403 });
}

/** Narrows `value` or throws the given response (a 404 unless told otherwise). */
export function invariantResponse<T>(
  value: T,
  response: () => Response = notFound,
): asserts value is Exclude<T, null | undefined | false> {
  if (value === null || value === undefined || value === false) throw response();
}
