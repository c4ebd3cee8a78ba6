// In the browser: settles once the whole of the page's language is here. A page hydrates with the texts
// it shows (i18n-data.tsx) and loads the rest just after; what shows only later, like a form's
// messages, waits for it (deferred-validation.ts) rather than reading as its key in the meantime.
let settle: () => void = () => {};

export const languageReady = new Promise<void>((resolve) => {
  settle = resolve;
});

/** Called by entry.client.tsx: at once for a page that carried its whole language, else once loaded. */
export function markLanguageReady(): void {
  settle();
}
