import { parseWithZod } from "@conform-to/zod/v4";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { answerJobTexts, carerChecklist } from "~/account/onboarding.server";
import { JobTextsSchema } from "~/account/schemas";
import { requireCarer } from "~/auth/guards.server";
import { OnboardingChecklist } from "~/components/carers/onboarding-checklist";
import { invalid, readFormData } from "~/http/forms.server";
import { redirectWithToast } from "~/http/toast.server";
import { upcomingVisitsForCarer } from "~/visits/visits.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Carer" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCarer(request, context);
  const [visits, checklist] = await Promise.all([
    upcomingVisitsForCarer(context.db, user.id, new Date(), 10),
    carerChecklist(context.db, user),
  ]);
  return {
    name: user.name,
    checklist,
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
  return redirectWithToast(context.env, "/carer", { message: on ? "jobTextsOn" : "jobTextsOff" });
}

// Dashboard for carers: the way to nearby jobs and to their profile.
export default function CarerDashboard() {
  const { name, visits, checklist } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
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
      {!checklist.complete && <OnboardingChecklist checklist={checklist} />}
      <section className="card stack" aria-labelledby="visits-title">
        <h2 id="visits-title">{t("visits.upcoming")}</h2>
        {visits.length === 0 ? (
          <p className="muted">{t("visits.none")}</p>
        ) : (
          <ul className="card-list">
            {visits.map((v) => (
              <li key={v.id}>
                <Link to={`/visits/${v.id}`} className="row-link">
                  {new Intl.DateTimeFormat(i18n.language, {
                    timeZone: v.timeZone,
                    weekday: "short",
                    month: "short",
                    day: "numeric",
                    hour: "2-digit",
                    minute: "2-digit",
                    hourCycle: "h23",
                  }).format(new Date(v.startsAt))}{" "}
                  · {v.parentName} · {t(`catalogue.services.${v.service}`)}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
