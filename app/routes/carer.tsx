import { GeneralErrorBoundary } from "~/components/error-boundary";
import { parseWithZod } from "~/http/forms.server";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { answerJobTexts, carerChecklist } from "~/account/onboarding.server";
import { JobTextsSchema } from "~/account/schemas";
import { requireCarer } from "~/auth/guards.server";
import { TrendChart } from "~/components/ratings/trend-chart";
import { VerifiedBadge } from "~/components/carers/carer-badges";
import { monthlyTrend, scoreSummary } from "~/ratings/profile.server";
import { OnboardingChecklist } from "~/components/carers/onboarding-checklist";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { upcomingVisitsForCarer } from "~/visits/visits.server";
import { useFormat } from "~/i18n/use-format";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.carer" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCarer(request, context);
  const now = new Date();
  const [visits, scores, trend, checklist] = await Promise.all([
    upcomingVisitsForCarer(context.db, user.id, now, 10),
    scoreSummary(context.db, user.id, null),
    monthlyTrend(context.db, user.id, now),
    carerChecklist(context.db, user),
  ]);
  return {
    name: user.name,
    userId: user.id,
    phoneVerified: user.phoneVerifiedAt !== null,
    checklist,
    verifiedAt: checklist.verifiedAt,
    ratings: {
      metrics: scores.metrics.map((m) => ({ metric: m.metric, score: m.score })),
      goodRate: scores.goodRate,
      ratedCount: scores.ratedCount,
      trend,
    },
    visits: visits.map((v) => ({ ...v, startsAt: v.startsAt.toISOString(), endsAt: v.endsAt.toISOString() })),
  };
}

/** The checklist's one question asked in place: "text me new jobs nearby?" (yes or no). */
export async function action({ request, context }: ActionFunctionArgs) {
  const user = await requireCarer(request, context);
  const submission = parseWithZod(await readFormData(request), { schema: JobTextsSchema });
  if (submission.status !== "success") return invalid(submission);
  const on = submission.value.jobTexts === "on";
  await answerJobTexts(context.db, user, on, new Date());
  // Texts go only to a verified number: a yes before it is verified is kept, and says so.
  const message = !on ? "jobTextsOff" : user.phoneVerifiedAt ? "jobTextsOn" : "jobTextsOnOnceVerified";
  return redirectWithToast(context.env, "/carer", { message });
}

// Dashboard for carers: the way to nearby jobs and to their profile.
export default function CarerDashboard() {
  const { name, visits, ratings, userId, checklist, verifiedAt, phoneVerified } = useLoaderData<typeof loader>();
  // A refused answer (a client's own value: only yes and no are buttons) is said beside the question.
  const refused = useActionData<typeof action>();
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
      {!checklist.complete && (
        <OnboardingChecklist
          checklist={checklist}
          errors={Object.values(refused?.error ?? {})
            .flat()
            .filter((e): e is string => typeof e === "string")}
        />
      )}
      {/* The badge families see, and what it takes: the checks are the team's, not a step of the profile. */}
      <p className="verification">
        <VerifiedBadge verifiedAt={verifiedAt} />{" "}
        <span className="muted">
          {/* "Verify your number first" only while it is not (a walk read it after verifying). */}
          {t(verifiedAt ? "carer.verifiedHow" : phoneVerified ? "carer.unverifiedHowPhoneDone" : "carer.unverifiedHow")}
        </span>
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
                  {/* On the parent's clock, the zone named when the reader's is another (a review). */}
                  {format.eventTime(v.startsAt, v.timeZone)} · {v.parentName} · {t(`catalogue.services.${v.service}`)}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="card stack" aria-labelledby="my-ratings-title" data-testid="my-ratings">
        <h2 id="my-ratings-title">{t("ratings.dashboard.title")}</h2>
        {ratings.ratedCount === 0 ? (
          <p className="muted">{t("ratings.profile.none")}</p>
        ) : (
          <ul className="score-list">
            {ratings.metrics.map((m) => (
              <li key={m.metric} className="score">
                <span className="score-name">{t(`ratings.metrics.${m.metric}`)}</span>
                <span className="score-value">
                  {m.score === null ? "—" : t("ratings.profile.score", { score: m.score.toFixed(2) })}
                </span>
              </li>
            ))}
            <li className="score">
              <span className="score-name">{t("ratings.profile.goodRate")}</span>
              <span className="score-value">
                {ratings.goodRate === null
                  ? "—"
                  : t("ratings.profile.goodRateValue", {
                      percent: Math.round(ratings.goodRate * 100),
                      count: ratings.ratedCount,
                    })}
              </span>
            </li>
          </ul>
        )}
        <TrendChart points={ratings.trend} />
        {/* A carer with no profile yet has no public page: the link led to "page not found". */}
        {checklist.hasProfile && (
          <p>
            <Link to={`/carers/${userId}#reviews-title`} className="link-target">
              {t("ratings.dashboard.profileLink")}
            </Link>
          </p>
        )}
      </section>
    </section>
  );
}

// Its own boundary: a refused action still draws the page with the root loader (header, language).
export const ErrorBoundary = GeneralErrorBoundary;
