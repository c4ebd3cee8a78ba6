// More form primitives beside Field: a select, a textarea and a group of checkboxes, with translated errors.
import { useState } from "react";
import { useTranslation } from "react-i18next";
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
}: {
  id: string;
  name: string;
  label: string;
  options: Option[];
  defaultValue?: string;
  errors?: string[];
  includeEmpty?: string;
}) {
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue ?? ""}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={errorId}
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

export function TextareaField({
  id,
  name,
  label,
  hint,
  defaultValue,
  errors,
  maxLength,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  errors?: string[];
  maxLength?: number;
}) {
  const { t } = useTranslation();
  // The browser stops typing at maxLength without a word: say how much room is left, and say it
  // (politely, to screen readers too) once the limit is reached. Server-rendered with the saved length.
  const [length, setLength] = useState(defaultValue?.length ?? 0);
  const errorId = errors?.length ? `${id}-error` : undefined;
  const hintId = hint ? `${id}-hint` : undefined;
  const counterId = maxLength ? `${id}-counter` : undefined;
  const full = maxLength !== undefined && length >= maxLength;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <textarea
        id={id}
        name={name}
        rows={3}
        maxLength={maxLength}
        defaultValue={defaultValue}
        onInput={maxLength ? (e) => setLength(e.currentTarget.value.length) : undefined}
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, counterId, errorId].filter(Boolean).join(" ") || undefined}
      />
      {maxLength !== undefined && (
        <p id={counterId} className={`field-counter${full ? " field-counter--full" : ""}`}>
          <span>{t("phoneUx.counter", { n: length, max: maxLength })}</span>
          <span aria-live="polite">{full ? ` · ${t("phoneUx.counterFull", { max: maxLength })}` : ""}</span>
        </p>
      )}
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
  defaultValues?: readonly (string | undefined)[];
  errors?: string[];
}) {
  const errorId = errors?.length ? `${name}-error` : undefined;
  const checked = new Set(defaultValues ?? []);
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
