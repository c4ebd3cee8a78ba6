import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";
import { getPublicProfile } from "~/carers/carers.server";
import { RatingLine, ReplyTime, VerifiedBadge } from "~/components/carers/carer-badges";
import { MessageCarerForm } from "~/components/chat/message-carer-form";
import { uuidParam } from "~/http/params.server";
import { listParentsForUser } from "~/parents/parents.server";
import { invariantResponse } from "~/http/responses.server";
import { formatMoney } from "~/visit-requests/format";
import { useFormat } from "~/i18n/use-format";
import { StaticMap } from "~/components/map/static-map";
import { mapConfig } from "~/geo/map-config.server";
import { staticMapLayout } from "~/geo/static-map";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Carer" }];

// A carer's public profile: any logged-in user; the base is approximate unless it is the carer's own.
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const carer = await getPublicProfile(context.db, user, uuidParam(params, "carerId"));
  invariantResponse(carer);
  // A family member may message the carer about one of their parents.
  const parents = user.role === "family" ? await listParentsForUser(context.db, user.id) : [];
  const area = staticMapLayout(carer.point, mapConfig(context.env).tileUrl, { radiusKm: carer.radiusKm });
  return { carer, parents, area };
}

export default function CarerPublicProfile() {
  const { carer, parents, area } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation();
  const format = useFormat();
  return (
    <article className="stack" aria-labelledby="title">
      <header className="profile-head">
        {carer.photoKey ? (
          <img
            className="carer-photo"
            src={`/photos/${carer.photoKey}`}
            alt={t("carers.photoAlt", { name: carer.name })}
            width={160}
            height={160}
          />
        ) : null}
        <div className="stack">
          <h1 id="title">{carer.name}</h1>
          <p>
            <VerifiedBadge verifiedAt={carer.verifiedAt} />{" "}
            <RatingLine score={carer.ratingScore} visits={carer.visitsCompleted} />
          </p>
          {carer.replyMinutesMedian !== null && (
            <p>
              <ReplyTime minutes={carer.replyMinutesMedian} />
            </p>
          )}
          {carer.gender && <p className="muted">{t(`catalogue.genders.${carer.gender}`)}</p>}
        </div>
      </header>
      {parents.length > 0 && carer.services.length > 0 && (
        <MessageCarerForm carer={{ id: carer.id, name: carer.name }} parents={parents} services={carer.services} />
      )}
      {/* Bio is text: React escapes it, and pre-line keeps the carer's line breaks. */}
      <p className="pre-line bio">{carer.bio}</p>
      <section className="card stack" aria-labelledby="services-title">
        <h2 id="services-title">{t("carers.services")}</h2>
        <ul>
          {carer.services.map((s) => (
            <li key={s.service}>
              <strong>{t(`catalogue.services.${s.service}`)}</strong> —{" "}
              {t("carers.perHour", { price: formatMoney(s.priceCents, i18n.language), minutes: s.minMinutes })}
            </li>
          ))}
        </ul>
      </section>
      <section className="card stack" aria-labelledby="languages-title">
        <h2 id="languages-title">{t("carers.languages")}</h2>
        <p>
          {format.list(carer.languages.map((l) => t(`catalogue.languages.${l}` as "catalogue.languages.mandarin"))) ||
            "—"}
        </p>
        <h2>{t("carers.area")}</h2>
        <p>{t("phoneUx.map.area", { km: carer.radiusKm })}</p>
        <StaticMap layout={area} label={carer.exact ? t("location.yourBase") : t("location.approximate")} />
        <p className="muted">{carer.exact ? t("location.yourBase") : t("location.approximate")}</p>
      </section>
      <section className="card stack" aria-labelledby="availability-title">
        <h2 id="availability-title">{t("carers.availability", { zone: format.zone(carer.timeZone) })}</h2>
        {carer.availability.length === 0 ? (
          <p className="muted">{t("carers.notAvailable")}</p>
        ) : (
          <ul>
            {carer.availability.map((a) => (
              <li key={`${a.weekday}-${a.start}`}>
                {t(`catalogue.weekdays.${a.weekday}` as "catalogue.weekdays.0")}: {a.start}–{a.end}
              </li>
            ))}
          </ul>
        )}
      </section>
      {carer.faq.length > 0 && (
        <section className="card stack" aria-labelledby="faq-title">
          <h2 id="faq-title">{t("carers.faq")}</h2>
          <dl>
            {carer.faq.map((f, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a static list, never reordered on the page
              <div key={i}>
                <dt>{f.question}</dt>
                <dd className="pre-line">{f.answer}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
    </article>
  );
}
