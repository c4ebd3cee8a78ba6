// A booked visit, for its family and its carer: the agreed terms, and the home. The carer sees the
// address and access notes from the booking until 24 hours after the visit (the privacy rule), and
// each time they do it is recorded. The lifecycle and tracking come with the Visits issue.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireFamilyOrCarer } from "~/auth/guards.server";
import { LazyPointsMap } from "~/components/map/lazy-points-map";
import { mapConfig } from "~/geo/map-config.server";
import { uuidParam } from "~/http/params.server";
import { invariantResponse } from "~/http/responses.server";
import { formatMoney } from "~/visit-requests/format";
import { getVisitForViewer } from "~/visits/visits.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Visit" }];

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireFamilyOrCarer(request, context);
  const found = await getVisitForViewer(context.db, user, uuidParam(params, "visitId"));
  invariantResponse(found);
  return { ...found, map: mapConfig(context.env) };
}

export default function VisitPage() {
  const { visit, parent, carer, home, side, map } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const at = (iso: string, withDate = true) =>
    new Intl.DateTimeFormat(i18n.language, {
      timeZone: parent.timeZone,
      ...(withDate ? { weekday: "short", year: "numeric", month: "short", day: "numeric" } : {}),
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(new Date(iso));
  return (
    <article className="stack" aria-labelledby="title">
      <h1 id="title">{t("visits.title", { parent: parent.name })}</h1>
      <p>
        <span className="badge">{t(`visits.status.${visit.status}`)}</span> {t("visits.with", { name: carer.name })}
      </p>
      <dl className="card details">
        <div>
          <dt>{t("visits.when")}</dt>
          <dd>
            {at(visit.startsAt)}–{at(visit.endsAt, false)} ({parent.timeZone})
          </dd>
        </div>
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
        {visit.seriesId && (
          <div>
            <dt>{t("offer.weekly")}</dt>
            <dd>{t("visits.weekly")}</dd>
          </div>
        )}
      </dl>
      {home && (
        <section className="card stack" aria-labelledby="home-title">
          <h2 id="home-title">{t("visits.home")}</h2>
          {home.exact ? (
            <dl className="details">
              <div>
                <dt>{t("visits.address")}</dt>
                <dd>{home.address || "—"}</dd>
              </div>
              {home.accessNotes && (
                <div>
                  <dt>{t("visits.accessNotes")}</dt>
                  <dd className="pre-line">{home.accessNotes}</dd>
                </div>
              )}
              {home.phone && (
                <div>
                  <dt>{t("visits.phone")}</dt>
                  <dd>
                    <a href={`tel:${home.phone}`}>{home.phone}</a>
                  </dd>
                </div>
              )}
              {side === "carer" && home.until && (
                <p className="muted">{t("visits.homeUntil", { when: at(home.until) })}</p>
              )}
            </dl>
          ) : (
            <p className="muted">{t("visits.homeApprox")}</p>
          )}
          <LazyPointsMap
            home={home.point}
            homeLabel={parent.name}
            radiusM={home.exact ? undefined : 750}
            points={[]}
            tileUrl={map.tileUrl}
            label={t("visits.homeMap")}
          />
        </section>
      )}
      <p>
        <Link to="/chat">{t("visits.chat")}</Link>
      </p>
    </article>
  );
}
