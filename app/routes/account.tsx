// /account: the account's settings on one page: name, email, password, language, time zone, mobile
// and texts, sessions, and one's data (download, delete). Each section posts its own intent (ADR 021).
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps, getInputProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { parseWithZod } from "~/http/forms.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { useTranslation } from "~/i18n/react";
import { AccountSettingsSchema } from "~/account/schemas";
import {
  changeEmail,
  changeLanguage,
  changeName,
  changePassword,
  changeTimeZone,
  isCurrentPassword,
  reservePasswordAttempt,
  reserveEmailTaken,
} from "~/account/settings.server";
import { getCurrentAuth, requireUser } from "~/auth/guards.server";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { ErrorList, Field, FormAlert } from "~/components/ui/field";
import { supportedLocales } from "~/i18n/config";
import { localeCookie } from "~/i18n/i18n.server";
import { readFormData, unreachable } from "~/http/forms.server";
import { newSubmissionKey, oncePerSubmission } from "~/http/once.server";
import { SubmissionKeyInput } from "~/components/ui/submission-key-input";
import { redirectWithToast } from "~/http/toast.server";
import type { PageHandle } from "~/components/page-title";
import { inBrackets } from "~/i18n/formatters";
import { displayPhone } from "~/parents/phone-display";
import { TimeZoneSelect } from "~/components/time-zone-select";

const validateSettings = deferredValidation(() => import("~/account/schemas").then((m) => m.AccountSettingsSchema));

export const handle: PageHandle = { title: "titles.account" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return {
    name: user.name,
    email: user.email,
    phone: user.phone,
    phoneVerified: user.phoneVerifiedAt !== null,
    role: user.role,
    locale: user.locale,
    timeZone: user.timeZone,
    submissionKey: newSubmissionKey(),
  };
}

const ERRORS = {
  wrong_password: "accountBasics.settings.wrongPassword",
  rate_limited: "accountBasics.settings.tooMany",
  email_taken: "errors.emailTaken",
  same_email: "accountBasics.settings.sameEmail",
} as const;

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const form = await readFormData(request);
  const submission = parseWithZod(form, { schema: AccountSettingsSchema });
  const intent = typeof submission.payload.intent === "string" ? submission.payload.intent : null;
  const refuse = (options: Parameters<typeof submission.reply>[0], status = 400) =>
    data(
      { intent, result: submission.reply({ ...options, hideFields: ["currentPassword", "newPassword"] }) },
      { status },
    );
  if (submission.status !== "success") return refuse({});
  const command = submission.value;
  const now = new Date();
  switch (command.intent) {
    case "name": {
      await changeName(context.db, user, command.name);
      return redirectWithToast(context.env, "/account", { message: "nameSaved" });
    }
    case "email":
    case "password": {
      // Taken outside the change's transaction, which a refusal rolls back; given back unless wrong.
      const attempt = await reservePasswordAttempt(context.db, user);
      if (!attempt.allowed) return refuse({ formErrors: [ERRORS.rate_limited] }, 429);
      const taken = command.intent === "email" ? await reserveEmailTaken(context.db, user) : null;
      if (taken && !taken.allowed) {
        await attempt.release();
        return refuse({ formErrors: [ERRORS.rate_limited] }, 429);
      }
      const auth = await getCurrentAuth(request, context);
      const change = async (
        db: typeof context.db,
      ): Promise<{ redirectTo: string } | { failure: keyof typeof ERRORS }> => {
        const result =
          command.intent === "email"
            ? await changeEmail(db, context.logger, user, command, now, { counted: true })
            : await changePassword(db, context.logger, user, { ...command, keepSessionId: auth!.session.id }, now, {
                counted: true,
              });
        return result.ok ? { redirectTo: "/account" } : { failure: result.error };
      };
      // A double submit or a retry with the form's key gets the first answer: the password it
      // carries is no longer the current one once the first has changed it. The key's fingerprint
      // has no passwords in it: a post of the same page with other passwords (Back, retyped) is a
      // repeat only if its new password is the one now set; otherwise it is checked as any other.
      const done = await oncePerSubmission(context.db, user.id, form, change, {
        isRepeat: command.intent === "password" ? (tx) => isCurrentPassword(tx, user, command.newPassword) : undefined,
      }).catch(async (error: unknown) => {
        // A fault is no wrong password, nor a "taken": both are given back before the 500.
        await taken?.release();
        await attempt.release();
        throw error;
      });
      // Only a "taken" answer uses up one of the day's; only a wrong password one of the tries.
      if (!("failure" in done && done.failure === "email_taken")) await taken?.release();
      if (!("failure" in done && done.failure === "wrong_password")) await attempt.release();
      if ("failure" in done) {
        const field = done.failure === "wrong_password" ? "currentPassword" : "email";
        return refuse(
          done.failure === "rate_limited"
            ? { formErrors: [ERRORS.rate_limited] }
            : { fieldErrors: { [field]: [ERRORS[done.failure]] } },
          done.failure === "rate_limited" ? 429 : 400,
        );
      }
      return redirectWithToast(context.env, done.redirectTo, {
        message: command.intent === "email" ? "emailSaved" : "passwordChanged",
      });
    }
    case "language": {
      await changeLanguage(context.db, user, command.locale);
      return redirectWithToast(
        context.env,
        "/account",
        { message: "languageSaved" },
        { headers: { "Set-Cookie": localeCookie(context.env, command.locale) } },
      );
    }
    case "timeZone": {
      await changeTimeZone(context.db, user, command.timeZone);
      return redirectWithToast(context.env, "/account", { message: "timeZoneSaved" });
    }
    default:
      return unreachable(command);
  }
}

type SettingsFields = {
  intent: string;
  name: string;
  email: string;
  currentPassword: string;
  newPassword: string;
  locale: string;
  timeZone: string;
};

function useSectionForm(
  id: "name" | "email" | "password" | "language" | "timeZone",
  defaultValue?: Partial<SettingsFields>,
) {
  const actionData = useActionData<typeof action>();
  const checked = useCheckedForm<SettingsFields>({
    id: `account-${id}`,
    lastResult: actionData?.intent === id ? actionData.result : undefined,
    defaultValue,
    onValidate: validateSettings as unknown as Parameters<typeof useCheckedForm<SettingsFields>>[0]["onValidate"],
  });
  // Another section sent: this one's messages were about a try the person has moved on from ("wrong
  // password" stayed under the password after the language was saved). What they typed stays.
  const navigation = useNavigation();
  const sentIntent = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const otherSent = typeof sentIntent === "string" && sentIntent !== id;
  // (Conform's form object is new at each render: the effect runs when a send begins, not at each.)
  const form = useRef(checked[0]);
  form.current = checked[0];
  useEffect(() => {
    if (otherSent) form.current.update({ validated: false });
  }, [otherSent]);
  return checked;
}

export default function Account() {
  const me = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const navigation = useNavigation();
  const busy = navigation.state === "submitting";
  const [nameForm, nameFields] = useSectionForm("name", { name: me.name });
  const [emailForm, emailFields] = useSectionForm("email", { email: me.email });
  const [passwordForm, passwordFields] = useSectionForm("password");
  const [languageForm, languageFields] = useSectionForm("language", { locale: me.locale });
  const [zoneForm, zoneFields] = useSectionForm("timeZone", { timeZone: me.timeZone });
  return (
    <section className="stack narrow" aria-labelledby="account-title">
      <h1 id="account-title">{t("account.title")}</h1>
      <p className="muted">
        {t("account.role")}
        {t("app.labelColon")}
        {t(`account.roles.${me.role}`)}
      </p>

      <Form method="post" className="card stack" {...getFormProps(nameForm)} aria-labelledby="name-title">
        <h2 id="name-title">{t("account.name")}</h2>
        <input type="hidden" name="intent" value="name" />
        <ErrorList id={nameForm.errorId} errors={nameForm.errors} />
        <Field
          label={t("account.name")}
          errors={nameFields.name.errors}
          inputProps={{ ...getInputProps(nameFields.name, { type: "text" }), autoComplete: "name" }}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("accountBasics.settings.saveName")}
        </button>
      </Form>

      <Form method="post" className="card stack" {...getFormProps(emailForm)} aria-labelledby="email-title">
        <h2 id="email-title">{t("account.email")}</h2>
        <FormAlert id={emailForm.errorId}>
          {emailForm.errors?.map((e) => (
            <p key={e}>{t(e)}</p>
          ))}
        </FormAlert>
        <input type="hidden" name="intent" value="email" />
        <SubmissionKeyInput value={me.submissionKey} />
        <Field
          label={t("accountBasics.settings.newEmail")}
          errors={emailFields.email.errors}
          inputProps={{ ...getInputProps(emailFields.email, { type: "email" }), autoComplete: "email" }}
        />
        <Field
          label={t("accountBasics.settings.currentPassword")}
          errors={emailFields.currentPassword.errors}
          inputProps={{
            ...getInputProps(emailFields.currentPassword, { type: "password" }),
            autoComplete: "current-password",
          }}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("accountBasics.settings.saveEmail")}
        </button>
      </Form>

      <Form method="post" className="card stack" {...getFormProps(passwordForm)} aria-labelledby="password-title">
        <h2 id="password-title">{t("accountBasics.settings.passwordTitle")}</h2>
        <p className="muted">{t("accountBasics.settings.passwordHint")}</p>
        <FormAlert id={passwordForm.errorId}>
          {passwordForm.errors?.map((e) => (
            <p key={e}>{t(e)}</p>
          ))}
        </FormAlert>
        <input type="hidden" name="intent" value="password" />
        <SubmissionKeyInput value={me.submissionKey} />
        <Field
          label={t("accountBasics.settings.currentPassword")}
          errors={passwordFields.currentPassword.errors}
          inputProps={{
            ...getInputProps(passwordFields.currentPassword, { type: "password" }),
            autoComplete: "current-password",
          }}
        />
        <Field
          label={t("accountBasics.settings.newPassword")}
          hint={t("signup.passwordHint")}
          errors={passwordFields.newPassword.errors}
          inputProps={{
            ...getInputProps(passwordFields.newPassword, { type: "password" }),
            autoComplete: "new-password",
          }}
        />
        <button type="submit" className="button" disabled={busy}>
          {t("accountBasics.settings.savePassword")}
        </button>
      </Form>

      <Form method="post" className="card stack" {...getFormProps(languageForm)} aria-labelledby="language-title">
        <h2 id="language-title">{t("accountBasics.settings.languageTitle")}</h2>
        <input type="hidden" name="intent" value="language" />
        <ErrorList id={languageForm.errorId} errors={languageForm.errors} />
        <fieldset aria-describedby={languageFields.locale.errors ? languageFields.locale.errorId : undefined}>
          <legend>{t("accountBasics.settings.languageLegend")}</legend>
          {supportedLocales.map((l) => (
            <label key={l} className="choice" lang={l}>
              <input type="radio" name={languageFields.locale.name} value={l} defaultChecked={me.locale === l} />
              <span>{t(`language.${l}`)}</span>
            </label>
          ))}
          <ErrorList id={languageFields.locale.errorId} errors={languageFields.locale.errors} />
        </fieldset>
        <button type="submit" className="button" disabled={busy}>
          {t("accountBasics.settings.saveLanguage")}
        </button>
      </Form>

      <Form method="post" className="card stack" {...getFormProps(zoneForm)} aria-labelledby="zone-title">
        <h2 id="zone-title">{t("accountBasics.settings.timeZoneTitle")}</h2>
        <p className="muted">{t("accountBasics.settings.timeZoneHint")}</p>
        <input type="hidden" name="intent" value="timeZone" />
        <ErrorList id={zoneForm.errorId} errors={zoneForm.errors} />
        <TimeZoneSelect field={zoneFields.timeZone} label={t("accountBasics.settings.timeZoneTitle")} />
        <button type="submit" className="button" disabled={busy}>
          {t("accountBasics.settings.saveTimeZone")}
        </button>
      </Form>

      <section className="card stack" aria-labelledby="phone-title">
        <h2 id="phone-title">{t("account.phone")}</h2>
        <p>
          {me.phone ? displayPhone(me.phone) : null}
          {me.phone && (
            <span className={me.phoneVerified ? undefined : "muted"}>
              {inBrackets(i18n.language, t(me.phoneVerified ? "account.phoneVerified" : "account.phoneUnverified"))}
            </span>
          )}
        </p>
        <p className="actions actions--stacked">
          {/* A verified number is changed, not verified again (a new-user walk was asked to verify it). */}
          <Link className="target-link" to="/account/phone">
            {t(me.phoneVerified ? "account.changePhone" : "account.verifyPhone")}
          </Link>
          <Link className="target-link" to="/account/sms">
            {t("account.smsSettings")}
          </Link>
        </p>
      </section>

      <section className="card stack" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("account.sessionsTitle")}</h2>
        <p>{t("account.sessionsBody")}</p>
        <Form method="post" action="/logout">
          <input type="hidden" name="intent" value="everywhere" />
          <button type="submit" className="button button--danger">
            {t("account.logoutEverywhere")}
          </button>
        </Form>
      </section>

      <section className="card stack" aria-labelledby="data-title">
        <h2 id="data-title">{t("accountBasics.data.title")}</h2>
        <p>{t("accountBasics.data.body")}</p>
        <p className="actions actions--stacked">
          <a className="target-link" href="/account/export" download>
            {t("accountBasics.data.download")}
          </a>
          <Link className="target-link" to="/account/delete">
            {t("accountBasics.data.deleteLink")}
          </Link>
        </p>
      </section>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
