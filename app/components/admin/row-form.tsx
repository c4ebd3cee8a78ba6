// A small admin form about one row of a list (a carer, an account, a report, a text): plain HTML that
// works without JavaScript, checked by the server's schema. A refusal comes back as conform's reply;
// only the form whose row it names shows its errors, next to the field.
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { createContext, type ReactNode, useContext } from "react";
import { useTranslation } from "~/i18n/react";
import { ErrorList } from "~/components/ui/field";

export type AdminReply = SubmissionResult<string[]> | undefined;

/** A row's form as the page now draws it: the row's id and the intents its buttons send (any, if the page has one form a row). */
export interface DrawnForm {
  id: string;
  intents?: readonly string[];
}

/**
 * Whether the reply (a refusal) is about this form: the same row and one of its intents. A refusal of
 * another intent (a stale tab's Suspend, refused because another tab suspended the account, which now
 * shows Reinstate) is not: that form would show the refusal and, worse, what was typed for the other
 * action, a tap away from doing the opposite (an outside probe).
 */
export function replyIsFor(reply: AdminReply, idField: string, form: DrawnForm): boolean {
  const sent = reply?.initialValue;
  return sent?.[idField] === form.id && (!form.intents || form.intents.includes(sent.intent as string));
}

/**
 * A refusal that no form on the page takes: its row is gone (a second admin decided it, a retry after
 * the first went through), or it now has another form, or none (an admin's account). Said above the
 * list (an outside probe got a bare 409, and a silent 403).
 */
export function GoneRowErrors({ reply, idField, forms }: { reply: AdminReply; idField: string; forms: DrawnForm[] }) {
  if (!reply?.error?.[""] || forms.some((form) => replyIsFor(reply, idField, form))) return null;
  return <ErrorList errors={reply.error[""]} />;
}

type Intent = string | { intent: string; label: string; danger?: boolean }[];

/** The refusal about the RowForm around a field, if it is this row's: its errors and what was typed. */
const RowReply = createContext<AdminReply>(undefined);

/** Inside a RowForm: the row's refusal, if the last one was about it. */
export const useRowReply = () => useContext(RowReply);

export function RowForm({
  reply,
  idField,
  id,
  intent,
  children,
  submit,
  danger,
  formId,
}: {
  reply: AdminReply;
  idField: string;
  id: string;
  /** One intent with its button, or several buttons that share the form's fields. */
  intent: Intent;
  children?: ReactNode;
  submit: string;
  danger?: boolean;
  /** Unique on the page: what the fields' ids start with. */
  formId: string;
}) {
  const navigation = useNavigation();
  const buttons = typeof intent === "string" ? [{ intent, label: submit, danger }] : intent;
  const mine = replyIsFor(reply, idField, { id, intents: buttons.map((b) => b.intent) }) ? reply : undefined;
  return (
    <RowReply.Provider value={mine}>
      <Form method="post" className="stack inline-form" id={formId} aria-label={submit} noValidate>
        {typeof intent === "string" && <input type="hidden" name="intent" value={intent} />}
        <input type="hidden" name={idField} value={id} />
        <ErrorList errors={mine?.error?.[""] ?? undefined} />
        {children}
        <div className="actions">
          {buttons.map((b) => (
            <button
              key={b.intent}
              type="submit"
              // One intent: it is the form's hidden field, and its button sends nothing more.
              name={typeof intent === "string" ? undefined : "intent"}
              value={typeof intent === "string" ? undefined : b.intent}
              className={`button button--small${b.danger ? " button--danger" : ""}`}
              disabled={navigation.state === "submitting"}
            >
              {b.label}
            </button>
          ))}
        </div>
      </Form>
    </RowReply.Provider>
  );
}

/**
 * A labelled text field of a RowForm, with its errors from the row's refusal and, without JavaScript too,
 * what was typed in it (a new-user walk lost a typed reason to a refusal).
 */
export function ReasonField({
  formId,
  name,
  label,
  required = true,
  multiline = false,
}: {
  formId: string;
  name: string;
  label: string;
  required?: boolean;
  multiline?: boolean;
}) {
  const { t } = useTranslation();
  const sent = useRowReply();
  const errors = sent?.error?.[name] ?? undefined;
  const typed = sent?.initialValue?.[name] as string | undefined;
  const id = `${formId}-${name}`;
  const errorId = errors?.length ? `${id}-error` : undefined;
  return (
    <div className="field">
      <label htmlFor={id}>
        {label}
        {required ? "" : ` ${t("adminPanel.optional")}`}
      </label>
      {multiline ? (
        <textarea
          id={id}
          name={name}
          required={required}
          maxLength={500}
          rows={2}
          aria-describedby={errorId}
          defaultValue={typed}
        />
      ) : (
        <input
          id={id}
          name={name}
          required={required}
          maxLength={500}
          aria-describedby={errorId}
          defaultValue={typed}
        />
      )}
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
