// The parent profile form (create and edit): works as a plain form; the map enhances the location.
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageCodes } from "~db/catalogue";
import { needCodes } from "~/parents/needs";
import { LocationFields } from "../location-fields";
import { TimeZoneSelect } from "../time-zone-select";
import { CheckboxesFor, InputFor, TextareaFor } from "../ui/conform-fields";
import { ErrorList } from "../ui/field";
import { SubmissionKeyInput } from "../ui/submission-key-input";

// The schema loads after hydration (see deferred-validation.ts); the route's action parses with it.
const validateParent = deferredValidation(() => import("~/parents/schemas").then((m) => m.ParentSchema));

type Defaults = Partial<Record<string, unknown>> & {
  emergencyContacts?: { name?: string; relation?: string; phone?: string }[];
};

export function ParentForm({
  lastResult,
  defaultValue,
  map,
  submitLabel,
  submissionKey,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  /** Set on the create form: its post takes effect once. */
  submissionKey?: string;
  defaultValue?: Defaults;
  map: { tileUrl: string; geocoder: boolean };
  submitLabel: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const contacts = defaultValue?.emergencyContacts ?? [];
  const [form, fields] = useForm({
    id: "parent",
    lastResult,
    defaultValue: { ...defaultValue, emergencyContacts: [0, 1].map((i) => contacts[i] ?? {}) },
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: validateParent,
  });
  const contactFields = fields.emergencyContacts.getFieldList();
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <ErrorList errors={form.errors} />
      {submissionKey && <SubmissionKeyInput value={submissionKey} />}
      <InputFor field={fields.name} type="text" label={t("parents.name")} autoComplete="off" />
      <InputFor field={fields.birthYear} type="number" label={t("parents.birthYear")} min={1900} max={2030} />
      <InputFor
        field={fields.address}
        type="text"
        label={t("parents.address")}
        hint={t("parents.addressHint")}
        autoComplete="off"
      />
      <LocationFields
        legend={t("location.legend")}
        lat={fields.lat.initialValue as string | undefined}
        lng={fields.lng.initialValue as string | undefined}
        latErrors={fields.lat.errors}
        lngErrors={fields.lng.errors}
        tileUrl={map.tileUrl}
        geocoder={map.geocoder}
      />
      <InputFor field={fields.phone} type="tel" label={t("parents.phone")} autoComplete="off" />
      <TimeZoneSelect field={fields.timeZone} label={t("parents.timeZone")} />
      <CheckboxesFor
        field={fields.languages}
        legend={t("parents.languages")}
        options={languageCodes.map((c) => ({ value: c, label: t(`catalogue.languages.${c}`) }))}
      />
      <CheckboxesFor
        field={fields.needs}
        legend={t("parents.needs")}
        options={needCodes.map((c) => ({ value: c, label: t(`catalogue.needs.${c}`) }))}
      />
      <TextareaFor field={fields.interests} label={t("parents.interests")} maxLength={500} />
      <fieldset className="stack">
        <legend>{t("parents.emergencyContacts")}</legend>
        {contactFields.map((contact, i) => {
          const c = contact.getFieldset();
          return (
            <fieldset key={contact.key} className="field-row">
              <legend className="visually-hidden">{`${t("parents.emergencyContacts")} ${i + 1}`}</legend>
              <InputFor field={c.name} type="text" label={t("parents.contactName")} autoComplete="off" />
              <InputFor field={c.relation} type="text" label={t("parents.contactRelation")} autoComplete="off" />
              <InputFor field={c.phone} type="tel" label={t("parents.contactPhone")} autoComplete="off" />
            </fieldset>
          );
        })}
      </fieldset>
      <TextareaFor
        field={fields.accessNotes}
        label={t("parents.accessNotes")}
        hint={t("parents.accessNotesHint")}
        maxLength={500}
      />
      <fieldset className="field-row">
        <legend>{t("parents.visitGoal")}</legend>
        <InputFor field={fields.visitGoalVisits} type="number" label={t("parents.goalVisits")} min={0} />
        <InputFor field={fields.visitGoalMinutes} type="number" label={t("parents.goalMinutes")} min={0} />
      </fieldset>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}
