// What a page without conform's form (one-button forms, a composer) shows of the server's refusal: the
// form's own errors, and "not as this page sent it" when an error is on a field the page does not show
// (a hidden id or key: a stale or tampered page). Before, such an error was a 400 with no word on the
// page. useCheckedForm does the same for its forms from the page itself (checked-form.ts).
export const FORM_CHANGED = "errors.formChanged";

interface Refused {
  error?: Record<string, string[] | null> | null;
}

/** The messages to show for `result`, given the fields whose own errors the page shows beside them. */
export function refusalOf(result: Refused | null | undefined, shown: readonly string[] = []): string[] | undefined {
  const error = result?.error;
  if (!error) return undefined;
  const own = error[""] ?? [];
  const unplaced = Object.entries(error).some(([name, e]) => name !== "" && e && e.length > 0 && !shown.includes(name));
  const all = unplaced && !own.includes(FORM_CHANGED) ? [...own, FORM_CHANGED] : own;
  return all.length > 0 ? all : undefined;
}
