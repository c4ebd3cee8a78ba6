// Platform figures for admins, week by week over the last WEEKS weeks (ISO weeks, UTC): carers active
// (checked in at least once that week), visits due, the share of them missed, and failed texts; and
// now, the carers listed and the average rating score (carers.rating_score, which fills once ratings
// exist: until then it says so).
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "~/db.server";
import type { AdminViewer } from "./audit.server";
import { rate } from "./chart";

export const WEEKS = 12;

export interface WeekFigures {
  /** Monday of the week, YYYY-MM-DD. */
  week: string;
  activeCarers: number;
  visits: number;
  missed: number;
  missedRate: number;
  smsSent: number;
  smsFailed: number;
}

export async function platformFigures(db: Database, _admin: AdminViewer, now: Date) {
  const weeks = await queryRows<{
    week: string;
    active_carers: number;
    visits: number;
    missed: number;
    sms_sent: number;
    sms_failed: number;
  }>(
    db,
    // One pass over each table's rows of the window, grouped by week, then laid on the weeks series
    // (so a week with nothing is a 0, not a gap).
    sql`with bounds as (
          select date_trunc('week', ${now.toISOString()}::timestamptz at time zone 'UTC') as last_week
        ), weeks as (
          select generate_series(b.last_week - ${WEEKS - 1} * interval '1 week', b.last_week, interval '1 week') as start
          from bounds b
        ), since as (
          select (min(start) at time zone 'UTC') as at from weeks
        ), checked_in as (
          select date_trunc('week', v.checked_in_at at time zone 'UTC') as week, count(distinct v.carer_id) as n
          from visits v, since where v.checked_in_at >= since.at group by 1
        ), due as (
          select date_trunc('week', v.starts_at at time zone 'UTC') as week,
                 count(*) filter (where v.status <> 'cancelled') as visits,
                 count(*) filter (where v.status = 'missed') as missed
          from visits v, since where v.starts_at >= since.at group by 1
        ), texts as (
          select date_trunc('week', s.created_at at time zone 'UTC') as week,
                 count(*) filter (where s.status <> 'suppressed') as sent,
                 count(*) filter (where s.status = 'failed') as failed
          from sms_messages s, since where s.created_at >= since.at group by 1
        )
        select to_char(w.start, 'YYYY-MM-DD') as week,
               coalesce(c.n, 0)::int as active_carers,
               coalesce(d.visits, 0)::int as visits,
               coalesce(d.missed, 0)::int as missed,
               coalesce(t.sent, 0)::int as sms_sent,
               coalesce(t.failed, 0)::int as sms_failed
        from weeks w
        left join checked_in c on c.week = w.start
        left join due d on d.week = w.start
        left join texts t on t.week = w.start
        order by w.start`,
  );
  const [now_] = await queryRows<{
    listed: number;
    verified: number;
    awaiting: number;
    suspended: number;
    rated: number;
    avg_score: number | null;
    failed_now: number;
    open_disputes: number;
    open_reports: number;
  }>(
    db,
    sql`select
          (select count(*) from carers c join users u on u.id = c.user_id
            where c.listed and u.suspended_at is null)::int as listed,
          (select count(*) from carers c join users u on u.id = c.user_id
            where c.verified and u.suspended_at is null)::int as verified,
          (select count(*) from carers c join users u on u.id = c.user_id
            where not c.verified and u.suspended_at is null)::int as awaiting,
          (select count(*) from users where suspended_at is not null)::int as suspended,
          (select count(*) from carers where rating_score is not null)::int as rated,
          (select avg(rating_score) from carers where rating_score is not null)::float8 as avg_score,
          (select count(*) from sms_messages where status = 'failed')::int as failed_now,
          (select count(*) from disputes where status = 'open')::int as open_disputes,
          (select count(*) from message_reports where resolved_at is null)::int as open_reports`,
  );
  const series: WeekFigures[] = weeks.map((w) => ({
    week: String(w.week),
    activeCarers: Number(w.active_carers),
    visits: Number(w.visits),
    missed: Number(w.missed),
    missedRate: rate(Number(w.missed), Number(w.visits)),
    smsSent: Number(w.sms_sent),
    smsFailed: Number(w.sms_failed),
  }));
  const n = now_!;
  return {
    weeks: series,
    current: {
      listedCarers: Number(n.listed),
      verifiedCarers: Number(n.verified),
      awaitingVerification: Number(n.awaiting),
      suspendedAccounts: Number(n.suspended),
      ratedCarers: Number(n.rated),
      /** Null until ratings exist (carers.rating_score is written by the ratings feature). */
      averageScore: n.avg_score === null ? null : Number(n.avg_score),
      failedSms: Number(n.failed_now),
      openDisputes: Number(n.open_disputes),
      openReports: Number(n.open_reports),
    },
  };
}
