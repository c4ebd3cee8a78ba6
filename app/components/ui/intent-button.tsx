import { Form } from "@remix-run/react";

/** A one-button form that posts an intent and the hidden fields it acts on (remove, cancel, withdraw...). */
export function IntentButton({
  intent,
  fields,
  label,
}: {
  intent: string;
  fields: Record<string, string>;
  label: string;
}) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      {Object.entries(fields).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <button type="submit" className="button button--secondary">
        {label}
      </button>
    </Form>
  );
}
