// Browser-side form validation that does not hold up hydration: the form's zod schema and conform's zod
// adapter (about 30 KB gzipped) load once the page runs, not before it can hydrate, and checks start
// once the rest of the page's language is here too (its messages are not among the texts the page
// carried). Until then a submit is not checked in the browser and the server answers as it does without
// JavaScript; a field checked before then (conform checks a field when it is left, or typed in after a
// check) is checked again as soon as they arrive, so its message shows without a second touch.
// Create it once per form, outside the component: it keeps what it loaded. A schema whose rules need
// more than the fields (the parent's zone, the clock) comes as a function of the form: it reads them
// there at each check (inFormZone in server-clock.ts).
import { INTENT } from "@conform-to/dom";
import { parse, type Submission } from "@conform-to/react";
import type { ZodType } from "zod";
import { languageReady } from "~/i18n/language-ready";

interface ValidateContext {
  form: HTMLFormElement;
  formData: FormData;
}

export function deferredValidation<Output>(
  loadSchema: () => Promise<ZodType<Output> | ((form: HTMLFormElement) => ZodType<Output>)>,
): (context: ValidateContext) => Submission<Output> {
  let validate: ((form: HTMLFormElement, formData: FormData) => Submission<Output>) | undefined;
  // Field checks asked for before the schema arrived, by form: conform's serialised "validate" intents,
  // and the page they were asked on (a form kept across a navigation to another page of its route
  // is not checked for what was left on the previous one).
  const unchecked = new Map<HTMLFormElement, { href: string; intents: Set<string> }>();
  if (typeof document !== "undefined") {
    void Promise.all([loadSchema(), import("~/validation/form-coercion"), languageReady]).then(
      ([schema, { parseFormWithZod }]) => {
        validate = (form, formData) =>
          parseFormWithZod(formData, {
            schema: typeof schema === "function" ? schema(form) : schema,
          }) as Submission<Output>;
        for (const [form, { href, intents }] of unchecked) {
          if (!form.isConnected || href !== location.href) continue;
          for (const intent of intents) requestIntent(form, intent);
        }
        unchecked.clear();
      },
      () => {
        // A chunk failed to load (a dropped connection): the server checks, as without JavaScript.
      },
    );
  }
  return ({ form, formData }) => {
    if (validate) return validate(form, formData);
    const intent = formData.get(INTENT);
    if (typeof intent === "string" && isFieldCheck(intent)) {
      for (const kept of unchecked.keys()) if (!kept.isConnected) unchecked.delete(kept);
      const entry = unchecked.get(form);
      if (entry?.href === location.href) entry.intents.add(intent);
      else unchecked.set(form, { href: location.href, intents: new Set([intent]) });
    }
    return parse(formData, { resolve: (value) => ({ value: value as Output }) }) as Submission<Output>;
  };
}

/** A check of one field: replaying it has no other effect (unlike a list insert, say, which would repeat). */
function isFieldCheck(intent: string): boolean {
  try {
    const parsed = JSON.parse(intent) as { type?: unknown; payload?: { name?: unknown } };
    return parsed.type === "validate" && typeof parsed.payload?.name === "string";
  } catch {
    return false;
  }
}

/** Asks conform for an intent as it does itself (@conform-to/dom requestIntent, not exported): a hidden
 *  submitter carrying it, outside a form that has an id so that removing it moves no focus. */
function requestIntent(form: HTMLFormElement, intent: string) {
  const submitter = document.createElement("button");
  submitter.name = INTENT;
  submitter.value = intent;
  submitter.hidden = true;
  submitter.formNoValidate = true;
  if (form.id) submitter.setAttribute("form", form.id);
  (form.id ? document.body : form).append(submitter);
  try {
    form.requestSubmit(submitter);
  } catch {
    // The submitter did not belong to the form (another element with its id): conform would fail the
    // same way; the field is checked at its next touch or on submit.
  } finally {
    submitter.remove();
  }
}
