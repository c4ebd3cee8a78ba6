// Back and Forward to another page of the app, asked about before Remix's router moves the page
// (leave-warning.ts). Listeners on window hear popstate in the order they were added, whatever their
// capture flag, and the router adds its own when the page hydrates: a hook's listener, added later, was
// heard second. The router had already started loading the previous page when the person was asked,
// and answering "stay" could show that page (the typed text gone) before the address was moved back.
// This one listener is added before hydration, and asks the page's current guard. Plain DOM, no React:
// every page pays for it.

/** Answers whether the router must not hear this popstate (the person stays, or the address is being put back). */
export type PopGuard = (event: PopStateEvent) => boolean;

// One at a time: a page has one form that asks (React removes the page left's before adding the next's).
let current: PopGuard | undefined;

export function guardPopState(win: Window): void {
  win.addEventListener("popstate", (event) => {
    if (current?.(event)) event.stopImmediatePropagation();
  });
}

/** Sets the page's guard; called with nothing, removes it. */
export function setPopGuard(guard?: PopGuard): void {
  current = guard;
}
