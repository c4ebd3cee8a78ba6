// The carer's own profile form, in steps (ADR 022): area and languages, about, services with prices,
// weekly availability, FAQ. Each step posts the whole form and saves; its own toast says so.
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { inBrackets } from "~/i18n/formatters";
import type { z } from "zod";
import { genders, isServiceKind, languageCodes, serviceKinds } from "~db/catalogue";
import type { CarerProfileSchema } from "~/carers/schemas";
import { FAQ_MAX, firstStepWithError, nextStep, type ProfileStep, profileSteps } from "~/carers/profile-steps";
import { LocationFields } from "../location-fields";
import { TimeZoneSelect } from "../time-zone-select";
import { CheckboxesFor, InputFor, SelectFor, TextareaFor } from "../ui/conform-fields";
import { ErrorList } from "../ui/field";
import { useLeaveWarning } from "../ui/leave-warning";

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
    // Every saved pair and an empty one to add, three at least, up to the limit: three rows only,
    // saving the step dropped a fourth and fifth pair (an outside probe).
    faq: [...faq, {}, {}, {}].slice(0, Math.min(FAQ_MAX, Math.max(3, faq.length + 1))),
  };
}

export function CarerProfileForm({
  lastResult,
  defaultValue,
  map,
  step,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Values;
  map: { tileUrl: string; geocoder: boolean };
  /** The step on screen. The other steps' fields are in the form too, hidden, with their saved values. */
  step: ProfileStep;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const [form, fields] = useCheckedForm<z.input<typeof CarerProfileSchema>>({
    id: "carer-profile",
    lastResult,
    defaultValue: expand(defaultValue) as unknown as z.input<typeof CarerProfileSchema>,
    onValidate: validateCarerProfile,
  });
  useLeaveWarning(form.id);
  // An error in another step (rare: its values are the saved ones) brings that step forward.
  const shown = firstStepWithError(Object.keys(form.allErrors).filter((k) => form.allErrors[k]?.length)) ?? step;
  const next = nextStep(shown);
  // A row's box named with its service or day for a screen reader ("Monday: From").
  const about = (row: string, label: string) => `${row}${t("app.labelColon")}${label}`;
  const section = (id: ProfileStep, children: React.ReactNode) => (
    <section
      className="stack profile-step"
      id={`step-${id}`}
      hidden={id !== shown}
      aria-labelledby={id === shown ? "step-title" : undefined}
    >
      {children}
    </section>
  );
  return (
    <Form method="post" action={`?step=${shown}`} className="stack card" {...getFormProps(form)}>
      <input type="hidden" name="step" value={shown} />
      <h2 id="step-title">{t(`phoneUx.profileSteps.${shown}`)}</h2>
      <ErrorList id={form.errorId} errors={form.errors} />
      {section(
        "area",
        <>
          <CheckboxesFor
            field={fields.languages}
            legend={t("carerProfile.languages")}
            options={languageCodes.map((c) => ({ value: c, label: t(`catalogue.languages.${c}`) }))}
          />
          {shown === "area" ? (
            // The pin picker draws only when seen: Leaflet cannot size a map inside a hidden step.
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
          ) : (
            <>
              <input type="hidden" name="lat" value={String(fields.lat.initialValue ?? "")} />
              <input type="hidden" name="lng" value={String(fields.lng.initialValue ?? "")} />
            </>
          )}
          <InputFor
            field={fields.radiusKm}
            type="amount"
            label={t("carerProfile.radius")}
            hint={t("carerProfile.radiusHint")}
            inputMode="decimal"
          />
          <TimeZoneSelect
            field={fields.timeZone}
            label={t("carerProfile.timeZone")}
            hint={t("carerProfile.timeZoneHint")}
          />
        </>,
      )}
      {section(
        "about",
        <>
          <TextareaFor
            field={fields.bio}
            label={t("carerProfile.bio")}
            hint={t("carerProfile.bioHint")}
            maxLength={2000}
          />
          <SelectFor
            field={fields.gender}
            label={t("carerProfile.gender")}
            includeEmpty={t("carerProfile.genderNone")}
            options={genders.map((g) => ({ value: g, label: t(`catalogue.genders.${g}`) }))}
          />
        </>,
      )}
      {section(
        "services",
        <fieldset className="stack">
          <legend>{t("carerProfile.services")}</legend>
          <p className="field-hint">{t("carerProfile.servicesHint")}</p>
          {fields.services.getFieldList().map((row) => {
            const s = row.getFieldset();
            const service = String(s.service.initialValue);
            // A row posted with a service we do not offer (a tampered form) is dropped: the message
            // below says so, and the next save sends only the real rows.
            if (!isServiceKind(service)) return null;
            const serviceName = t(`catalogue.services.${service}`);
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
                  <span>{serviceName}</span>
                </label>
                {/* Eight rows of the same two boxes: each is named with its service for a screen reader. */}
                <InputFor
                  field={s.price}
                  type="amount"
                  label={t("carerProfile.price")}
                  inputMode="decimal"
                  aria-label={about(serviceName, t("carerProfile.price"))}
                />
                <InputFor
                  field={s.minMinutes}
                  type="amount"
                  label={t("carerProfile.minMinutes")}
                  aria-label={about(serviceName, t("carerProfile.minMinutes"))}
                />
              </div>
            );
          })}
          <ErrorList errors={fields.services.errors} />
        </fieldset>,
      )}
      {section(
        "availability",
        <fieldset className="stack">
          <legend>{t("carerProfile.availability")}</legend>
          <p className="field-hint">{t("carerProfile.availabilityHint")}</p>
          {fields.availability.getFieldList().map((row) => {
            const a = row.getFieldset();
            const day = String(a.weekday.initialValue);
            // As for services: a row posted with a day that is none (a tampered form) is dropped, and
            // the message below says so (it showed the raw catalogue key of a day 9).
            if (!/^[0-6]$/.test(day)) return null;
            const dayName = t(`catalogue.weekdays.${day}` as "catalogue.weekdays.0");
            return (
              <div key={row.key} className="field-row availability-row">
                <input type="hidden" name={a.weekday.name} value={day} />
                <span className="availability-day">{dayName}</span>
                {/* Seven rows of "From" and "To": each is named with its day for a screen reader. */}
                <InputFor
                  field={a.start}
                  type="time"
                  label={t("carerProfile.from")}
                  aria-label={about(dayName, t("carerProfile.from"))}
                />
                <InputFor
                  field={a.end}
                  type="time"
                  label={t("carerProfile.to")}
                  aria-label={about(dayName, t("carerProfile.to"))}
                />
              </div>
            );
          })}
          <ErrorList errors={fields.availability.errors} />
        </fieldset>,
      )}
      {section(
        "faq",
        <>
          <fieldset className="stack">
            <legend>{t("carerProfile.faq")}</legend>
            <p className="field-hint">{t("carerProfile.faqHint")}</p>
            {fields.faq.getFieldList().map((row) => {
              const f = row.getFieldset();
              return (
                <div key={row.key} className="stack">
                  <InputFor field={f.question} type="text" label={t("carerProfile.question")} maxLength={200} />
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
        </>,
      )}
      <p className="actions step-actions">
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {next ? t("phoneUx.saveAndContinue") : t("carerProfile.save")}
        </button>
      </p>
    </Form>
  );
}

/**
 * Where the carer is among the steps: a numbered list, each saved step ticked, each step a link once
 * the profile exists (before that, only the first step can be saved).
 */
export function ProfileProgress({
  step,
  filled,
  open,
}: {
  step: ProfileStep;
  filled: ReadonlySet<ProfileStep>;
  open: boolean;
}) {
  const { t, i18n } = useTranslation();
  const index = profileSteps.indexOf(step);
  return (
    <nav aria-label={t("phoneUx.progress", { n: index + 1, total: profileSteps.length })} className="steps">
      <p className="steps__count">{t("phoneUx.progress", { n: index + 1, total: profileSteps.length })}</p>
      <ol>
        {profileSteps.map((s, i) => {
          const label = (
            <>
              <span className="steps__dot" aria-hidden="true">
                {filled.has(s) ? "✓" : i + 1}
              </span>
              <span className="steps__label">{t(`phoneUx.profileSteps.${s}`)}</span>
              {filled.has(s) && (
                <span className="visually-hidden">{inBrackets(i18n.language, t("phoneUx.stepSaved"))}</span>
              )}
            </>
          );
          const className = `steps__item${s === step ? " steps__item--current" : ""}${filled.has(s) ? " steps__item--done" : ""}`;
          return (
            <li key={s}>
              {open || s === step ? (
                <Link to={`?step=${s}`} className={className} aria-current={s === step ? "step" : undefined}>
                  {label}
                </Link>
              ) : (
                <span className={className}>{label}</span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
