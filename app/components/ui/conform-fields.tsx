// The form primitives wired to a conform field: id, name, initial value and errors come from the
// field's metadata, so a form lists labels and rules, not plumbing.
import { type FieldMetadata, getInputProps } from "@conform-to/react";
import type { InputHTMLAttributes } from "react";
import { CheckboxGroup, SelectField } from "./choice-fields";
import { TextareaField } from "./textarea-field";
import { Field } from "./field";

// biome-ignore lint/suspicious/noExplicitAny: conform's metadata is generic over the field's own schema
type Meta = FieldMetadata<any, any, string[]>;
type InputType = "text" | "number" | "tel" | "email" | "time" | "date" | "password" | "datetime-local";

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
}: {
  field: Meta;
  label: string;
  hint?: string;
  maxLength: number;
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
    />
  );
}

export function SelectFor({
  field,
  label,
  options,
  includeEmpty,
  fallback,
}: {
  field: Meta;
  label: string;
  options: { value: string; label: string }[];
  includeEmpty?: string;
  /** The value shown when the field has none yet. */
  fallback?: string;
}) {
  return (
    <SelectField
      id={field.id}
      name={field.name}
      label={label}
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
      defaultValues={field.initialValue as string[] | undefined}
      errors={field.errors}
    />
  );
}
