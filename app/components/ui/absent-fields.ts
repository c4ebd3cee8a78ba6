// A form's top errors when its component knows which of its fields this render leaves out (drawn only
// in another state of the page): an error on one has no place beside it, so the top says the form
// changed (errors.formChanged), in the server's HTML too. useCheckedForm works the same out in the
// browser from the page after render, which a page without JavaScript never runs (an outside probe:
// a refused hidden field was a 400 that said nothing). Its own module: only such forms load it.
import { FORM_CHANGED } from "./refusal";

export function errorsWithAbsent(
  form: { errors?: string[] | undefined; allErrors: Record<string, string[] | undefined> },
  /** The fields left out, or "all" when the form itself is not drawn. */
  absent: readonly string[] | "all",
): string[] | undefined {
  const leftOut = Object.entries(form.allErrors).some(
    ([name, errors]) => name && errors?.length && (absent === "all" || absent.includes(name)),
  );
  return leftOut && !form.errors?.includes(FORM_CHANGED) ? [...(form.errors ?? []), FORM_CHANGED] : form.errors;
}
