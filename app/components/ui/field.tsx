// Form primitives: a labelled field whose errors (i18n keys) are translated and tied to the input.
import type { ReactNode } from "react";
import { useTranslation } from "~/i18n/react";

export function ErrorList({ id, errors }: { id?: string; errors?: string[] | null }) {
  const { t } = useTranslation();
  if (!errors?.length) return null;
  // Each message once: two rules finding the same fault (a row's rule beside its field's own check)
  // showed "This field is required." twice under one box.
  const once = [...new Set(errors)];
  return (
    <ul id={id} className="field-errors" role="alert">
      {once.map((e) => {
        // A limit travels with its key ("errors.tooLong?max=200", tooLongError in validation/text.ts).
        const [key, max] = e.split("?max=");
        return <li key={e}>{t(key!, { max, defaultValue: t("errors.generic") })}</li>;
      })}
    </ul>
  );
}

interface FieldProps {
  label: string;
  hint?: string;
  errors?: string[];
  inputProps: React.InputHTMLAttributes<HTMLInputElement> & { id: string; key?: string | undefined };
}

export function Field({ label, hint, errors, inputProps }: FieldProps) {
  const { key, ...rest } = inputProps;
  const errorId = errors?.length ? `${rest.id}-error` : undefined;
  const hintId = hint ? `${rest.id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={rest.id}>{label}</label>
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <input
        key={key}
        aria-invalid={errorId ? true : undefined}
        {...rest}
        aria-describedby={[hintId, errorId].filter(Boolean).join(" ") || undefined}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}

/** A form's own message; `id` is the form's `errorId` where it shows the form's errors (see ErrorList). */
export function FormAlert({ id, children }: { id?: string; children: ReactNode }) {
  if (!children) return null;
  return (
    <div id={id} className="form-alert" role="alert">
      {children}
    </div>
  );
}
