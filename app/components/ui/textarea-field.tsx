// A text area with a live count of characters and a message at the limit (ADR 022). Kept out of the
// shared chunk every page loads (choice-fields): only pages with a text area pay for it.
import { useState } from "react";
import { useTranslation } from "~/i18n/react";
import { ErrorList } from "./field";

export function TextareaField({
  id,
  name,
  label,
  hint,
  defaultValue,
  errors,
  maxLength,
  maxLines,
}: {
  id: string;
  name: string;
  label: string;
  hint?: string;
  defaultValue?: string;
  errors?: string[];
  maxLength?: number;
  /** A list, a line each (an offer's tasks): the counter counts lines against this, not characters. */
  maxLines?: number;
}) {
  const { t } = useTranslation();
  // The browser stops typing at maxLength without a word: say how much room is left, and say it
  // (politely, to screen readers too) once the limit is reached. Server-rendered with the saved length.
  const [length, setLength] = useState(defaultValue?.length ?? 0);
  // A list's box counts its lines: "0 of 1452 characters" meant nothing beside "up to 12 tasks" (a
  // phone walk).
  const [lines, setLines] = useState(() => linesOf(defaultValue ?? ""));
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
        onInput={
          maxLength
            ? (e) => {
                setLength(e.currentTarget.value.length);
                if (maxLines !== undefined) setLines(linesOf(e.currentTarget.value));
              }
            : undefined
        }
        aria-invalid={errorId ? true : undefined}
        aria-describedby={[hintId, counterId, errorId].filter(Boolean).join(" ") || undefined}
      />
      {maxLength !== undefined && maxLines !== undefined && (
        <p id={counterId} className={`field-counter${lines > maxLines ? " field-counter--full" : ""}`}>
          <span>{t("phoneUx.linesCounter", { n: lines, max: maxLines })}</span>
        </p>
      )}
      {maxLength !== undefined && maxLines === undefined && (
        <p id={counterId} className={`field-counter${full ? " field-counter--full" : ""}`}>
          <span>{t("phoneUx.counter", { n: length, max: maxLength })}</span>
          <span aria-live="polite">{full ? ` · ${t("phoneUx.counterFull", { max: maxLength })}` : ""}</span>
        </p>
      )}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** The lines of a list's box that hold something. */
function linesOf(text: string): number {
  return text.split("\n").filter((line) => line.trim() !== "").length;
}
