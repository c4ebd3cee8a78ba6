// The carer's big buttons on a phone: "On my way", "Check in", "Check out". One plain form whose
// location fields the script fills from the phone's geolocation before it posts; without JavaScript
// (or without a fix) the carer still taps, giving a reason. Every tap carries the key rendered into
// the form, so a double tap on a bad network records once.
import { getFormProps } from "@conform-to/react";
import { useCheckedForm } from "~/components/ui/checked-form";
import { errorsWithAbsent } from "~/components/ui/absent-fields";
import type { SubmissionResult } from "@conform-to/react";
import { Form, useNavigation } from "@remix-run/react";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { InputFor, SelectFor } from "~/components/ui/conform-fields";
import { ErrorList } from "~/components/ui/field";
import { refocus } from "~/components/ui/refocus";
import { POOR_FIX_M } from "~/visits/geofence";
import { deferredValidation } from "~/components/ui/deferred-validation";

// The schema loads after hydration (see deferred-validation.ts); the route's action parses with it.
const validateTap = deferredValidation(() => import("~/visits/tap-schemas").then((m) => m.VisitActionSchema));
import { PLACE_REASONS, type Tap } from "~/visits/taps";
import { type BrowserFix, type FixProblem, getFix } from "./geolocation";
import { useVisitFormat } from "./format";

type Phase =
  | { kind: "idle" }
  | { kind: "locating" }
  | { kind: "problem"; problem: FixProblem; tap: Tap }
  | { kind: "poor"; fix: BrowserFix; tap: Tap };

const LABELS = {
  start_travel: "visits.track.startTravel",
  check_in: "visits.track.checkIn",
  check_out: "visits.track.checkOut",
} as const;

export function CarerTaps({
  taps,
  tapKey,
  radiusM,
  earliest,
  opensInMs,
  bookedEnd,
  timeZone,
  lastResult,
}: {
  taps: Tap[];
  tapKey: string;
  radiusM: number;
  /** When setting off or checking in opens (ISO), while the visit is still ahead. */
  earliest: string | null;
  /**
   * How long until then, by the server's clock (0: open). Until then the buttons are not shown: shown,
   * they looked usable days ahead and answered "too early" only once tapped.
   */
  opensInMs: number;
  /** The booked end (ISO) while checking out now would end the visit early: the carer says so. */
  bookedEnd: string | null;
  timeZone: string;
  lastResult: SubmissionResult<string[]> | null;
}) {
  const { t } = useTranslation();
  const format = useVisitFormat(timeZone);
  const navigation = useNavigation();
  const [phase, setPhase] = useState<Phase>({ kind: "idle" });
  const formRef = useRef<HTMLFormElement>(null);
  const reasonRef = useRef<HTMLDetailsElement>(null);
  // Set just before the script posts the form itself, so its own submit handler lets it through.
  const through = useRef(false);
  // The page left open shows the buttons when the time comes: checked by a timer (at most an hour
  // long, so a phone asleep for part of the wait is late by less than that) and again whenever the
  // page is shown or focused (a tab left for days, a phone woken up).
  const [open, setOpen] = useState(opensInMs <= 0);
  const [form, fields] = useCheckedForm({
    id: "visit-taps",
    lastResult,
    shouldValidate: "onSubmit",
    onValidate: validateTap,
  });
  // The form waits for its time; "ends early" is drawn only with a Check out before the booked end.
  const formErrors = errorsWithAbsent(
    form,
    !open ? "all" : bookedEnd && taps.includes("check_out") ? [] : ["endEarly"],
  );
  useEffect(() => {
    const opensAt = Date.now() + opensInMs;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const check = () => {
      clearTimeout(timer);
      const left = opensAt - Date.now();
      setOpen(left <= 0);
      if (left > 0) timer = setTimeout(check, Math.min(left, 3_600_000));
    };
    check();
    const events = ["focus", "pageshow"] as const;
    for (const e of events) window.addEventListener(e, check);
    document.addEventListener("visibilitychange", check);
    return () => {
      clearTimeout(timer);
      for (const e of events) window.removeEventListener(e, check);
      document.removeEventListener("visibilitychange", check);
    };
  }, [opensInMs]);
  const submitting = navigation.state !== "idle";
  const busy = phase.kind === "locating" || submitting;
  // A tap that took effect replaces its button with the next one ("Check in", then "Check out"): focus
  // goes to that, not to the page's start with the button that went (unless the carer went elsewhere).
  const nextTaps = taps.join(" ");
  const shownTaps = useRef(nextTaps);
  useEffect(() => {
    if (shownTaps.current === nextTaps) return;
    shownTaps.current = nextTaps;
    refocus(formRef.current?.querySelector<HTMLButtonElement>(".tap-buttons button"), formRef.current);
  }, [nextTaps]);

  const input = (name: string) => formRef.current?.elements.namedItem(name) as HTMLInputElement | null;
  const fill = (fix: BrowserFix | null) => {
    const values: Record<string, string> = fix
      ? {
          lat: fix.lat.toFixed(6),
          lng: fix.lng.toFixed(6),
          accuracy: String(Math.round(fix.accuracyM)),
          deviceTime: String(fix.deviceTime),
        }
      : { lat: "", lng: "", accuracy: "", deviceTime: "" };
    for (const [name, value] of Object.entries(values)) {
      const el = input(name);
      if (el) el.value = value;
    }
  };
  const reasonGiven = () => Boolean(input("reasonCode")?.value || input("reasonText")?.value.trim());
  const post = (tap: Tap) => {
    setPhase({ kind: "idle" });
    const button = formRef.current?.querySelector<HTMLButtonElement>(`button[name="intent"][value="${tap}"]`);
    through.current = true;
    formRef.current?.requestSubmit(button ?? undefined);
  };

  async function locateAndPost(tap: Tap) {
    setPhase({ kind: "locating" });
    const found = await getFix();
    if (found.ok) {
      if (found.fix.accuracyM > POOR_FIX_M) return setPhase({ kind: "poor", fix: found.fix, tap });
      fill(found.fix);
      return post(tap);
    }
    fill(null);
    // "On my way" needs no place; a check-in without one needs the carer's reason.
    if (tap === "start_travel" || reasonGiven()) return post(tap);
    if (reasonRef.current) reasonRef.current.open = true;
    setPhase({ kind: "problem", problem: found.problem, tap });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    if (through.current) {
      through.current = false;
      return form.onSubmit(event);
    }
    const submitter = (event.nativeEvent as SubmitEvent).submitter as HTMLButtonElement | null;
    const tap = submitter?.name === "intent" ? (submitter.value as Tap) : null;
    if (!tap) return form.onSubmit(event);
    event.preventDefault();
    if (!busy) void locateAndPost(tap);
  }

  // The refused tap's distance from the home, sent with an "away from the home" refusal.
  const away = (lastResult as { distanceM?: unknown } | null)?.distanceM;
  const awayM = typeof away === "number" ? away : null;
  const reasonOpen = Boolean(fields.reasonCode.errors?.length || fields.reasonText.errors?.length);
  const locationOpen = Boolean(
    fields.lat.errors?.length || fields.lng.errors?.length || fields.accuracy.errors?.length,
  );

  return (
    <section className="card stack taps" aria-labelledby="taps-title">
      <h2 id="taps-title">{t("visits.track.tapsTitle")}</h2>
      {/* Until the buttons show: with them on the screen, "from 09:30" read as not yet. */}
      {earliest && !open && (
        <p className="muted">{t("visits.track.earliest", { time: format.dateTimeZoned(earliest) })}</p>
      )}
      {/* A tap posted anyway (a page from before, a form without the buttons) is refused as too early. */}
      {!open && <ErrorList id={form.errorId} errors={formErrors} />}
      {open && (
        <Form method="post" ref={formRef} {...getFormProps(form)} onSubmit={onSubmit} className="stack">
          <input type="hidden" name="key" value={tapKey} />
          <ErrorList id={form.errorId} errors={formErrors} />
          {/* Read before the button it changes, not found under it after the tap was refused. */}
          {bookedEnd && taps.includes("check_out") && (
            <div className="stack">
              <label className="choice">
                <input
                  type="checkbox"
                  name={fields.endEarly.name}
                  id={fields.endEarly.id}
                  // Ticked still after a refused tap (a reason missing): without JavaScript the page comes
                  // back from the server, and the tick was lost, so the next tap was refused for want of it.
                  defaultChecked={fields.endEarly.initialValue === "on"}
                  aria-describedby={fields.endEarly.errors?.length ? fields.endEarly.errorId : undefined}
                />
                <span>{t("visits.track.endEarly", { time: format.clock(bookedEnd) })}</span>
              </label>
              <ErrorList id={fields.endEarly.errorId} errors={fields.endEarly.errors} />
            </div>
          )}
          <div className="tap-buttons">
            {taps.map((tap) => (
              <button
                key={tap}
                type="submit"
                name="intent"
                value={tap}
                className={`button button--tap button--tap-${tap}`}
                // Not disabled while locating: a disabled submitter's value would not be posted.
                disabled={submitting}
                aria-disabled={busy || undefined}
              >
                {t(LABELS[tap])}
              </button>
            ))}
          </div>
          <div role="status" aria-live="polite" className="tap-status">
            {phase.kind === "locating" && <p>{t("visits.track.locating")}</p>}
            {phase.kind === "problem" && (
              <div className="form-alert stack">
                <p>{t(`visits.track.${phase.problem}`)}</p>
                <button type="button" className="button button--secondary" onClick={() => post(phase.tap)}>
                  {t("visits.track.continueWithout")}
                </button>
              </div>
            )}
            {phase.kind === "poor" && (
              <div className="form-alert stack">
                <p>{t("visits.track.poorFix", { distance: format.distance(phase.fix.accuracyM) })}</p>
                <p className="actions">
                  <button
                    type="button"
                    className="button button--secondary"
                    onClick={() => void locateAndPost(phase.tap)}
                  >
                    {t("visits.track.tryAgain")}
                  </button>
                  <button
                    type="button"
                    className="button"
                    onClick={() => {
                      fill(phase.fix);
                      post(phase.tap);
                    }}
                  >
                    {t("visits.track.useAnyway")}
                  </button>
                </p>
              </div>
            )}
          </div>
          <p className="muted">{t("visits.track.tapHint")}</p>
          {/* Without JavaScript no location is sent, and the hint above would say otherwise (a walk). */}
          <noscript>
            <p className="muted">{t("visits.track.tapHintNoScript")}</p>
          </noscript>
          <details className="tap-more" ref={reasonRef} open={reasonOpen || undefined}>
            <summary>{t("visits.track.reasonLegend")}</summary>
            <div className="stack">
              {awayM !== null && (
                <p className="form-alert" data-testid="away-by">
                  {t("visits.track.awayBy", { distance: format.distance(awayM), radius: radiusM })}
                </p>
              )}
              <p className="field-hint">{t("visits.track.reasonHint", { radius: radiusM })}</p>
              <SelectFor
                field={fields.reasonCode}
                label={t("visits.track.reasonCode")}
                includeEmpty={t("visits.track.reasonNone")}
                options={PLACE_REASONS.map((r) => ({ value: r, label: t(`visits.track.reasons.${r}`) }))}
              />
              <InputFor field={fields.reasonText} type="text" label={t("visits.track.reasonText")} maxLength={200} />
            </div>
          </details>
          <details className="tap-more" open={locationOpen || undefined}>
            <summary>{t("visits.track.locationFields")}</summary>
            <div className="field-row">
              <InputFor field={fields.lat} type="number" label={t("visits.track.lat")} step="any" inputMode="decimal" />
              <InputFor field={fields.lng} type="number" label={t("visits.track.lng")} step="any" inputMode="decimal" />
              <InputFor field={fields.accuracy} type="amount" label={t("visits.track.accuracy")} inputMode="decimal" />
            </div>
            <input type="hidden" name="deviceTime" defaultValue="" />
          </details>
        </Form>
      )}
    </section>
  );
}
