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
    sql`with weeks as (
          select generate_series(
            date_trunc('week', ${now.toISOString()}::timestamptz at time zone 'UTC') - ${WEEKS - 1} * interval '1 week',
            date_trunc('week', ${now.toISOString()}::timestamptz at time zone 'UTC'),
            interval '1 week') as start
        )
        select to_char(w.start, 'YYYY-MM-DD') as week,
          (select count(distinct v.carer_id) from visits v
            where v.checked_in_at >= w.start at time zone 'UTC'
              and v.checked_in_at < (w.start + interval '1 week') at time zone 'UTC')::int as active_carers,
          (select count(*) from visits v
            where v.status <> 'cancelled'
              and v.starts_at >= w.start at time zone 'UTC'
              and v.starts_at < (w.start + interval '1 week') at time zone 'UTC')::int as visits,
          (select count(*) from visits v
            where v.status = 'missed'
              and v.starts_at >= w.start at time zone 'UTC'
              and v.starts_at < (w.start + interval '1 week') at time zone 'UTC')::int as missed,
          (select count(*) from sms_messages s
            where s.status <> 'suppressed'
              and s.created_at >= w.start at time zone 'UTC'
              and s.created_at < (w.start + interval '1 week') at time zone 'UTC')::int as sms_sent,
          (select count(*) from sms_messages s
            where s.status = 'failed'
              and s.created_at >= w.start at time zone 'UTC'
              and s.created_at < (w.start + interval '1 week') at time zone 'UTC')::int as sms_failed
        from weeks w order by w.start`,
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
