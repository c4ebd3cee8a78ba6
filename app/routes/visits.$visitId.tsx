// A booked visit. For its carer, on a phone: the big "On my way", "Check in" and "Check out" buttons,
// the home (its address only inside the access window, each read recorded), the log. For the family:
// the tracking page, with the timeline, the map of the home, the carer on the way and the check-in
// and check-out points, live over the visit's event stream. Both get the printable visit record.
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { randomUUID } from "node:crypto";
import { parseWithZod } from "~/http/forms.server";
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { withActionHeaders } from "~/http/action-headers";
import { Link, type ShouldRevalidateFunction, useActionData, useLoaderData } from "@remix-run/react";
import { lazyIsland } from "~/components/ui/lazy-island";
import { useTranslation } from "~/i18n/react";
import { LazyPointsMap } from "~/components/map/lazy-points-map";
import { LazyVisitMap } from "~/components/map/lazy-visit-map";
import { ErrorList } from "~/components/ui/field";
// The carer's buttons (and conform, which they use) load with the page only for the carer: the family
// watching the visit never downloads them. The server renders them whole either way.
const CarerTaps = lazyIsland(() => import("~/components/visits/carer-taps").then((m) => m.CarerTaps));
import { useVisitFormat } from "~/components/visits/format";
import { ZoneNote } from "~/components/visits/zone-note";
import { usePositionSharing } from "~/components/visits/use-position-sharing";
import { useVisitStream } from "~/components/visits/use-visit-stream";
import { RatePrompt } from "~/components/ratings/rate-prompt";
import { VisitActions } from "~/components/visits/visit-actions";
import { VisitLogView } from "~/components/visits/visit-log-view";
import { useRecordExceptions, VisitRecord } from "~/components/visits/visit-record";
import { VisitTimeline } from "~/components/visits/visit-timeline";
import { YourTime } from "~/components/ui/your-time";
import { pointsMap, visitMap } from "~/components/map/points-preview.server";
import { APPROX_CELL_M } from "~/privacy/location";
import { invalid, readFormData, unreachable } from "~/http/forms.server";
import { redirectWithToast, type ToastInput } from "~/http/toast.server";
import { ratingPrompt } from "~/ratings/ratings.server";
import { formatMoney } from "~/visit-requests/format";
import { requireVisit } from "~/visits/guards.server";
import { logState } from "~/visits/log-rules";
import { VisitActionSchema } from "~/visits/tap-schemas";
import { EARLIEST_BEFORE_START_MS, endsEarly, POSITION_EVERY_MS, reasonOf, type Tap, TAPS } from "~/visits/taps";
import { type PositionResult, recordTap, sharePosition, type TapOutcome, type TapResult } from "~/visits/taps.server";
import { visitTracking, withoutHomeDistances, withTaskText } from "~/visits/tracking.server";
import { clockIn } from "~/visits/transitions.server";
import { ACTIVE_STATES, available } from "~/visits/visit-status";
import { visitActionsFor } from "~/visits/completion";
import { disputeRuled } from "~/visits/completion.server";
import { canFire } from "~/visits/visit-status";
import { homeFor, seriesOfVisit, taskTextFor } from "~/visits/visits.server";
import { offerWhen } from "~/components/chat/offer-when";
import { formatTimeZone, inBrackets } from "~/i18n/formatters";
import { VisitStatusBadge } from "~/components/visits/visit-status-badge";
import type { PageHandle } from "~/components/page-title";
import { CarerHome } from "~/components/visits/carer-home";
import { refusalOf } from "~/components/ui/refusal";
import { revalidateWhenStale } from "~/http/revalidate";

export const handle: PageHandle = { title: "titles.visit" };

type TapRefusal = Extract<TapResult, { ok: false }>["error"];
type PositionRefusal = Extract<PositionResult, { ok: false }>["error"];

/** Each refusal's message, and its status: 400 for what the carer can fix in the form, 409 for the visit's state. */
const TAP_ERRORS = {
  device_time_future: ["visits.track.errors.device_time_future", 400],
  reason_needed: ["visits.track.errors.reason_needed", 400],
  late_reason_needed: ["visits.track.errors.late_reason_needed", 400],
  outside_fence: ["visits.track.errors.outside_fence", 400],
  ends_early: ["visits.track.errors.ends_early", 409],
  not_allowed: ["visits.track.errors.not_allowed", 403],
  cancelled: ["visits.track.errors.cancelled", 409],
  not_checked_in: ["visits.track.errors.not_checked_in", 409],
  wrong_state: ["visits.track.errors.wrong_state", 409],
  too_early: ["visits.track.errors.too_early", 409],
  too_late: ["visits.track.errors.too_late", 409],
  key_reused: ["visits.track.errors.key_reused", 409],
  stale: ["visits.track.errors.stale", 409],
} as const satisfies Record<TapRefusal, readonly [string, number]>;

const POSITION_ERRORS = {
  device_time_future: ["visits.track.errors.device_time_future", 400],
  not_allowed: ["visits.track.errors.not_allowed", 403],
  not_on_the_way: ["visits.track.errors.not_on_the_way", 409],
  too_soon: ["visits.track.errors.too_soon", 429],
} as const satisfies Record<PositionRefusal, readonly [string, number]>;

const isTap = (name: string): name is Tap => (TAPS as readonly string[]).includes(name);

// A position sent too soon carries Retry-After on the document response too.
export const headers = withActionHeaders;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const access = await requireVisit(request, context, params);
  const now = new Date();
  const v = access.visit;
  const carer = access.side === "carer";
  const [home, fullTracking, rating, series, ruled] = await Promise.all([
    homeFor(context.db, access.viewer, v, { isFamily: !carer, memberRole: access.memberRole }, now),
    visitTracking(context.db, access),
    carer ? null : ratingPrompt(context.db, v, access.viewer.id, now),
    v.seriesId ? seriesOfVisit(context.db, v.seriesId) : null,
    // Read only where a dispute could be opened at all (most visits are ahead or under way).
    canFire("dispute", v.status, access.side) ? disputeRuled(context.db, v.id) : false,
  ]);
  const withheld = carer && !home?.exact;
  const task = await taskTextFor(context.db, access, now, !withheld);
  const tracking = withheld ? withTaskText(withoutHomeDistances(fullTracking), task) : fullTracking;
  return {
    side: access.side,
    visit: {
      id: v.id,
      status: v.status,
      service: v.service,
      startsAt: v.startsAt.toISOString(),
      endsAt: v.endsAt.toISOString(),
      priceCents: v.priceCents,
      cancellation: v.cancellation,
      // What a cancellation cost or counted, as recorded with it: both sides read it here (a walk found
      // the fee shown before cancelling and nowhere after).
      cancelled: v.status === "cancelled" ? { feeCents: v.cancellationFeeCents, late: v.lateCancellation } : null,
      tasks: v.terms.tasks.map(task),
      series: series && { ...series, schedule: "weekly" as const, durationMinutes: v.terms.durationMinutes },
    },
    parent: access.parent,
    carer: access.carer,
    bookedBy: access.bookedBy,
    home,
    // The family's tracking map and the carer's map of the home, each drawn by the server first.
    trackMap:
      !carer && home
        ? visitMap(context.env, {
            home: home.point,
            carer: v.status === "on_the_way" ? tracking.position : null,
            checkIn: tracking.record.checkIn.point,
            checkOut: tracking.record.checkOut.point,
          })
        : null,
    homeMap:
      carer && home
        ? pointsMap(context.env, home.point, [], { radiusM: home.exact ? undefined : APPROX_CELL_M })
        : null,
    tracking,
    logState: logState(v.status, { written: tracking.log !== null }),
    actions: visitActionsFor({ ...v, ruled }, access.side, now),
    rating,
    taps: carer
      ? {
          available: available(v.status, "carer").filter(isTap),
          // A fresh key per rendering: a double tap posts the same one, a later tap a new one.
          key: randomUUID(),
          radiusM: context.env.GEOFENCE_RADIUS_M,
          earliest:
            v.status === "scheduled" ? new Date(v.startsAt.getTime() - EARLIEST_BEFORE_START_MS).toISOString() : null,
          // How long until setting off and checking in open (0: open): the buttons show from then.
          opensInMs:
            v.status === "scheduled" ? Math.max(0, v.startsAt.getTime() - EARLIEST_BEFORE_START_MS - now.getTime()) : 0,
          // Checking out now would end the visit early: the form asks the carer to say so.
          bookedEnd: v.status === "in_progress" && endsEarly(v, now) ? v.endsAt.toISOString() : null,
        }
      : null,
  };
}

function toastFor(outcome: TapOutcome, timeZone: string): ToastInput {
  const time = clockIn(timeZone, new Date(outcome.at));
  switch (outcome.tap) {
    case "start_travel":
      // Set off without a position (location off or refused): the family cannot follow, and is not
      // promised it (a new-user walk read "the family can follow you" over "sharing paused").
      return { message: outcome.etaMinutes === null ? "onTheWayNoLocation" : "onTheWay" };
    case "check_in":
      return { message: "checkedIn", values: { time } };
    case "check_out":
      // "Please finish the visit log" only when there is none yet (it was said over a log written).
      return {
        message: outcome.logWritten ? "checkedOutLogged" : "checkedOut",
        values: { time, minutes: outcome.minutes ?? 0 },
      };
  }
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const access = await requireVisit(request, context, params);
  const submission = parseWithZod(await readFormData(request), { schema: VisitActionSchema });
  if (submission.status !== "success") return invalid(submission);
  const command = submission.value;
  const here = `/visits/${access.visit.id}`;
  const effects = { jobs: context.jobs, env: context.env, hub: context.hub };
  switch (command.intent) {
    case "start_travel":
    case "check_in":
    case "check_out": {
      const fix =
        command.lat !== undefined && command.lng !== undefined && command.accuracy !== undefined
          ? { lat: command.lat, lng: command.lng, accuracyM: command.accuracy }
          : null;
      const result = await recordTap(
        context.db,
        effects,
        access,
        {
          tap: command.intent,
          key: command.key,
          fix,
          reason: reasonOf(command.reasonCode, command.reasonText),
          deviceTime: command.deviceTime !== undefined ? new Date(command.deviceTime) : null,
          endEarly: command.endEarly === "on",
        },
        { radiusM: context.env.GEOFENCE_RADIUS_M },
      );
      if (!result.ok) {
        const [message, status] = TAP_ERRORS[result.error];
        // What the carer answers in the form shows beside the reason; the rest above the buttons.
        if (result.error === "outside_fence") {
          // How far, beside the reason: "away from the home" alone did not tell a poor fix 160 m off
          // from the wrong building (a new-user walk).
          const refused = invalid(submission, { fieldErrors: { reasonCode: [message] }, status });
          return data({ ...refused.data, distanceM: result.distanceM }, refused.init ?? undefined);
        }
        if (result.error === "reason_needed" || result.error === "late_reason_needed") {
          return invalid(submission, { fieldErrors: { reasonCode: [message] }, status });
        }
        if (result.error === "ends_early") return invalid(submission, { fieldErrors: { endEarly: [message] }, status });
        return invalid(submission, { formErrors: [message], status });
      }
      return redirectWithToast(context.env, here, toastFor(result.outcome, access.parent.timeZone));
    }
    case "position": {
      const result = await sharePosition(
        context.db,
        effects,
        access,
        { lat: command.lat, lng: command.lng, accuracyM: command.accuracy },
        command.deviceTime !== undefined ? new Date(command.deviceTime) : null,
      );
      if (!result.ok) {
        const [message, status] = POSITION_ERRORS[result.error];
        // Too soon: Retry-After gives the longest wait, as the chat's pace does.
        const headers = status === 429 ? { "Retry-After": String(POSITION_EVERY_MS / 1000) } : undefined;
        return invalid(submission, { formErrors: [message], status, headers });
      }
      return submission.reply();
    }
    default:
      return unreachable(command);
  }
}

// A position sent on the way changes nothing the page shows the carer: no need to read it again. A tap
// refused because the visit moved on meanwhile (a second check-out: 409) reads it again (revalidate.ts).
export const shouldRevalidate: ShouldRevalidateFunction = (args) =>
  args.formData?.get("intent") === "position" ? false : revalidateWhenStale(args);

export default function VisitPage() {
  const { visit, parent, carer, bookedBy, home, homeMap, trackMap, side, tracking, taps, logState, actions, rating } =
    useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { t, i18n } = useTranslation();
  const format = useVisitFormat(parent.timeZone);
  const live = useVisitStream(visit.id, tracking.lastEventId, tracking.position);
  const sharing = usePositionSharing(visit.id, side === "carer" && visit.status === "on_the_way");
  const position = visit.status === "on_the_way" ? live.position : null;
  const record = tracking.record;
  const address = home?.exact ? home.address : null;
  const actionsFirst = side === "family" && actions.confirm;
  // What the record says went other than booked, said beside "Confirm" (a new-user walk: a visit over
  // in a minute, before its start, asked to be confirmed, its exceptions far down in the record).
  const exceptions = useRecordExceptions(record, parent.timeZone);
  return (
    <article className="stack visit-page" aria-labelledby="title">
      <header className="stack visit-head">
        <h1 id="title">{t("visits.title", { parent: parent.name })}</h1>
        <p>
          {/* Whom the visit is with, from the reader's side: the carer reading their own name said nothing. */}
          <VisitStatusBadge status={visit.status} />{" "}
          {side === "carer"
            ? t("visits.withFamily", { parent: parent.name, family: bookedBy.name })
            : t("visits.with", { name: carer.name })}{" "}
          {/* "Live updates" (the page, not the visit) while there is something to follow: not on a visit that is over. */}
          {live.connection !== "connecting" && ACTIVE_STATES.includes(visit.status) && (
            <span
              className={`live-dot no-print${live.connection === "open" ? "" : " live-dot--off"}`}
              data-live={live.connection}
            >
              {t(live.connection === "open" ? "visits.track.live" : "visits.track.reconnecting")}
            </span>
          )}
        </p>
        <p className="muted">
          {format.dateTime(visit.startsAt)}–{format.clock(visit.endsAt)}
          {inBrackets(i18n.language, formatTimeZone(i18n.language, parent.timeZone))}
        </p>
        <YourTime start={visit.startsAt} end={visit.endsAt} eventZone={parent.timeZone} />
        {visit.cancelled && (visit.cancelled.feeCents !== null || visit.cancelled.late) && (
          <p>
            {visit.cancelled.late
              ? t("visits.cancelledLate")
              : visit.cancelled.feeCents
                ? t("visits.cancelledFee", {
                    fee: formatMoney(visit.cancelled.feeCents, i18n.language),
                    policy: t(`offer.cancellations.${visit.cancellation}`),
                  })
                : t("visits.cancelledFree")}
          </p>
        )}
      </header>

      {taps && taps.available.length > 0 && (
        <CarerTaps
          taps={taps.available}
          tapKey={taps.key}
          radiusM={taps.radiusM}
          earliest={taps.earliest}
          opensInMs={taps.opensInMs}
          bookedEnd={taps.bookedEnd}
          timeZone={parent.timeZone}
          lastResult={lastResult ?? null}
        />
      )}
      {taps && taps.available.length === 0 && refusalOf(lastResult) && (
        // A tap refused because the visit moved on (cancelled, already checked out): no buttons to show it by.
        <div className="card">
          <ErrorList errors={refusalOf(lastResult)} />
        </div>
      )}
      {side === "carer" && visit.status === "on_the_way" && (
        <p className="card muted sharing" role="status">
          {t("visits.track.sharing")}{" "}
          {sharing.sentAt && t("visits.track.sharedAt", { time: format.clock(new Date(sharing.sentAt).toISOString()) })}
          {sharing.problem &&
            t("visits.track.sharingPaused", { problem: t(`visits.track.${sharing.problem}` as const) })}
        </p>
      )}

      {/* The carer's way in comes before the record: on the way, it is what they read. */}
      {side === "carer" && home && homeMap && (
        <section className="card stack no-print" aria-labelledby="home-title">
          <h2 id="home-title">{t("visits.home")}</h2>
          {home.exact ? (
            <CarerHome home={home} timeZone={parent.timeZone} />
          ) : (
            <p className="muted">{t("visits.homeApprox")}</p>
          )}
          <LazyPointsMap
            {...homeMap}
            home={home.point}
            homeLabel={parent.name}
            radiusM={home.exact ? undefined : APPROX_CELL_M}
            points={[]}
            label={t("visits.homeMap")}
          />
        </section>
      )}
      {/* A visit to confirm: the family's first answer, before the rating (the dashboard sends them here). */}
      {actionsFirst && exceptions.length > 0 && (
        <section className="card stack form-alert" aria-labelledby="before-confirm-title" data-testid="before-confirm">
          <h2 id="before-confirm-title">{t("visits.beforeConfirm.title")}</h2>
          <ul>
            {exceptions.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          <p>{t("visits.beforeConfirm.hint")}</p>
        </section>
      )}
      {actionsFirst && <VisitActions visitId={visit.id} shown={actions} />}
      {side === "family" && rating && (
        <RatePrompt visitId={visit.id} prompt={rating} carerName={carer.name} timeZone={parent.timeZone} />
      )}
      {side === "family" && position && (
        <p className="card eta" role="status">
          {position.etaMinutes === null
            ? t("visits.track.onTheWay", { name: carer.name })
            : t("visits.track.eta", { name: carer.name, minutes: position.etaMinutes })}
        </p>
      )}
      {side === "family" && home && trackMap && (
        <section className="card stack no-print" aria-labelledby="map-title">
          <h2 id="map-title">{t("visits.track.mapTitle")}</h2>
          <LazyVisitMap
            home={{ ...home.point, label: t("visits.track.mapHome") }}
            carer={
              position
                ? {
                    lat: position.lat,
                    lng: position.lng,
                    accuracyM: position.accuracyM,
                    label: t("visits.track.mapCarer", { name: carer.name }),
                  }
                : null
            }
            checkIn={record.checkIn.point ? { ...record.checkIn.point, label: t("visits.track.mapCheckIn") } : null}
            checkOut={record.checkOut.point ? { ...record.checkOut.point, label: t("visits.track.mapCheckOut") } : null}
            {...trackMap}
            label={t("visits.track.mapLabel")}
          />
          {/* The key: a phone shows no marker's title (a new-user walk could not tell home from check-in). */}
          <ul className="map-key">
            {(
              [
                ["home", t("visits.track.mapHome")],
                position && ["carer", t("visits.track.mapCarer", { name: carer.name })],
                record.checkIn.point && ["in", t("visits.track.mapCheckIn")],
                record.checkOut.point && ["out", t("visits.track.mapCheckOut")],
              ].filter(Boolean) as [string, string][]
            ).map(([kind, label]) => (
              <li key={kind}>
                <span className={`map-pin map-pin--${kind}`} aria-hidden="true" />
                {label}
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card stack" aria-labelledby="timeline-title">
        <h2 id="timeline-title">{t("visits.track.timelineTitle")}</h2>
        <ZoneNote timeZone={parent.timeZone} />
        <VisitTimeline entries={tracking.timeline} timeZone={parent.timeZone} parentName={parent.name} />
      </section>

      <VisitLogView
        visitId={visit.id}
        log={tracking.log}
        corrections={tracking.corrections}
        tasks={visit.tasks}
        state={logState}
        canWrite={side === "carer"}
        parentName={parent.name}
        timeZone={parent.timeZone}
      />

      <VisitRecord record={record} address={address} timeZone={parent.timeZone} />

      <dl className="card details no-print">
        <div>
          <dt>{t("requests.service")}</dt>
          <dd>{t(`catalogue.services.${visit.service}`)}</dd>
        </div>
        <div>
          <dt>{t("visits.price")}</dt>
          <dd>{formatMoney(visit.priceCents, i18n.language)}</dd>
        </div>
        {visit.tasks.length > 0 && (
          <div>
            <dt>{t("visits.tasks")}</dt>
            <dd>
              <ul className="task-list">
                {visit.tasks.map((task) => (
                  <li key={task}>{task}</li>
                ))}
              </ul>
            </dd>
          </div>
        )}
        <div>
          <dt>{t("visits.cancellation")}</dt>
          <dd>{t(`offer.cancellations.${visit.cancellation}`)}</dd>
        </div>
        {visit.series && (
          <div>
            <dt>{t("offer.weekly")}</dt>
            <dd>
              {offerWhen(t, i18n.language, visit.series, format.now)}
              <br />
              <span className="muted">
                {t(
                  visit.series.cancelled
                    ? "visits.seriesCancelled"
                    : visit.series.allBooked
                      ? "visits.seriesAllBooked"
                      : "visits.seriesAhead",
                )}
              </span>
            </dd>
          </div>
        )}
      </dl>

      {!actionsFirst && <VisitActions visitId={visit.id} shown={actions} />}

      <p className="no-print">
        <Link to="/chat" className="link-target">
          {t("visits.chat")}
        </Link>
        {side === "carer" && (
          <>
            {" · "}
            <Link to="/carer/visits" className="link-target">
              {t("visits.track.dayTitle")}
            </Link>
          </>
        )}
      </p>
    </article>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
