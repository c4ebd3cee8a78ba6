// The parent profile form (create and edit): works as a plain form; the map enhances the location.
import { SubmissionKeyInput } from "~/components/ui/submission-key";
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { languageCodes } from "~db/catalogue";
import { commonTimeZones } from "~/geo/time-zone";
import { needCodes } from "~/parents/needs";
import { LocationFields } from "../location-fields";
import { CheckboxGroup, SelectField, TextareaField } from "../ui/choice-fields";
import { ErrorList, Field } from "../ui/field";

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
  const timeZones = [
    ...new Set([...(commonTimeZones as readonly string[]), String(fields.timeZone.initialValue ?? "Asia/Shanghai")]),
  ];
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <ErrorList errors={form.errors} />
      {submissionKey && <SubmissionKeyInput value={submissionKey} />}
      <Field
        label={t("parents.name")}
        errors={fields.name.errors}
        inputProps={{ ...getInputProps(fields.name, { type: "text" }), autoComplete: "off" }}
      />
      <Field
        label={t("parents.birthYear")}
        errors={fields.birthYear.errors}
        inputProps={{ ...getInputProps(fields.birthYear, { type: "number" }), min: 1900, max: 2030 }}
      />
      <Field
        label={t("parents.address")}
        hint={t("parents.addressHint")}
        errors={fields.address.errors}
        inputProps={{ ...getInputProps(fields.address, { type: "text" }), autoComplete: "off" }}
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
      <Field
        label={t("parents.phone")}
        errors={fields.phone.errors}
        inputProps={{ ...getInputProps(fields.phone, { type: "tel" }), autoComplete: "off" }}
      />
      <SelectField
        id={fields.timeZone.id}
        name={fields.timeZone.name}
        label={t("parents.timeZone")}
        options={timeZones.map((z) => ({ value: z, label: z }))}
        defaultValue={String(fields.timeZone.initialValue ?? "Asia/Shanghai")}
        errors={fields.timeZone.errors}
      />
      <CheckboxGroup
        name={fields.languages.name}
        legend={t("parents.languages")}
        options={languageCodes.map((c) => ({ value: c, label: t(`catalogue.languages.${c}`) }))}
        defaultValues={fields.languages.initialValue as string[] | undefined}
        errors={fields.languages.errors}
      />
      <CheckboxGroup
        name={fields.needs.name}
        legend={t("parents.needs")}
        options={needCodes.map((c) => ({ value: c, label: t(`catalogue.needs.${c}`) }))}
        defaultValues={fields.needs.initialValue as string[] | undefined}
        errors={fields.needs.errors}
      />
      <TextareaField
        id={fields.interests.id}
        name={fields.interests.name}
        label={t("parents.interests")}
        defaultValue={fields.interests.initialValue as string | undefined}
        errors={fields.interests.errors}
        maxLength={500}
      />
      <fieldset className="stack">
        <legend>{t("parents.emergencyContacts")}</legend>
        {contactFields.map((contact, i) => {
          const c = contact.getFieldset();
          return (
            <fieldset key={contact.key} className="field-row">
              <legend className="visually-hidden">{`${t("parents.emergencyContacts")} ${i + 1}`}</legend>
              <Field
                label={t("parents.contactName")}
                errors={c.name.errors}
                inputProps={{ ...getInputProps(c.name, { type: "text" }), autoComplete: "off" }}
              />
              <Field
                label={t("parents.contactRelation")}
                errors={c.relation.errors}
                inputProps={{ ...getInputProps(c.relation, { type: "text" }), autoComplete: "off" }}
              />
              <Field
                label={t("parents.contactPhone")}
                errors={c.phone.errors}
                inputProps={{ ...getInputProps(c.phone, { type: "tel" }), autoComplete: "off" }}
              />
            </fieldset>
          );
        })}
      </fieldset>
      <TextareaField
        id={fields.accessNotes.id}
        name={fields.accessNotes.name}
        label={t("parents.accessNotes")}
        hint={t("parents.accessNotesHint")}
        defaultValue={fields.accessNotes.initialValue as string | undefined}
        errors={fields.accessNotes.errors}
        maxLength={500}
      />
      <fieldset className="field-row">
        <legend>{t("parents.visitGoal")}</legend>
        <Field
          label={t("parents.goalVisits")}
          errors={fields.visitGoalVisits.errors}
          inputProps={{ ...getInputProps(fields.visitGoalVisits, { type: "number" }), min: 0 }}
        />
        <Field
          label={t("parents.goalMinutes")}
          errors={fields.visitGoalMinutes.errors}
          inputProps={{ ...getInputProps(fields.visitGoalMinutes, { type: "number" }), min: 0 }}
        />
      </fieldset>
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {submitLabel}
      </button>
    </Form>
  );
}
