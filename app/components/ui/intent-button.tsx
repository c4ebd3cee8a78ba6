import { Form } from "@remix-run/react";

/** A one-button form that posts an intent and the hidden fields it acts on (remove, cancel, withdraw...). */
export function IntentButton({
  intent,
  fields,
  label,
  action,
}: {
  intent: string;
  fields: Record<string, string>;
  label: string;
  /** Where to post, when not to the route that renders the button. */
  action?: string;
}) {
  return (
    <Form method="post" action={action}>
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
