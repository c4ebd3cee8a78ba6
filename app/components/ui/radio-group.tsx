// A group of radio buttons with translated errors: its own module, not in choice-fields.tsx, which every
// page loads (vite.config.ts's common chunk), as only the offer form uses it, with conform's field
// metadata (name, initialValue, errors) given as props.
import { ErrorList } from "./field";

/**
 * One choice of a few, each option's whole text on view: a select's closed box cuts a long option
 * at a phone's width, so choices that need a sentence each (cancellation terms) are radio buttons.
 */
export function RadioGroup({
  name,
  legend,
  options,
  defaultValue,
  errors,
}: {
  name: string;
  legend: string;
  options: { value: string; label: string }[];
  defaultValue?: string;
  errors?: string[];
}) {
  const errorId = errors?.length ? `${name}-error` : undefined;
  return (
    <fieldset aria-describedby={errorId}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="choice">
          <input type="radio" name={name} value={o.value} defaultChecked={defaultValue === o.value} />
          <span>{o.label}</span>
        </label>
      ))}
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}
