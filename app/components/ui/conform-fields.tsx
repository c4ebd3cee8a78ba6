// The form primitives wired to a conform field: id, name, initial value and errors come from the
// field's metadata, so a form lists labels and rules, not plumbing.
import { type FieldMetadata, getInputProps } from "@conform-to/react";
import type { InputHTMLAttributes } from "react";
import { CheckboxGroup, SelectField } from "./choice-fields";
import { TextareaField } from "./textarea-field";
import { Field } from "./field";

// biome-ignore lint/suspicious/noExplicitAny: conform's metadata is generic over the field's own schema
type Meta = FieldMetadata<any, any, string[]>;
/**
 * "amount" is a number that is never negative (a price, minutes, weeks, a year), typed as text on a
 * numeric keypad: a browser's number input empties a value typed with a Chinese IME's full-width
 * digits ("１２０") and changes the value when a page scrolls over it, while the server reads any
 * keyboard's digits (parseDecimal). "number" stays the browser's own, for coordinates, where the
 * keypad must have a minus sign.
 */
type InputType = "text" | "number" | "amount" | "tel" | "email" | "time" | "date" | "password" | "datetime-local";

export function InputFor({
  field,
  type,
  label,
  hint,
  ...extra
}: { field: Meta; type: InputType; label: string; hint?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  "type" | "name" | "id" | "defaultValue"
>) {
  if (type === "amount") {
    // min, max and step mean nothing to a text box; the schema holds the bounds (conform's forms are noValidate).
    const { min: _min, max: _max, step: _step, inputMode = "numeric", ...rest } = extra;
    const { min: _cmin, max: _cmax, step: _cstep, ...props } = getInputProps(field, { type: "text" });
    return (
      <Field
        label={label}
        hint={hint}
        errors={field.errors}
        inputProps={{ ...props, ...rest, inputMode, autoComplete: "off" }}
      />
    );
  }
  return (
    <Field
      label={label}
      hint={hint}
      errors={field.errors}
      inputProps={{ ...getInputProps(field, { type }), ...extra }}
    />
  );
}

export function TextareaFor({
  field,
  label,
  hint,
  maxLength,
  maxLines,
}: {
  field: Meta;
  label: string;
  hint?: string;
  maxLength: number;
  maxLines?: number;
}) {
  return (
    <TextareaField
      id={field.id}
      name={field.name}
      label={label}
      hint={hint}
      defaultValue={field.initialValue as string | undefined}
      errors={field.errors}
      maxLength={maxLength}
      maxLines={maxLines}
    />
  );
}

export function SelectFor({
  field,
  label,
  options,
  includeEmpty,
  fallback,
  hint,
}: {
  field: Meta;
  label: string;
  options: { value: string; label: string }[];
  includeEmpty?: string;
  /** The value shown when the field has none yet. */
  fallback?: string;
  hint?: string;
}) {
  return (
    <SelectField
      id={field.id}
      name={field.name}
      label={label}
      hint={hint}
      options={options}
      includeEmpty={includeEmpty}
      defaultValue={(field.initialValue as string | undefined) ?? fallback}
      errors={field.errors}
    />
  );
}

export function CheckboxesFor({
  field,
  legend,
  options,
}: {
  field: Meta;
  legend: string;
  options: { value: string; label: string }[];
}) {
  return (
    <CheckboxGroup
      name={field.name}
      legend={legend}
      options={options}
      defaultValues={field.initialValue as string | string[] | undefined}
      errors={field.errors}
    />
  );
}
