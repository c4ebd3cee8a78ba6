// The carer's own profile form: services with prices, base and radius, languages, weekly availability, FAQ.
import { getFormProps, type SubmissionResult, useForm } from "@conform-to/react";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { Form, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { z } from "zod";
import { genders, languageCodes, serviceKinds } from "~db/catalogue";
import type { CarerProfileSchema } from "~/carers/schemas";
import { LocationFields } from "../location-fields";
import { TimeZoneSelect } from "../time-zone-select";
import { CheckboxesFor, InputFor, SelectFor, TextareaFor } from "../ui/conform-fields";
import { ErrorList } from "../ui/field";

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
  return (
    <Form method="post" className="stack card" {...getFormProps(form)}>
      <ErrorList errors={form.errors} />
      <TextareaFor field={fields.bio} label={t("carerProfile.bio")} hint={t("carerProfile.bioHint")} maxLength={2000} />
      <SelectFor
        field={fields.gender}
        label={t("carerProfile.gender")}
        includeEmpty={t("carerProfile.genderNone")}
        options={genders.map((g) => ({ value: g, label: t(`catalogue.genders.${g}`) }))}
      />
      <CheckboxesFor
        field={fields.languages}
        legend={t("carerProfile.languages")}
        options={languageCodes.map((c) => ({ value: c, label: t(`catalogue.languages.${c}`) }))}
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
      <InputFor
        field={fields.radiusKm}
        type="number"
        label={t("carerProfile.radius")}
        hint={t("carerProfile.radiusHint")}
        min={1}
        max={20}
        step="0.5"
        inputMode="decimal"
      />
      <TimeZoneSelect field={fields.timeZone} label={t("carerProfile.timeZone")} />
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
              <InputFor
                field={s.price}
                type="number"
                label={t("carerProfile.price")}
                min={0}
                step="1"
                inputMode="decimal"
              />
              <InputFor
                field={s.minMinutes}
                type="number"
                label={t("carerProfile.minMinutes")}
                min={15}
                max={720}
                step="15"
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
              <InputFor field={a.start} type="time" label={t("carerProfile.from")} />
              <InputFor field={a.end} type="time" label={t("carerProfile.to")} />
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
              <InputFor field={f.question} type="text" label={t("carerProfile.question")} />
              <TextareaFor field={f.answer} label={t("carerProfile.answer")} maxLength={1000} />
            </div>
          );
        })}
      </fieldset>
      <TextareaFor
        field={fields.quickPhrases}
        label={t("carerProfile.quickPhrases")}
        hint={t("carerProfile.quickPhrasesHint")}
        maxLength={2000}
      />
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {t("carerProfile.save")}
      </button>
    </Form>
  );
}
