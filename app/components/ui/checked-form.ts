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
import { INTENT } from "@conform-to/dom";
// biome-ignore lint/style/noRestrictedImports: the one place forms are set up with conform itself.
import { type FormMetadata, type SubmissionResult, useForm } from "@conform-to/react";
import { type FormEvent, useEffect, useState } from "react";

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
  const refusal = lastResult !== putAway ? lastResult?.error?.[""] : undefined;
  const errors = mergeErrors(refusal ?? undefined, form.errors);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    // Conform's own checks arrive as submissions too (a hidden button named by INTENT): not a new answer.
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    if (submitter?.name !== INTENT) setPutAway(lastResult);
    form.onSubmit(event);
  };
  useEffect(() => leaveChecksToSubmit(form.id), [form.id]);
  const shown = new Proxy(form, {
    get(target, key, receiver) {
      if (key === "errors") return errors;
      if (key === "onSubmit") return onSubmit;
      return Reflect.get(target, key, receiver);
    },
  }) as FormMetadata<Schema, Error>;
  return [shown, fields];
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
