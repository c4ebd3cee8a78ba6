import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { z } from "zod";
import { requireCarer } from "~/auth/guards.server";
import { LazyPointsMap } from "~/components/map/lazy-points-map";
import { pointsMap } from "~/components/map/points-preview.server";
import { formatMoney } from "~/visit-requests/format";
import { formatSchedule } from "~/visit-requests/format-schedule";
import { jobServiceFilters, jobSorts } from "~/visit-requests/sorts";
import { nearbyJobs, type PublicJob } from "~/visit-requests/visit-requests.server";
import { queryOf } from "~/http/params.server";
import { useFormat } from "~/i18n/use-format";
import type { PageHandle } from "~/components/page-title";
import { ChipLinks } from "~/components/ui/chip-links";
import { JobClash } from "~/components/jobs/job-clash";

export const handle: PageHandle = { title: "titles.jobs" };

const Query = z.object({
  sort: z.enum(jobSorts).catch("distance"),
  services: z.enum(jobServiceFilters).catch("all"),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCarer(request, context);
  const { sort, services } = Query.parse(queryOf(request));
  const found = await nearbyJobs(context.db, user.id, sort, new Date(), { show: services, limit: JOBS_LISTED });
  const jobs = (found?.jobs ?? []).map(listed);
  // The carer's own base is theirs to see: it centres their map.
  const base = found?.base ?? null;
  const points = jobs.map((j) => ({ id: j.id, ...j.approx }));
  const map = base ? pointsMap(context.env, base, points, { radiusM: base.radiusM }) : null;
  return { sort, services, base, jobs, map, more: jobs.length >= JOBS_LISTED };
}

/** The jobs a list shows: at this many, the status says "the first 50", not that there are 50. */
const JOBS_LISTED = 50;

/** What a row of the list shows (and the map marks): the notes, needs and languages wait for the job's page. */
function listed(j: PublicJob & { offered: boolean; clashes: boolean }) {
  const { id, service, schedule, durationMinutes, budgetCents, approx, distanceKm, offered, clashes } = j;
  return { id, service, schedule, durationMinutes, budgetCents, approx, distanceKm, offered, clashes };
}

export default function NearbyJobs() {
  const { sort, services, base, jobs, map, more } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  if (!base || !map) {
    return (
      <section className="stack" aria-labelledby="title">
        <h1 id="title">{t("jobs.title")}</h1>
        <p>{t("jobs.needProfile")}</p>
        <Link className="button" to="/carer/profile">
          {t("carerProfile.title")}
        </Link>
      </section>
    );
  }
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("jobs.title")}</h1>
      <p>{t("jobs.intro", { km: base.radiusM / 1000 })}</p>
      {/* Results first: sorting is one tap on a chip; the map follows the list. */}
      <ChipLinks
        label={t("jobs.sort")}
        values={jobSorts}
        current={sort}
        href={(s) => `?${new URLSearchParams({ sort: s, services })}`}
        text={(s) => t(`jobs.sorts.${s}`)}
        labelled
      />
      <ChipLinks
        label={t("jobs.services")}
        values={jobServiceFilters}
        current={services}
        href={(f) => `?${new URLSearchParams({ sort, services: f })}`}
        text={(f) => t(`jobs.serviceFilters.${f}`)}
        labelled
      />
      {/* One status, there before and after a chip is tapped, saying how many or that there are none:
          the list changed silently for a screen reader (an accessibility probe). */}
      <p role="status" className={jobs.length > 0 ? "muted" : undefined}>
        {jobs.length === 0
          ? t(services === "mine" ? "jobs.noneMine" : "jobs.none")
          : more
            ? t("jobs.shownFirst", { listed: jobs.length })
            : t("jobs.shown", { count: jobs.length })}
      </p>
      {jobs.length === 0 ? null : (
        <ul className="result-list">
          {jobs.map((j) => (
            <li key={j.id} id={`result-${j.id}`} className="card stack job card--tappable">
              <h2>
                <Link to={`/carer/jobs/${j.id}`} className="card-link">
                  {t(`catalogue.services.${j.service}`)}
                </Link>
              </h2>
              <p>{formatSchedule(t, i18n.language, j.schedule, format.now)}</p>
              {/* Each fact whole on its line ("¥80" was left alone on the next: a phone walk). */}
              <p>
                <span className="nowrap">{t("location.distance", { km: j.distanceKm })}</span> ·{" "}
                <span className="nowrap">{t("jobs.duration", { minutes: j.durationMinutes })}</span>
                {j.budgetCents !== null && (
                  <>
                    {" · "}
                    <span className="nowrap">
                      {t("jobs.budget", { price: formatMoney(j.budgetCents, i18n.language) })}
                    </span>
                  </>
                )}
              </p>
              {!j.offered && <p className="muted">{t("jobs.notYourService")}</p>}
              {j.clashes && <JobClash weekly={j.schedule.startsAt === null} />}
            </li>
          ))}
        </ul>
      )}
      <LazyPointsMap
        {...map}
        home={{ lat: base.lat, lng: base.lng }}
        homeLabel={t("location.yourBase")}
        radiusM={base.radiusM}
        points={jobs.map((j) => ({
          id: j.id,
          lat: j.approx.lat,
          lng: j.approx.lng,
          label: t(`catalogue.services.${j.service}`),
          href: `/carer/jobs/${j.id}`,
        }))}
        label={t("jobs.map")}
      />
    </section>
  );
}
