import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useLoaderData, useRouteError } from "@remix-run/react";
import { GeneralErrorBoundary } from "~/components/error-boundary";
import { useTranslation } from "~/i18n/react";
import { requireCarer } from "~/auth/guards.server";
import { LazyPointsMap } from "~/components/map/lazy-points-map";
import { pointsMap } from "~/components/map/points-preview.server";
import { APPROX_CELL_M } from "~/privacy/location";
import { uuidParam } from "~/http/params.server";
import { invariantResponse } from "~/http/responses.server";
import { formatMoney } from "~/visit-requests/format";
import { formatSchedule } from "~/visit-requests/format-schedule";
import { getJobForCarer } from "~/visit-requests/visit-requests.server";
import { useFormat } from "~/i18n/use-format";
import type { PageHandle } from "~/components/page-title";
import { JobClash } from "~/components/jobs/job-clash";

export const handle: PageHandle = { title: "titles.job", notFoundTitle: "titles.jobGone" };

// A request as a carer within reach sees it: approximate area and rounded distance, never the address.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireCarer(request, context);
  const job = await getJobForCarer(context.db, user.id, uuidParam(params, "requestId"), new Date());
  invariantResponse(job);
  return { job, map: pointsMap(context.env, job.approx, [], { radiusM: APPROX_CELL_M }) };
}

export default function JobPage() {
  const { job, map } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  const service = t(`catalogue.services.${job.service}`);
  return (
    <article className="stack" aria-labelledby="title">
      <p>
        <Link to="/carer/jobs" className="link-target">
          ← {t("jobs.back")}
        </Link>
      </p>
      <h1 id="title">{service}</h1>
      {!job.offered && <p className="muted">{t("jobs.notYourService")}</p>}
      {job.clashes && <JobClash weekly={job.schedule.startsAt === null} />}
      <dl className="card details">
        <div>
          <dt>{t("requests.schedule")}</dt>
          <dd>{formatSchedule(t, i18n.language, job.schedule, format.now)}</dd>
        </div>
        <div>
          <dt>{t("requests.durationShown")}</dt>
          <dd>{t("offer.duration", { minutes: job.durationMinutes })}</dd>
        </div>
        {job.budgetCents !== null && (
          <div>
            <dt>{t("requests.budgetShown")}</dt>
            <dd>{formatMoney(job.budgetCents, i18n.language)}</dd>
          </div>
        )}
        <div>
          <dt>{t("carers.area")}</dt>
          <dd>
            {t("location.approximate")} · {t("location.distance", { km: job.distanceKm })}
          </dd>
        </div>
        {job.needs.length > 0 && (
          <div>
            <dt>{t("jobs.needs")}</dt>
            <dd>{format.list(job.needs.map((n) => t(`catalogue.needs.${n}`)))}</dd>
          </div>
        )}
        {job.languages.length > 0 && (
          <div>
            <dt>{t("jobs.languages")}</dt>
            <dd>{format.list(job.languages.map((l) => t(`catalogue.languages.${l}`)))}</dd>
          </div>
        )}
        {job.notes && (
          <div>
            <dt>{t("jobs.notes")}</dt>
            <dd className="pre-line">{job.notes}</dd>
          </div>
        )}
      </dl>
      <Form method="post" action="/chat/new" className="actions">
        <input type="hidden" name="from" value="request" />
        <input type="hidden" name="requestId" value={job.id} />
        <button type="submit" name="offer" value="yes" className="button">
          {t("chat.offerToHelp")}
        </button>
        <button type="submit" name="offer" value="no" className="button button--secondary">
          {t("chat.askQuestion")}
        </button>
      </Form>
      <LazyPointsMap
        {...map}
        home={job.approx}
        homeLabel={t("location.approximate")}
        radiusM={APPROX_CELL_M}
        points={[]}
        label={t("jobs.map")}
      />
    </article>
  );
}

/**
 * A job that is gone (filled, withdrawn, out of the carer's area, or never there: one answer, which
 * says nothing of the request) is a 404 that says so and leads to the open jobs, not the site's
 * "page not found" (a carer following an old link or text took it for a broken site).
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (!isRouteErrorResponse(error) || error.status !== 404) return <GeneralErrorBoundary />;
  return (
    <section className="stack narrow error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t("jobs.gone.title")}</h1>
      <p>{t("jobs.gone.body")}</p>
      <Link className="button" to="/carer/jobs">
        {t("jobs.gone.back")}
      </Link>
    </section>
  );
}
