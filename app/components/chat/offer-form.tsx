// The offer form (new or counter): terms in the parent's time zone. A plain form without JavaScript;
// the same zod schema checks it in the browser.
import { type DefaultValue, getFormProps, type SubmissionResult } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { useLeaveWarning } from "~/components/ui/leave-warning";
import { Form, useNavigation } from "@remix-run/react";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { type ServiceKind, serviceKinds } from "~db/catalogue";
import type { Clash } from "~/chat/offers.server";
import { cancellationPolicies, offerExpiryHours, TASKS_BOX_MAX, TASKS_MAX } from "~/chat/limits";
import type { OfferFields } from "~/chat/schemas";
import { deferredValidation } from "../ui/deferred-validation";
import { inFormZone } from "../ui/server-clock";
import { CheckboxesFor, InputFor, SelectFor, TextareaFor } from "../ui/conform-fields";
import { ErrorList } from "../ui/field";
import { RadioGroup } from "../ui/radio-group";
import { SubmissionKeyInput } from "../ui/submission-key-input";
import { useFormat } from "~/i18n/use-format";
import { ClashAlert } from "./clash-alert";
import { minutesBetween, priceForMinutes } from "~/chat/offer-defaults";
import { formatMoney } from "~/visit-requests/format";

// The schema loads after hydration (see deferred-validation.ts); the route's action parses with it.
// The rules of the times read the parent's zone from the form and the server's clock (server-clock.ts).
const validateOffer = deferredValidation(() => import("~/chat/schemas").then((m) => inFormZone(m.offerFieldsSchemaAt)));

export interface OfferDefaults {
  service?: string;
  schedule?: "once" | "weekly";
  date?: string;
  start?: string;
  end?: string;
  weekdays?: string[];
  weeks?: string;
  tasks?: string;
  price?: string;
  cancellation?: string;
  expiresInHours?: string;
}

export function OfferForm({
  defaults,
  timeZone,
  lastResult,
  clashes,
  counter,
  replacesOwnOffer,
  openOfferId,
  priceFromBudget,
  submissionKey,
  rates,
}: {
  defaults: OfferDefaults;
  timeZone: string;
  lastResult: SubmissionResult<string[]> | null;
  clashes: Clash[] | null;
  counter: boolean;
  replacesOwnOffer: boolean;
  /**
   * The open offer the form answers or replaces ("none"): the server refuses the form if it changed
   * since. Kept as the form was drawn: the thread's live updates read the page again, and following
   * them would answer an offer the sender has not looked at (a review).
   */
  openOfferId: string;
  /** The price starts at the request's budget: it does not follow the times at the carer's rate. */
  priceFromBudget: boolean;
  submissionKey: string;
  /** The carer's hourly rate per service offered: the price of the chosen times, for the chosen service. */
  rates: Partial<Record<ServiceKind, number>>;
}) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const navigation = useNavigation();
  // Sent here to make an offer (a job's "Offer to help" ends at #offer): the form is what the page is
  // for. The browser scrolled to the place while this form's code was still loading, and on a slow
  // line found the page too short to scroll far enough. (Already in the top half of the screen: left.)
  useEffect(() => {
    const place = window.location.hash === "#offer" ? document.getElementById("offer") : null;
    const top = place?.getBoundingClientRect().top ?? 0;
    if (place && (top < 0 || top > window.innerHeight / 2)) place.scrollIntoView({ block: "start" });
  }, []);
  // What the form was drawn under; drawn again (with the offer open now) once the server has answered.
  const [drawnUnder, setDrawnUnder] = useState(openOfferId);
  const [answered, setAnswered] = useState(lastResult);
  if (answered !== lastResult) {
    setAnswered(lastResult);
    setDrawnUnder(openOfferId);
  }
  const [form, fields] = useCheckedForm({
    id: "offer-form",
    lastResult,
    // Form values are strings, as a browser sends them; the schema turns them into the offer's fields.
    defaultValue: {
      expiresInHours: "24",
      cancellation: "moderate",
      schedule: "once",
      ...defaults,
    } as unknown as DefaultValue<OfferFields>,
    onValidate: validateOffer,
  });
  // Terms typed and not sent: leaving for another page asks first, as the request form does (a walk).
  useLeaveWarning(form.id);
  // The service and times as chosen, for the price they come to at the carer's rate for that service
  // (the price stays what is typed).
  const [chosen, setChosen] = useState({
    service: String(fields.service.initialValue ?? ""),
    start: String(fields.start.initialValue ?? ""),
    end: String(fields.end.initialValue ?? ""),
    price: String(fields.price.initialValue ?? ""),
  });
  // Until a price is typed (or the form comes back, or starts from an offer: a counter, or the
  // sender's own open one, or from the request's budget), the price follows the times at the carer's
  // rate: the first suggestion is an hour's, and a longer visit left at it would have been offered for
  // less than the rate. The rate's total stays one tap away ("Use ¥…").
  const [priceTyped, setPriceTyped] = useState(Boolean(lastResult) || counter || replacesOwnOffer || priceFromBudget);
  const onInput = (event: FormEvent<HTMLFormElement>) => {
    const input = event.target as HTMLInputElement;
    const key = (
      {
        [fields.service.name]: "service",
        [fields.start.name]: "start",
        [fields.end.name]: "end",
        [fields.price.name]: "price",
      } as const
    )[input.name];
    if (key) setChosen((was) => ({ ...was, [key]: input.value }));
    if (key === "price" && event.isTrusted !== false) setPriceTyped(true);
  };
  const minutes = minutesBetween(chosen.start, chosen.end);
  const hourlyCents = rates[chosen.service as ServiceKind] ?? null;
  const atRate = hourlyCents && minutes ? priceForMinutes(hourlyCents, minutes) : null;
  const setPrice = (cents: number) => {
    form.update({ name: fields.price.name, value: String(cents / 100) });
    setChosen((was) => ({ ...was, price: String(cents / 100) }));
  };
  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the rate's total only, not every render
  useEffect(() => {
    if (!priceTyped && atRate !== null) setPrice(atRate);
  }, [atRate, priceTyped]);
  const money = (cents: number) => formatMoney(cents, i18n.language);
  // The carer's services (and the one the conversation is about, even if no longer offered); every
  // service when the carer lists none.
  const listed = serviceKinds.filter((s) => s in rates || s === defaults.service);
  const offeredServices = listed.length > 0 ? listed : serviceKinds;
  return (
    <Form
      method="post"
      className="stack card offer-form"
      {...getFormProps(form)}
      data-time-zone={timeZone}
      onInput={onInput}
    >
      <h2>{counter ? t("offer.counter") : t("offer.make")}</h2>
      <p className="field-hint">{t("offer.zoneHint", { zone: format.zone(timeZone) })}</p>
      <input type="hidden" name="intent" value="offer" />
      <SubmissionKeyInput value={submissionKey} />
      <input type="hidden" name="replaces" value={drawnUnder} />
      <ErrorList id={form.errorId} errors={form.errors} />
      <SelectFor
        field={fields.service}
        label={t("requests.service")}
        options={offeredServices.map((s) => ({ value: s, label: t(`catalogue.services.${s}`) }))}
      />
      <fieldset>
        <legend>{t("requests.schedule")}</legend>
        {(["once", "weekly"] as const).map((v) => (
          <label key={v} className="choice">
            <input
              type="radio"
              name={fields.schedule.name}
              value={v}
              defaultChecked={fields.schedule.initialValue === v}
            />
            <span>{t(v === "once" ? "offer.once" : "offer.weekly")}</span>
          </label>
        ))}
        <ErrorList errors={fields.schedule.errors} />
      </fieldset>
      <InputFor field={fields.date} type="date" label={t("offer.date")} hint={t("offer.dateHint")} />
      <div className="field-row">
        <InputFor field={fields.start} type="time" label={t("offer.start")} />
        <InputFor field={fields.end} type="time" label={t("offer.end")} />
      </div>
      {/* A one-off visit has no weekdays or weeks: they show for a weekly one only (styles.css). */}
      <div className="only-weekly stack">
        <CheckboxesFor
          field={fields.weekdays}
          legend={t("offer.weekdays")}
          options={[1, 2, 3, 4, 5, 6, 0].map((d) => ({
            value: String(d),
            label: t(`catalogue.weekdays.${d}` as "catalogue.weekdays.0"),
          }))}
        />
        <InputFor field={fields.weeks} type="amount" label={t("offer.weeks")} />
      </div>
      <TextareaFor
        field={fields.tasks}
        label={t("offer.tasks")}
        hint={t("offer.tasksHint")}
        maxLength={TASKS_BOX_MAX}
        maxLines={TASKS_MAX}
      />
      <InputFor field={fields.price} type="amount" label={t("offer.price")} inputMode="decimal" />
      {hourlyCents && minutes && atRate ? (
        <p className="field-hint offer-form__rate" aria-live="polite">
          {t("offer.rateHint", { rate: money(hourlyCents), minutes, total: money(atRate) })}{" "}
          {Math.round(Number(chosen.price) * 100) !== atRate && (
            <button type="button" className="button button--secondary" onClick={() => setPrice(atRate)}>
              {t("offer.useRate", { total: money(atRate) })}
            </button>
          )}
        </p>
      ) : null}
      <RadioGroup
        name={fields.cancellation.name}
        legend={t("offer.cancellation")}
        options={cancellationPolicies.map((c) => ({ value: c, label: t(`offer.cancellations.${c}`) }))}
        defaultValue={fields.cancellation.initialValue as string | undefined}
        errors={fields.cancellation.errors}
      />
      <SelectFor
        field={fields.expiresInHours}
        label={t("offer.expiresIn")}
        options={offerExpiryHours.map((h) => ({ value: String(h), label: t("offer.hours", { count: h }) }))}
      />
      {clashes && clashes.length > 0 && <ClashAlert clashes={clashes} timeZone={timeZone} action="send" />}
      {replacesOwnOffer && <p className="field-hint">{t("offer.replacesYours")}</p>}
      <button type="submit" className="button" disabled={navigation.state === "submitting"}>
        {counter ? t("offer.sendCounter") : t("offer.send")}
      </button>
    </Form>
  );
}
