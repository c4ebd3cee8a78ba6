// Where focus goes when what held it is gone: a button disabled while its form went, or replaced by the
// next step. Left there, focus falls to the page's start and a keyboard or screen-reader user starts over.

/**
 * Focuses `target` unless the person has moved on outside `within` (focus on the page's body, or on
 * nothing, counts as lost).
 */
export function refocus(target: HTMLElement | null | undefined, within: HTMLElement | null | undefined): void {
  const at = document.activeElement;
  if (at && at !== document.body && !within?.contains(at)) return;
  if (at !== target) target?.focus({ preventScroll: true });
}
