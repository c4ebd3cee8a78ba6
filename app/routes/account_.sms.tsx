import { getFormProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod/v4";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { ErrorList } from "~/components/ui/field";
import { getSmsPreferences, saveSmsPreferences } from "~/sms/preferences.server";
import { SmsPreferencesSchema } from "~/sms/schemas";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Text messages" }];

const COMMON_ZONES = [
  "Asia/Shanghai",
  "Asia/Hong_Kong",
  "Asia/Taipei",
  "Asia/Singapore",
  "Europe/London",
  "America/New_York",
  "America/Los_Angeles",
  "Australia/Sydney",
];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return { prefs: await getSmsPreferences(context.db, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const submission = parseWithZod(await request.formData(), { schema: SmsPreferencesSchema });
  if (submission.status !== "success") return data({ result: submission.reply(), saved: false }, { status: 400 });
  await saveSmsPreferences(context.db, user.id, {
    enabledKinds: submission.value.kinds,
    quietHours: submission.value.quietHours === "on",
    timeZone: submission.value.timeZone,
  });
  return { result: submission.reply(), saved: true };
}

export default function SmsPreferences() {
  const { prefs } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const { t } = useTranslation();
  const [form, fields] = useForm({ id: "sms-prefs", lastResult: actionData?.result });
  const zones = COMMON_ZONES.includes(prefs.timeZone) ? COMMON_ZONES : [prefs.timeZone, ...COMMON_ZONES];
  return (
    <section className="stack narrow" aria-labelledby="sms-title">
      <h1 id="sms-title">{t("smsPrefs.title")}</h1>
      <p>{t("smsPrefs.intro")}</p>
      {prefs.optedOut && (
        <p className="form-alert" role="alert">
          {t("smsPrefs.optedOut")}
        </p>
      )}
      <Form method="post" className="stack card" {...getFormProps(form)}>
        {actionData?.saved && <p role="status">{t("smsPrefs.saved")}</p>}
        <fieldset>
          <legend>{t("smsPrefs.kinds")}</legend>
          {prefs.kinds.map(({ kind, enabled }) => (
            <label key={kind} className="choice">
              <input type="checkbox" name="kinds" value={kind} defaultChecked={enabled} />
              <span>{t(`smsPrefs.kind.${kind}` as "smsPrefs.kind.visit_confirmed")}</span>
            </label>
          ))}
        </fieldset>
        <label className="choice">
          <input type="checkbox" name="quietHours" value="on" defaultChecked={prefs.quietHours} />
          <span>{t("smsPrefs.quietHours")}</span>
        </label>
        <div className="field">
          <label htmlFor="sms-tz">{t("smsPrefs.timeZone")}</label>
          <select
            id="sms-tz"
            name="timeZone"
            defaultValue={prefs.timeZone}
            aria-invalid={fields.timeZone?.errors ? true : undefined}
          >
            {zones.map((z) => (
              <option key={z} value={z}>
                {z}
              </option>
            ))}
          </select>
          <ErrorList errors={fields.timeZone?.errors} />
        </div>
        <button type="submit" className="button">
          {t("smsPrefs.save")}
        </button>
      </Form>
    </section>
  );
}
