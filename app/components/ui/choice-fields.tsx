// More form primitives beside Field: a select and a group of checkboxes, with translated errors.
import { ErrorList } from "./field";

interface Option {
  value: string;
  label: string;
}

export function SelectField({
  id,
  name,
  label,
  options,
  defaultValue,
  errors,
  includeEmpty,
  hint,
}: {
  id: string;
  name: string;
  label: string;
  options: Option[];
  defaultValue?: string;
  errors?: string[];
  includeEmpty?: string;
  hint?: string;
}) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      >
        {includeEmpty !== undefined && <option value="">{includeEmpty}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

export function CheckboxGroup({
  name,
  legend,
  options,
  defaultValues,
  errors,
}: {
  name: string;
  legend: string;
  options: Option[];
  /** The ticked values; one alone may come as a string (a form sent back with one box ticked). */
  defaultValues?: string | readonly (string | undefined)[];
  errors?: string[];
}) {
  const errorId = errors?.length ? `${name}-error` : undefined;
  // A form sent back with one box ticked gives its value alone, not a list: read as a list of letters,
  // the box came back unticked (a new-user walk, without JavaScript).
  const checked = new Set(typeof defaultValues === "string" ? [defaultValues] : (defaultValues ?? []));
  return (
    <fieldset aria-describedby={errorId}>
      <legend>{legend}</legend>
      <div className="checkbox-grid">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input type="checkbox" name={name} value={o.value} defaultChecked={checked.has(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}
