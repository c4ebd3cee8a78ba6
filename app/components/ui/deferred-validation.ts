// Browser-side form validation that does not hold up hydration: the form's zod schema and conform's zod
// adapter (about 30 KB gzipped) load once the page runs, not before it can hydrate. Until they are here,
// a field or a submit is not checked in the browser and the server answers as it does without JavaScript.
// Create it once per form, outside the component: it keeps what it loaded.
import { parse, type Submission } from "@conform-to/react";
import type { ZodType } from "zod";

export function deferredValidation<Output>(
  loadSchema: () => Promise<ZodType<Output>>,
): (context: { formData: FormData }) => Submission<Output> {
  let validate: ((formData: FormData) => Submission<Output>) | undefined;
  if (typeof document !== "undefined") {
    void Promise.all([loadSchema(), import("@conform-to/zod/v4")]).then(([schema, { parseWithZod }]) => {
      validate = (formData) => parseWithZod(formData, { schema }) as Submission<Output>;
    });
  }
  return ({ formData }) =>
    validate
      ? validate(formData)
      : (parse(formData, { resolve: (value) => ({ value: value as Output }) }) as Submission<Output>);
}
