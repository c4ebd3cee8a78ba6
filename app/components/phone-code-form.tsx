// Two-step phone-code UI shared by number verification and SMS login: send a code, then enter it.
import { getFormProps, getInputProps, type SubmissionResult } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { Field, FormAlert } from "./ui/field";

// The schema loads after hydration (see deferred-validation.ts); the route's action parses with it.
const validatePhoneCode = deferredValidation(() => import("~/sms/schemas").then((m) => m.PhoneCodeSchema));

interface Props {
  lastResult?: SubmissionResult<string[]> | null;
  /** Set while a code is waiting to be typed (from the loader): shows the code step for this number. */
  sentTo: string | null;
  /** Seconds until another code may be sent to `sentTo`, when the page knows. */
  resendIn?: number | null;
  retryAfter?: number | null;
  defaultPhone?: string;
  labels: { phone: string; send: string; sent: string; code: string; submit: string };
}

/**
 * Seconds left of `from`, counted down once the page runs: null before (the server's page, or no
 * JavaScript), so that only a page that counts disables what the count is for.
 */
function useCountdown(from: number | null | undefined): number | null {
  const [left, setLeft] = useState<number | null>(null);
  useEffect(() => {
    if (!from) return setLeft(null);
    const until = Date.now() + from * 1000;
    const tick = () => setLeft(Math.max(0, Math.ceil((until - Date.now()) / 1000)));
    tick();
    const timer = setInterval(tick, 1000);
    return () => clearInterval(timer);
  }, [from]);
  return left;
}

export function PhoneCodeForm({ lastResult, sentTo, resendIn, retryAfter, defaultPhone, labels }: Props) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const left = useCountdown(resendIn);
  const waiting = left !== null && left > 0;
  const [form, fields] = useCheckedForm({
    id: sentTo ? "code-verify" : "code-send",
    lastResult,
    defaultValue: { phone: sentTo ?? defaultPhone ?? "" },
    onValidate: validatePhoneCode,
  });
  return (
    <>
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <FormAlert id={form.errorId}>
          {form.errors?.map((e) => (
            <p key={e}>{t(e, { seconds: retryAfter ?? 60 })}</p>
          ))}
        </FormAlert>
        {sentTo ? (
          <>
            <p role="status">{labels.sent}</p>
            <input type="hidden" name="intent" value="verify" />
            <input type="hidden" name="phone" value={sentTo} />
            <Field
              label={labels.code}
              errors={fields.code?.errors}
              inputProps={{
                ...getInputProps(fields.code, { type: "text" }),
                inputMode: "numeric",
                autoComplete: "one-time-code",
                // Room for a code typed with a space ("427 235"); the schema reads it (oneTimeCode).
                maxLength: 12,
              }}
            />
            <button type="submit" className="button" disabled={busy}>
              {labels.submit}
            </button>
          </>
        ) : (
          <>
            <input type="hidden" name="intent" value="send" />
            <Field
              label={labels.phone}
              errors={fields.phone.errors}
              inputProps={{ ...getInputProps(fields.phone, { type: "tel" }), autoComplete: "tel", inputMode: "tel" }}
            />
            <button type="submit" className="button" disabled={busy}>
              {labels.send}
            </button>
          </>
        )}
      </Form>
      {sentTo && (
        <Form method="post" className="stack">
          <input type="hidden" name="phone" value={sentTo} />
          {resendIn && left !== 0 ? (
            <p className="muted" aria-live="off">
              {t("codeForm.resendIn", { seconds: left ?? resendIn })}
            </p>
          ) : null}
          <div className="actions">
            <button
              type="submit"
              name="intent"
              value="send"
              className="button button--secondary"
              disabled={busy || waiting}
            >
              {t("codeForm.resend")}
            </button>
            <button type="submit" name="intent" value="change" className="button button--secondary" disabled={busy}>
              {t("codeForm.change")}
            </button>
          </div>
        </Form>
      )}
    </>
  );
}
