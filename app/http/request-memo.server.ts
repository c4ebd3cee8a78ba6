// Per-request memo: a layout and its child page both ask for the same record in one request, and
// the database is asked once. Keyed by the load context, which Express makes fresh per request, and by
// the method: a form posted without JavaScript runs its action (POST) and then the page's loaders
// (GET) in one request, and what the action read before it wrote is not what the page should show.
// Shared, it showed a check-out's losing twin "In progress" beside a timeline that had the check-out
// (an outside probe).
import type { AppLoadContext } from "@remix-run/node";

const memos = new WeakMap<AppLoadContext, Map<string, Promise<unknown>>>();

export function memoizeForRequest<T>(
  context: AppLoadContext,
  request: Request,
  key: string,
  load: () => Promise<T>,
): Promise<T> {
  let memo = memos.get(context);
  if (!memo) {
    memo = new Map();
    memos.set(context, memo);
  }
  const slot = `${request.method}:${key}`;
  let pending = memo.get(slot) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    memo.set(slot, pending);
  }
  return pending;
}
