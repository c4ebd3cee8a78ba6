// A route's `headers` export that keeps its loader's headers and adds its action's on top: a refusal
// over a limit carries Retry-After on the document response too, not only on the data request.
import type { HeadersFunction } from "@remix-run/node";

export const withActionHeaders: HeadersFunction = ({ loaderHeaders, actionHeaders }) => {
  const merged = new Headers(loaderHeaders);
  for (const [name, value] of actionHeaders) merged.set(name, value);
  return merged;
};
