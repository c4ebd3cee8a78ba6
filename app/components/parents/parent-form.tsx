// The parent profile form (create and edit): works as a plain form; the map enhances the location. In
// sections; editing goes one section at a time, each saved on its own (ADR 022).
import { VERSION_FIELD } from "~/validation/form-version";
import { getFormProps, type SubmissionResult } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { deferredValidation } from "~/components/ui/deferred-validation";
import { Form, Link, useNavigation } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { languageCodes } from "~db/catalogue";
import { needCodes } from "~/parents/needs";
import { firstParentStepWithError, nextParentStep, type ParentStep, parentSteps } from "~/parents/form-steps";
import { LocationFields } from "../location-fields";
import { TimeZoneSelect } from "../time-zone-select";
import { CheckboxesFor, InputFor, TextareaFor } from "../ui/conform-fields";
import { ErrorList } from "../ui/field";
import { SubmissionKeyInput } from "../ui/submission-key-input";
import { useLeaveWarning } from "../ui/leave-warning";

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
  step,
  version,
}: {
  lastResult?: SubmissionResult<string[]> | null;
  /** Set on the create form: its post takes effect once. */
  submissionKey?: string;
  defaultValue?: Defaults;
  map: { tileUrl: string; geocoder: boolean };
  submitLabel: string;
  /** Editing, one step at a time: the step on screen (the others are in the form, hidden). Creating: unset. */
  step?: ParentStep;
  /** Editing: the version of the details the form was drawn from (app/validation/form-version.ts). */
  version?: string;
}) {
  const { t } = useTranslation();
  const navigation = useNavigation();
  const contacts = defaultValue?.emergencyContacts ?? [];
  const [form, fields] = useCheckedForm({
    id: "parent",
    lastResult,
    defaultValue: { ...defaultValue, emergencyContacts: [0, 1].map((i) => contacts[i] ?? {}) },
    onValidate: validateParent,
  });
  useLeaveWarning(form.id);
  const contactFields = fields.emergencyContacts.getFieldList();
  const errorStep = firstParentStepWithError(Object.keys(form.allErrors).filter((k) => form.allErrors[k]?.length));
  const shown = step ? (errorStep ?? step) : null;
  const visible = (id: ParentStep) => shown === null || shown === id;
  const section = (id: ParentStep, children: React.ReactNode) => (
    <section
      className="stack form-section"
      id={`step-${id}`}
      hidden={!visible(id)}
      aria-labelledby={`step-${id}-title`}
    >
      <h2 id={`step-${id}-title`}>{t(`phoneUx.parentSteps.${id}`)}</h2>
      {children}
    </section>
  );
  return (
    <Form method="post" action={shown ? `?step=${shown}` : undefined} className="stack card" {...getFormProps(form)}>
      {shown && <input type="hidden" name="step" value={shown} />}
      {version && <input type="hidden" name={VERSION_FIELD} value={version} />}
      <ErrorList id={form.errorId} errors={form.errors} />
      {submissionKey && <SubmissionKeyInput value={submissionKey} />}
      {section(
        "who",
        <>
          <InputFor field={fields.name} type="text" label={t("parents.name")} autoComplete="off" />
          <InputFor field={fields.birthYear} type="amount" label={t("parents.birthYear")} />
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
        </>,
      )}
      {section(
        "where",
        <>
          <InputFor
            field={fields.address}
            type="text"
            label={t("parents.address")}
            hint={t("parents.addressHint")}
            autoComplete="off"
          />
          {visible("where") ? (
            <LocationFields
              legend={t("location.legend")}
              lat={fields.lat.initialValue as string | undefined}
              lng={fields.lng.initialValue as string | undefined}
              latErrors={fields.lat.errors}
              lngErrors={fields.lng.errors}
              tileUrl={map.tileUrl}
              geocoder={map.geocoder}
            />
          ) : (
            // Leaflet cannot size a map in a hidden step: the saved point rides along instead.
            <>
              <input type="hidden" name="lat" value={String(fields.lat.initialValue ?? "")} />
              <input type="hidden" name="lng" value={String(fields.lng.initialValue ?? "")} />
            </>
          )}
          <InputFor field={fields.phone} type="tel" label={t("parents.phone")} autoComplete="off" />
          <TimeZoneSelect field={fields.timeZone} label={t("parents.timeZone")} />
          <TextareaFor
            field={fields.accessNotes}
            label={t("parents.accessNotes")}
            hint={t("parents.accessNotesHint")}
            maxLength={500}
          />
        </>,
      )}
      {section(
        "contacts",
        <>
          <fieldset className="stack">
            <legend>{t("parents.emergencyContacts")}</legend>
            {contactFields.map((contact, i) => {
              const c = contact.getFieldset();
              return (
                <fieldset key={contact.key} className="field-row">
                  <legend className="visually-hidden">{t("parents.emergencyContactN", { n: i + 1 })}</legend>
                  <InputFor field={c.name} type="text" label={t("parents.contactName")} autoComplete="off" />
                  <InputFor field={c.relation} type="text" label={t("parents.contactRelation")} autoComplete="off" />
                  <InputFor field={c.phone} type="tel" label={t("parents.contactPhone")} autoComplete="off" />
                </fieldset>
              );
            })}
            {/* The list's own message (more contacts than the form has rows: a tampered form). */}
            <ErrorList errors={fields.emergencyContacts.errors} />
          </fieldset>
          <fieldset className="field-row">
            <legend>{t("parents.visitGoal")}</legend>
            <InputFor field={fields.visitGoalVisits} type="amount" label={t("parents.goalVisits")} />
            <InputFor field={fields.visitGoalMinutes} type="amount" label={t("parents.goalMinutes")} />
          </fieldset>
        </>,
      )}
      <p className="actions step-actions">
        <button type="submit" className="button" disabled={navigation.state === "submitting"}>
          {shown && nextParentStep(shown) ? t("phoneUx.saveAndContinue") : submitLabel}
        </button>
      </p>
    </Form>
  );
}

/** Where the family is among the edit steps: numbered dots, each a link, the current one filled. */
export function ParentProgress({ step }: { step: ParentStep }) {
  const { t } = useTranslation();
  const label = t("phoneUx.progress", { n: parentSteps.indexOf(step) + 1, total: parentSteps.length });
  return (
    <nav aria-label={label} className="steps">
      <p className="steps__count">{label}</p>
      <ol>
        {parentSteps.map((s, i) => (
          <li key={s}>
            <Link
              to={`?step=${s}`}
              className={`steps__item${s === step ? " steps__item--current" : ""}`}
              aria-current={s === step ? "step" : undefined}
            >
              <span className="steps__dot" aria-hidden="true">
                {i + 1}
              </span>
              <span className="steps__label">{t(`phoneUx.parentSteps.${s}`)}</span>
            </Link>
          </li>
        ))}
      </ol>
    </nav>
  );
}
