// A phone on a flaky network: forms held back while the browser knows it is offline, the button of a
// form on its way, and what a request lost on the way looks like when it reaches a route's error boundary.

export const OFFLINE_NOTICE_ID = "kv-offline";

/**
 * Holds back every form sent while the browser knows it is offline, and shows the notice (hidden again
 * when the browser is back online, or by the next form sent online). Listens on the window while
 * capturing, so before React's listener on the document: no page script sees a held-back submit. Plain
 * DOM, no React: every page pays for it.
 */
export function holdFormsWhileOffline(win: Window): void {
  const show = (shown: boolean) => {
    const notice = win.document.getElementById(OFFLINE_NOTICE_ID);
    if (!notice) return;
    // An alert only while shown: a page's HTML carries no standing role="alert" (that means an error).
    notice.hidden = !shown;
    if (shown) notice.setAttribute("role", "alert");
    else notice.removeAttribute("role");
  };
  // Back online, the notice goes: it sits at the foot of the screen, over the very button to tap again.
  win.addEventListener("online", () => show(false));
  win.addEventListener(
    "submit",
    (event) => {
      const offline = !win.navigator.onLine;
      show(offline);
      if (!offline) return;
      event.preventDefault();
      event.stopImmediatePropagation();
    },
    true,
  );
}

/**
 * Whether an error thrown to a route's boundary is a fetch that failed on the network, not an error of
 * ours. Browsers reject fetch with a TypeError whose words differ: Chromium "Failed to fetch", Firefox
 * "NetworkError when attempting to fetch resource.", Safari "Load failed"; Remix's own "Unable to
 * decode turbo-stream response" follows an answer cut off mid-way (or a portal's page instead of ours).
 */
export function isNetworkFailure(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  return error.name === "TypeError" ? /fetch|load failed/i.test(error.message) : /turbo-stream/.test(error.message);
}

// The button of a form on its way (pending.tsx shows it): aria-busy, which styles.css draws.
let sent: Element | null = null;

/**
 * Remembers the button of every form sent (a form sent by Enter has its default button as submitter),
 * and hides the message the last form left (a "Saved" toast): it is old news once another form is
 * sent, and above a refused one it read as if this one had saved too. Installed before hydration,
 * after holdFormsWhileOffline, which stops the forms it keeps.
 */
export function rememberSubmitters(win: Window): void {
  win.addEventListener(
    "submit",
    (event) => {
      sent = (event as SubmitEvent).submitter;
      for (const toast of win.document.querySelectorAll<HTMLElement>(".toast")) toast.hidden = true;
    },
    true,
  );
}

/**
 * Marks the button of the form just sent, once Remix is sending it: a submit that the page's own
 * checks refused starts nothing, so its button never spins. (The app starts no submission by code.)
 */
export function markSubmitter(): void {
  sent?.setAttribute("aria-busy", "true");
  sent = null;
}

export function clearSubmitters(doc: Document): void {
  for (const button of doc.querySelectorAll("[aria-busy]")) button.removeAttribute("aria-busy");
}
