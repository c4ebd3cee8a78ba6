// The carer's day on a phone: today's visits (and any under way), then the next two weeks, each one
// tap from its page with the "On my way", "Check in" and "Check out" buttons; then the next booked ones
// after those ("Later"), and the last 30 days',
// for their records and logs.
import { useFormat } from "~/i18n/use-format";
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat, inBrackets } from "~/i18n/formatters";
import { formatMoney } from "~/visit-requests/format";
import { requireCarer } from "~/auth/guards.server";
import { carerDay } from "~/visits/carer-day.server";
import { VisitStatusBadge } from "~/components/visits/visit-status-badge";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.carerVisits" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCarer(request, context);
  const day = await carerDay(context.db, user.id, new Date());
  const view = (rows: typeof day.today) =>
    rows.map((v) => ({ ...v, startsAt: v.startsAt.toISOString(), endsAt: v.endsAt.toISOString() }));
  return {
    today: view(day.today),
    upcoming: view(day.upcoming),
    later: view(day.later),
    recent: view(day.recent),
    done: day.done,
  };
}

type DayRow = ReturnType<typeof useLoaderData<typeof loader>>["today"][number];

function VisitRow({ v, withDate }: { v: DayRow; withDate: boolean }) {
  const { t, i18n } = useTranslation();
  const format = useFormat();
  // With its date, the year when it is not this year's (a visit next March read as this year's: an outside probe).
  const clock = dateTimeFormat(i18n.language, {
    timeZone: v.timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  const start = withDate
    ? format.date(v.startsAt, { timeZone: v.timeZone, time: true })
    : clock.format(new Date(v.startsAt));
  return (
    <li className="day-visit">
      <Link to={`/visits/${v.id}`} className="day-visit__link">
        <span className="day-visit__time">
          {start}–
          {dateTimeFormat(i18n.language, {
            timeZone: v.timeZone,
            hour: "2-digit",
            minute: "2-digit",
            hourCycle: "h23",
          }).format(new Date(v.endsAt))}
          {/* On the parent's clock: named when the reader's is another (a review). */}
          {format.readerZone === v.timeZone ? "" : inBrackets(i18n.language, format.zone(v.timeZone))}
        </span>
        <span className="day-visit__who">
          {v.parentName} · {t(`catalogue.services.${v.service}`)} · {formatMoney(v.priceCents, i18n.language)}
        </span>
        <VisitStatusBadge status={v.status} />
      </Link>
    </li>
  );
}

/** One part of the day ("Today", "Later"…): its visits, or what it says when it has none (null: left out). */
function DaySection({
  name,
  visits,
  withDate,
  none,
}: {
  name: "today" | "upcoming" | "later" | "recent";
  visits: DayRow[];
  withDate: boolean;
  none: string | null;
}) {
  const { t } = useTranslation();
  if (visits.length === 0 && none === null) return null;
  return (
    <section className="stack" aria-labelledby={`${name}-title`}>
      <h2 id={`${name}-title`}>{t(`visits.track.${name}`)}</h2>
      {visits.length === 0 ? (
        <p className="muted">{none}</p>
      ) : (
        <ul className="day-visits">
          {visits.map((v) => (
            <VisitRow key={v.id} v={v} withDate={withDate} />
          ))}
        </ul>
      )}
    </section>
  );
}

export default function CarerVisits() {
  const { today, upcoming, later, recent, done } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  return (
    <section className="stack carer-day" aria-labelledby="day-title">
      <h1 id="day-title">{t("visits.track.dayTitle")}</h1>
      <DaySection name="today" visits={today} withDate={false} none={t("visits.track.noneToday")} />
      <DaySection name="upcoming" visits={upcoming} withDate none={t("visits.track.noneUpcoming")} />
      <DaySection name="later" visits={later} withDate none={null} />
      <DaySection name="recent" visits={recent} withDate none={null} />
      {done.visits > 0 && (
        <p className="muted" data-testid="done-total">
          {t("visits.track.doneTotal", { count: done.visits, price: formatMoney(done.priceCents, i18n.language) })}
        </p>
      )}
      {/* Nothing ahead: the way to find some (an empty page was a dead end: a phone walk). */}
      {today.length + upcoming.length + later.length === 0 && (
        <p className="actions">
          <Link className="button button--secondary" to="/carer/jobs">
            {t("visits.track.findJobs")}
          </Link>
        </p>
      )}
    </section>
  );
}
