// /admin: the platform's figures, week by week (small inline-SVG charts), and what waits for an admin.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { platformFigures } from "~/admin/figures.server";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { MiniChart } from "~/components/admin/mini-chart";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.admin" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  return platformFigures(context.db, admin, new Date());
}

export default function AdminHome() {
  const { weeks, current } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const labels = weeks.map((w) => w.week);
  const percent = (v: number) => `${Math.round(v * 1000) / 10}%`;
  const waiting = [
    ["/admin/carers", "adminPanel.figures.awaiting", current.awaitingVerification],
    ["/admin/reports", "adminPanel.figures.openReports", current.openReports],
    ["/admin/disputes", "adminPanel.figures.openDisputes", current.openDisputes],
    ["/admin/sms", "adminPanel.figures.failedSms", current.failedSms],
  ] as const;
  return (
    <section className="stack" aria-labelledby="admin-title">
      <h1 id="admin-title">{t("admin.title")}</h1>
      <AdminNav />
      <dl className="stats">
        {waiting.map(([to, key, value]) => (
          <div key={key}>
            <dt>
              <Link to={to}>{t(key)}</Link>
            </dt>
            <dd>{value}</dd>
          </div>
        ))}
        <div>
          <dt>{t("adminPanel.figures.listed")}</dt>
          <dd>{current.listedCarers}</dd>
        </div>
        <div>
          <dt>{t("adminPanel.figures.verified")}</dt>
          <dd>{current.verifiedCarers}</dd>
        </div>
        <div>
          <dt>{t("adminPanel.figures.suspended")}</dt>
          <dd>{current.suspendedAccounts}</dd>
        </div>
        <div>
          <dt>{t("adminPanel.figures.averageScore")}</dt>
          <dd>
            {current.averageScore === null
              ? "—"
              : t("adminPanel.figures.score", { score: current.averageScore.toFixed(2), count: current.ratedCarers })}
          </dd>
        </div>
      </dl>
      {current.averageScore === null && <p className="muted">{t("adminPanel.figures.noScores")}</p>}
      <h2>{t("adminPanel.figures.weekly", { count: weeks.length })}</h2>
      <div className="admin-charts">
        <MiniChart
          title={t("adminPanel.figures.activeCarers")}
          weeks={labels}
          values={weeks.map((w) => w.activeCarers)}
        />
        <MiniChart title={t("adminPanel.figures.visits")} weeks={labels} values={weeks.map((w) => w.visits)} />
        <MiniChart
          title={t("adminPanel.figures.missedRate")}
          weeks={labels}
          values={weeks.map((w) => w.missedRate)}
          format={percent}
        />
        <MiniChart title={t("adminPanel.figures.smsFailures")} weeks={labels} values={weeks.map((w) => w.smsFailed)} />
      </div>
    </section>
  );
}
