import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCarer } from "~/auth/guards.server";
import { upcomingVisitsForCarer } from "~/visits/visits.server";
import { useFormat } from "~/i18n/use-format";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Carer" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCarer(request, context);
  const visits = await upcomingVisitsForCarer(context.db, user.id, new Date(), 10);
  return {
    name: user.name,
    visits: visits.map((v) => ({ ...v, startsAt: v.startsAt.toISOString(), endsAt: v.endsAt.toISOString() })),
  };
}

// Dashboard for carers: the way to nearby jobs and to their profile.
export default function CarerDashboard() {
  const { name, visits } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const format = useFormat();
  return (
    <section className="stack" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("carer.title", { name })}</h1>
      <p>{t("carer.body")}</p>
      <p className="actions">
        <Link className="button" to="/carer/visits">
          {t("visits.track.dayLink")}
        </Link>
        <Link className="button button--secondary" to="/carer/jobs">
          {t("jobs.title")}
        </Link>
        <Link className="button button--secondary" to="/carer/profile">
          {t("carerProfile.title")}
        </Link>
      </p>
      <section className="card stack" aria-labelledby="visits-title">
        <h2 id="visits-title">{t("visits.upcoming")}</h2>
        {visits.length === 0 ? (
          <p className="muted">{t("visits.none")}</p>
        ) : (
          <ul className="card-list">
            {visits.map((v) => (
              <li key={v.id}>
                <Link to={`/visits/${v.id}`} className="row-link">
                  {format.date(v.startsAt, { timeZone: v.timeZone, time: true })} · {v.parentName} ·{" "}
                  {t(`catalogue.services.${v.service}`)}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
