// The carer's own profile form: services with prices, base and radius, languages, weekly availability, FAQ.
import { getFormProps, getInputProps, useForm, type SubmissionResult } from "@conform-to/react";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { genders, languageCodes, serviceKinds } from "~db/catalogue";
import type { CarerProfileSchema } from "~/carers/schemas";
import { commonTimeZones } from "~/geo/time-zone";
import { LocationFields } from "../location-fields";
import { CheckboxGroup, SelectField, TextareaField } from "../ui/choice-fields";
import { ErrorList, Field } from "../ui/field";

// The schema loads after hydration (see deferred-validation.ts); the route's action parses with it.
const validateCarerProfile = deferredValidation(() => import("~/carers/schemas").then((m) => m.CarerProfileSchema));

interface Values {
  services?: { service: string; offered?: boolean; price?: number; minMinutes?: number }[];
  availability?: { weekday: number; start?: string; end?: string }[];
  faq?: { question?: string; answer?: string }[];
  [key: string]: unknown;
}

/** One row per catalogue service and per weekday, so the form has fixed, predictable field names. */
function expand(values: Values | undefined) {
  const byService = new Map((values?.services ?? []).map((s) => [s.service, s]));
  const byDay = new Map((values?.availability ?? []).map((a) => [a.weekday, a]));
  const faq = values?.faq ?? [];
  return {
    ...values,
    services: serviceKinds.map((service) => byService.get(service) ?? { service }),
    availability: [1, 2, 3, 4, 5, 6, 0].map((weekday) => byDay.get(weekday) ?? { weekday }),
    faq: [0, 1, 2].map((i) => faq[i] ?? {}),
  };
}

export function CarerProfileForm({
  lastResult,
  defaultValue,
  map,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Values;
  map: { tileUrl: string; geocoder: boolean };
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useForm<z.input<typeof CarerProfileSchema>>({
    id: "carer-profile",
    lastResult,
    defaultValue: expand(defaultValue) as unknown as z.input<typeof CarerProfileSchema>,
    shouldValidate: "onBlur",
    shouldRevalidate: "onInput",
    onValidate: validateCarerProfile,
  });
  const timeZones = [
    ...new Set([...(commonTimeZones as readonly string[]), String(fields.timeZone.initialValue ?? "Asia/Shanghai")]),
  ];
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <ErrorList errors={form.errors} />
      <TextareaField
        id={fields.bio.id}
        name={fields.bio.name}
        label={t("carerProfile.bio")}
        hint={t("carerProfile.bioHint")}
        defaultValue={fields.bio.initialValue as string | undefined}
        errors={fields.bio.errors}
        maxLength={2000}
      />
      <SelectField
        id={fields.gender.id}
        name={fields.gender.name}
        label={t("carerProfile.gender")}
        includeEmpty={t("carerProfile.genderNone")}
        options={genders.map((g) => ({ value: g, label: t(`catalogue.genders.${g}`) }))}
        defaultValue={fields.gender.initialValue as string | undefined}
        errors={fields.gender.errors}
      />
      <CheckboxGroup
        name={fields.languages.name}
        legend={t("carerProfile.languages")}
        options={languageCodes.map((c) => ({ value: c, label: t(`catalogue.languages.${c}`) }))}
        defaultValues={fields.languages.initialValue as string[] | undefined}
        errors={fields.languages.errors}
      />
      <LocationFields
        legend={t("location.carerLegend")}
        lat={fields.lat.initialValue as string | undefined}
        lng={fields.lng.initialValue as string | undefined}
        latErrors={fields.lat.errors}
        lngErrors={fields.lng.errors}
        tileUrl={map.tileUrl}
        geocoder={map.geocoder}
        radiusInputName="radiusKm"
      />
      <Field
        label={t("carerProfile.radius")}
        hint={t("carerProfile.radiusHint")}
        errors={fields.radiusKm.errors}
        inputProps={{
          ...getInputProps(fields.radiusKm, { type: "number" }),
          min: 1,
          max: 20,
          step: "0.5",
          inputMode: "decimal",
        }}
      />
      <SelectField
        id={fields.timeZone.id}
        name={fields.timeZone.name}
        label={t("carerProfile.timeZone")}
        options={timeZones.map((z) => ({ value: z, label: z }))}
        defaultValue={String(fields.timeZone.initialValue ?? "Asia/Shanghai")}
        errors={fields.timeZone.errors}
      />
      <fieldset className="stack">
        <legend>{t("carerProfile.services")}</legend>
        <p className="field-hint">{t("carerProfile.servicesHint")}</p>
        {fields.services.getFieldList().map((row) => {
          const s = row.getFieldset();
          const service = String(s.service.initialValue);
          return (
            <div key={row.key} className="service-row">
              <input type="hidden" name={s.service.name} value={service} />
              <label className="choice">
                <input
                  type="checkbox"
                  name={s.offered.name}
                  value="on"
                  defaultChecked={s.offered.initialValue === "on" || s.offered.initialValue === "true"}
                />
                <span>{t(`catalogue.services.${service}` as "catalogue.services.companionship")}</span>
              </label>
              <Field
                label={t("carerProfile.price")}
                errors={s.price.errors}
                inputProps={{ ...getInputProps(s.price, { type: "number" }), min: 0, step: "1", inputMode: "decimal" }}
              />
              <Field
                label={t("carerProfile.minMinutes")}
                errors={s.minMinutes.errors}
                inputProps={{ ...getInputProps(s.minMinutes, { type: "number" }), min: 15, max: 720, step: "15" }}
              />
            </div>
          );
        })}
      </fieldset>
      <fieldset className="stack">
        <legend>{t("carerProfile.availability")}</legend>
        <p className="field-hint">{t("carerProfile.availabilityHint")}</p>
        {fields.availability.getFieldList().map((row) => {
          const a = row.getFieldset();
          const day = String(a.weekday.initialValue);
          return (
            <div key={row.key} className="field-row availability-row">
              <input type="hidden" name={a.weekday.name} value={day} />
              <span className="availability-day">{t(`catalogue.weekdays.${day}` as "catalogue.weekdays.0")}</span>
              <Field
                label={t("carerProfile.from")}
                errors={a.start.errors}
                inputProps={getInputProps(a.start, { type: "time" })}
              />
              <Field
                label={t("carerProfile.to")}
                errors={a.end.errors}
                inputProps={getInputProps(a.end, { type: "time" })}
              />
            </div>
          );
        })}
      </fieldset>
      <fieldset className="stack">
        <legend>{t("carerProfile.faq")}</legend>
        <p className="field-hint">{t("carerProfile.faqHint")}</p>
        {fields.faq.getFieldList().map((row) => {
          const f = row.getFieldset();
          return (
            <div key={row.key} className="stack">
              <Field
                label={t("carerProfile.question")}
                errors={f.question.errors}
                inputProps={getInputProps(f.question, { type: "text" })}
              />
              <TextareaField
                id={f.answer.id}
                name={f.answer.name}
                label={t("carerProfile.answer")}
                defaultValue={f.answer.initialValue as string | undefined}
                errors={f.answer.errors}
                maxLength={1000}
              />
            </div>
          );
        })}
      </fieldset>
      <TextareaField
        id={fields.quickPhrases.id}
        name={fields.quickPhrases.name}
        label={t("carerProfile.quickPhrases")}
        hint={t("carerProfile.quickPhrasesHint")}
        defaultValue={fields.quickPhrases.initialValue as string | undefined}
        errors={fields.quickPhrases.errors}
        maxLength={2000}
      />
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t("carerProfile.save")}
      </button>
    </Form>
  );
}
