// Every form's conform set-up, so that nothing moves under a finger on its way to a button.
//
// A tap is a press and a release on the same element. Pressing a button takes the focus from the field
// being typed in, and conform checks a field when it is left: if that check adds or removes a message
// above the button, the button moves before the release lands, and the tap does nothing. Someone who
// corrected what the server refused and tapped "Send" again saw the message vanish and nothing sent.
// So, for every form:
// - a field checked once is checked again as it is typed in, never when it is left: a corrected value
//   loses its message while the person types, not while they tap;
// - the server's refusal of the whole form ("too many attempts", "wrong code") stays until the next
//   submission, even one the browser refuses before it is sent (a new, local message replaces it
//   then). Conform drops it when any field is checked, and the banner vanishing above the fields moved
//   them all.
// - a field left for one of the form's submit buttons is not checked on the way: the tap itself checks
//   the whole form. Checked on the way, its message appeared above the button, the tap was lost, and
//   the form showed its problems in rounds: that one field's, then the rest on the next tap (a weekly
//   request with a 5-minute visit said only "15 to 720 minutes" before it said "choose a day").
// A field's first check otherwise happens when it is left for another field.
//
// And so that a refusal is never out of sight: conform focuses the first field with an error, but a
// refusal of the whole form ("10 open requests already") showed at its top while a phone stayed
// scrolled at the button, and nothing seemed to happen. So a refusal no field is focused for is
// brought into view and focused (revealRefusal). Its list must carry `id={form.errorId}`. An error on a
// field the page does not show (a hidden field, a list row past the page's last: a stale or tampered
// form) had no place at all: the form says so at its top (errors.formChanged).
import { INTENT } from "@conform-to/dom";
// biome-ignore lint/style/noRestrictedImports: the one place forms are set up with conform itself.
import { type FormMetadata, type SubmissionResult, useForm } from "@conform-to/react";
import { type FormEvent, useEffect, useLayoutEffect, useRef, useState } from "react";
import { FORM_CHANGED } from "./refusal";

type FormOptions<Schema extends Record<string, unknown>, Value, Error> = Parameters<
  typeof useForm<Schema, Value, Error>
>[0];

export type CheckedFormOptions<Schema extends Record<string, unknown>, Value, Error> = Omit<
  FormOptions<Schema, Value, Error>,
  "shouldValidate" | "shouldRevalidate" | "onValidate"
> & {
  /** When a field is first checked: when it is left (the default), or only on submit. */
  shouldValidate?: "onBlur" | "onSubmit";
  /**
   * Required: conform asks for a field's check as a submission carrying its intent, and without this
   * nothing stops that submission, so the form was posted to the server (which refuses conform's
   * intents) each time a field was left.
   */
  onValidate: NonNullable<FormOptions<Schema, Value, Error>["onValidate"]>;
};

export function useCheckedForm<Schema extends Record<string, unknown>, Value = Schema, Error = string[]>(
  options: CheckedFormOptions<Schema, Value, Error>,
): ReturnType<typeof useForm<Schema, Value, Error>> {
  const [form, fields] = useForm<Schema, Value, Error>({
    shouldValidate: "onBlur",
    ...options,
    shouldRevalidate: "onInput",
  } as FormOptions<Schema, Value, Error>);
  const lastResult = options.lastResult as SubmissionResult<Error> | null | undefined;
  const [putAway, setPutAway] = useState<typeof lastResult>(undefined);
  // Whether an error is on a field this page does not show (worked out from the page, after render).
  const [unplaced, setUnplaced] = useState(false);
  const current = lastResult !== putAway;
  const refusal = current ? lastResult?.error?.[""] : undefined;
  const errors = mergeErrors(
    mergeErrors(refusal ?? undefined, unplaced ? ([FORM_CHANGED] as Error) : undefined),
    form.errors,
  );
  // The fields with an error at the last render: read a frame after a submission, when it has happened.
  const allErrors = useRef(form.allErrors);
  allErrors.current = form.allErrors;
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // Conform's own checks arrive as submissions too (a hidden button named by INTENT): not a new answer.
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name !== INTENT) setPutAway(lastResult);
    form.onSubmit(event);
    // Refused in the browser (Remix's Form had not taken it yet): the same care as for the server's.
    const element = event.currentTarget;
    if (event.defaultPrevented && submitter?.name !== INTENT)
      requestAnimationFrame(() => revealRefusal(element, form.errorId, allErrors));
  };
  useEffect(() => leaveChecksToSubmit(form.id), [form.id]);
  const erroredNames = Object.keys(form.allErrors)
    .filter((name) => name && hasAny(form.allErrors[name]))
    .join("\n");
  // Before paint (a layout effect), so that a frame later the message is on the page.
  useClientLayoutEffect(() => {
    const element = document.getElementById(form.id);
    if (!(element instanceof HTMLFormElement)) return;
    setUnplaced(erroredNames !== "" && erroredNames.split("\n").some((name) => !shows(element, name)));
  }, [erroredNames, form.id]);
  useEffect(() => {
    if (lastResult?.status !== "error") return;
    const element = document.getElementById(form.id);
    if (!(element instanceof HTMLFormElement)) return;
    // After conform's own answer to the result (its focus on a field) and the renders it causes.
    const frame = requestAnimationFrame(() => {
      if (!revealField(element, allErrors)) revealRefusal(element, form.errorId, allErrors);
    });
    return () => cancelAnimationFrame(frame);
  }, [lastResult, form.id, form.errorId]);
  const shown = new Proxy(form, {
    get(target, key, receiver) {
      if (key === "errors") return errors;
      if (key === "onSubmit") return onSubmit;
      return Reflect.get(target, key, receiver);
    },
  }) as FormMetadata<Schema, Error>;
  return [shown, fields];
}

// A layout effect in the browser; on the server, where there is no layout, none (React warns of one).
const useClientLayoutEffect = typeof document === "undefined" ? () => {} : useLayoutEffect;

const hasAny = (errors: unknown) => Array.isArray(errors) && errors.length > 0;

const isField = (element: Element) =>
  element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement;

/**
 * Whether the form has a control for `name` (or a list or group under it) that a person can fill in.
 * One in a step of the form not on screen counts: the form brings the first step with an error
 * forward, and "reload" would not help with another's.
 */
function shows(form: HTMLFormElement, name: string): boolean {
  for (const control of Array.from(form.elements)) {
    const n = (control as HTMLInputElement).name;
    if (!n || (n !== name && !n.startsWith(`${name}[`) && !n.startsWith(`${name}.`))) continue;
    if ((control as HTMLInputElement).type !== "hidden") return true;
  }
  return false;
}

/**
 * After the server refused a field: that field focused, with its message in view. Conform focuses the
 * first field with an error as the answer arrives, but not one inside a closed <details> (the carer's
 * "not at the home?" reason was focused nowhere), and the browser scrolls only the field into view: a
 * message under a field at the foot of a phone's screen stayed under the tab bar (a phone walk). So the
 * field's folds are opened, it is focused if it is not, and its message is brought into view (the
 * page's scroll-padding keeps it clear of the tab bar). Unless the person has moved on out of the form.
 * True when there was such a field.
 */
function revealField(form: HTMLFormElement, errors: { current: Record<string, unknown> }): boolean {
  const field = Array.from(form.elements).find(
    (el): el is HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement =>
      isField(el) &&
      (el as HTMLInputElement).type !== "hidden" &&
      hasAny(errors.current[(el as HTMLInputElement).name]),
  );
  if (!field) return false;
  const at = document.activeElement;
  if (at instanceof HTMLElement && at !== document.body && at !== field && !form.contains(at)) return true;
  for (let fold = field.closest("details"); fold; fold = fold.parentElement?.closest("details") ?? null) {
    fold.open = true;
  }
  if (document.activeElement !== field) field.focus({ preventScroll: true });
  field.scrollIntoView({ block: "nearest" });
  const message = (field.getAttribute("aria-describedby") ?? "")
    .split(" ")
    .map((id) => (id ? document.getElementById(id) : null))
    .filter((el): el is HTMLElement => el !== null && el.getAttribute("role") === "alert")
    .at(-1);
  message?.scrollIntoView({ block: "nearest" });
  return true;
}

/**
 * Brings the form's own error list into view and focus when it is off screen, unless conform has
 * focused a field with an error (that field's message is beside it) or the person has moved on
 * elsewhere. On screen, it is left where it is (its role="alert" is read out) and so is the focus: a
 * wrong password answered while the person is still in the field leaves them there to retype it; a
 * focus the page lost comes to the list.
 */
function revealRefusal(form: HTMLFormElement, errorId: string, errors: { current: Record<string, unknown> }): void {
  const alert = document.getElementById(errorId);
  if (!alert?.isConnected) return;
  const box = alert.getBoundingClientRect();
  // On screen, it is focused only when the focus fell to the page (the pressed button is disabled while
  // the form sends): the next Tab went from the top of the page (a new-user walk), now to the form's field.
  if (box.top >= 0 && box.bottom <= window.innerHeight && document.activeElement !== document.body) return;
  const at = document.activeElement;
  if (at instanceof HTMLElement && at !== document.body) {
    if (!form.contains(at) && !alert.contains(at)) return;
    const name = (at as HTMLInputElement).name;
    if (name && isField(at) && (hasAny(errors.current[name]) || at.getAttribute("aria-invalid") === "true")) return;
  }
  // Focusable from script only (not a tab stop), and only once it is brought here.
  if (!alert.hasAttribute("tabindex")) alert.setAttribute("tabindex", "-1");
  alert.focus({ preventScroll: true });
  alert.scrollIntoView({ block: "nearest" });
}

function mergeErrors<Error>(refusal: Error | undefined, current: Error | undefined): Error | undefined {
  if (!Array.isArray(refusal) || refusal.length === 0) return current;
  if (!Array.isArray(current) || current.length === 0) return refusal;
  return [...new Set([...refusal, ...current])] as Error;
}

/**
 * Keeps conform from checking a field the focus leaves for one of the form's submit buttons: its
 * listener is on the document, so the form's own stops the focusout there. A press is seen before the
 * focus moves (pointerdown), which also covers browsers that do not focus a button on a click (Safari).
 */
function leaveChecksToSubmit(formId: string): (() => void) | undefined {
  const element = document.getElementById(formId);
  if (!(element instanceof HTMLFormElement)) return undefined;
  const isSubmit = (target: EventTarget | null) => {
    const button = target instanceof Element ? target.closest("button, input[type=submit]") : null;
    return (
      (button instanceof HTMLButtonElement || button instanceof HTMLInputElement) &&
      button.type === "submit" &&
      button.form === element
    );
  };
  let pressing = false;
  const onPointerDown = (event: PointerEvent) => {
    pressing = isSubmit(event.target);
  };
  const onPointerEnd = () => {
    // After the click that follows the release, not before it.
    setTimeout(() => {
      pressing = false;
    }, 0);
  };
  const onFocusOut = (event: FocusEvent) => {
    if (pressing || isSubmit(event.relatedTarget)) event.stopPropagation();
  };
  element.addEventListener("pointerdown", onPointerDown);
  document.addEventListener("pointerup", onPointerEnd);
  document.addEventListener("pointercancel", onPointerEnd);
  element.addEventListener("focusout", onFocusOut);
  return () => {
    element.removeEventListener("pointerdown", onPointerDown);
    document.removeEventListener("pointerup", onPointerEnd);
    document.removeEventListener("pointercancel", onPointerEnd);
    element.removeEventListener("focusout", onFocusOut);
  };
}
