import { GeneralErrorBoundary } from "~/components/error-boundary";
import { getFormProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireUser } from "~/auth/guards.server";
import { TimeZoneSelect } from "~/components/time-zone-select";
import { ErrorList } from "~/components/ui/field";
import { getSmsPreferences, kindsFor, saveSmsPreferences } from "~/sms/preferences.server";
import { SmsPreferencesSchema } from "~/sms/schemas";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import type { PageHandle } from "~/components/page-title";

const validateSms = deferredValidation(() => import("~/sms/schemas").then((m) => m.SmsPreferencesSchema));

export const handle: PageHandle = { title: "titles.sms" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { prefs: await getSmsPreferences(context.db, user.id), phoneVerified: user.phoneVerifiedAt !== null };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: SmsPreferencesSchema });
  if (submission.status !== "success") return invalid(submission);
  // A kind this role is never sent is not on its page: posted anyway (a tampered form), the form is
  // refused, as an unknown kind is.
  const offered = new Set<string>(kindsFor(user.role));
  if (!submission.value.kinds.every((k) => offered.has(k))) {
    return invalid(submission, { fieldErrors: { kinds: ["errors.choice"] } });
  }
  await saveSmsPreferences(context.db, user.id, {
    enabledKinds: submission.value.kinds,
    quietHours: submission.value.quietHours === "on",
    timeZone: submission.value.timeZone,
  });
  return redirectWithToast(context.env, "/account/sms", { message: "smsPrefsSaved" });
}

export default function SmsPreferences() {
  const { prefs, phoneVerified } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useCheckedForm({
    id: "sms-prefs",
    lastResult: actionData,
    // The boxes as saved, or as posted when the post was refused: a refused save showed the saved ticks,
    // and the next save stored them over what had been chosen (an outside probe).
    defaultValue: {
      timeZone: prefs.timeZone,
      kinds: prefs.kinds.filter((k) => k.enabled).map((k) => k.kind),
      quietHours: prefs.quietHours ? "on" : undefined,
    },
    onValidate: validateSms,
  });
  const kindsTicked = ([] as unknown[]).concat(fields.kinds.initialValue ?? []);
  return (
    <section className="stack narrow" aria-labelledby="sms-title">
      <h1 id="sms-title">{t("smsPrefs.title")}</h1>
      <p>{t("smsPrefs.intro")}</p>
      {!phoneVerified && (
        <p className="notice" role="status">
          {t("smsPrefs.noVerifiedPhone")}{" "}
          <Link to="/account/phone" className="link-target">
            {t("smsPrefs.verifyPhone")}
          </Link>
        </p>
      )}
      {prefs.optedOut && (
        <p className="form-alert" role="alert">
          {t("smsPrefs.optedOut")}
        </p>
      )}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        <ErrorList id={form.errorId} errors={form.errors} />
        {prefs.kinds.length > 0 && (
          <fieldset aria-describedby={form.allErrors.kinds?.length ? "kinds-error" : undefined}>
            <legend>{t("smsPrefs.kinds")}</legend>
            {prefs.kinds.map(({ kind }) => (
              <label key={kind} className="choice">
                <input type="checkbox" name="kinds" value={kind} defaultChecked={kindsTicked.includes(kind)} />
                <span>{t(`smsPrefs.kind.${kind}` as "smsPrefs.kind.visit_confirmed")}</span>
              </label>
            ))}
          </fieldset>
        )}
        <ErrorList id="kinds-error" errors={form.allErrors.kinds} />
        <label className="choice">
          <input
            type="checkbox"
            name="quietHours"
            value="on"
            defaultChecked={fields.quietHours.initialValue === "on"}
          />
          <span>{t("smsPrefs.quietHours")}</span>
        </label>
        <ErrorList id="quietHours-error" errors={form.allErrors.quietHours} />
        <TimeZoneSelect field={fields.timeZone} label={t("smsPrefs.timeZone")} />
        <button type="submit" className="button">
          {t("smsPrefs.save")}
        </button>
      </Form>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
