// Per-request memo: a layout and its child page both ask for the same record in one request, and
// the database is asked once. Keyed by the load context, which Express makes fresh per request.
import type { AppLoadContext } from "@remix-run/node";

const memos = new WeakMap<AppLoadContext, Map<string, Promise<unknown>>>();

export function memoizeForRequest<T>(context: AppLoadContext, key: string, load: () => Promise<T>): Promise<T> {
  let memo = memos.get(context);
  if (!memo) {
    memo = new Map();
    memos.set(context, memo);
  }
  let pending = memo.get(key) as Promise<T> | undefined;
  if (!pending) {
    pending = load();
    memo.set(key, pending);
  }
  return pending;
}
