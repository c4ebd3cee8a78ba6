// Work that must not make an answer slower: it starts once the response has been sent (the load
// context's connectionClosed fires when Express closes the response), so whether it runs at all
// cannot be read from the answer's timing (docs/decisions/015-login-throttling-and-enumeration.md).
import type { AppLoadContext } from "@remix-run/node";

export function afterResponse(context: AppLoadContext, what: string, task: () => Promise<unknown>): void {
  const run = () => {
    void context.inFlight.track(task().catch((error: unknown) => context.logger.error(`${what} failed`, { error })));
  };
  if (context.connectionClosed.aborted) run();
  else context.connectionClosed.addEventListener("abort", run, { once: true });
}
