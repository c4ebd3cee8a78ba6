import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireFamily } from "~/auth/guards.server";
import { listParentsForUser } from "~/parents/parents.server";
import { DIGEST_LIMIT, familyOffersWaiting, familyVisitDigest } from "~/visits/family-digest.server";
import { FamilyDigest } from "~/components/parents/family-digest";
import { dateIn } from "~/geo/time-zone";
import { wallClockEnd } from "~/visits/schedule";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.family" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireFamily(request, context);
  const now = new Date();
  const [parents, digest, offers] = await Promise.all([
    listParentsForUser(context.db, user.id),
    familyVisitDigest(context.db, user.id, now),
    familyOffersWaiting(context.db, user.id, now),
  ]);
  const iso = <T extends { startsAt: Date; endsAt: Date }>(v: T) => ({
    ...v,
    startsAt: v.startsAt.toISOString(),
    endsAt: v.endsAt.toISOString(),
  });
  return {
    name: user.name,
    phoneVerified: user.phoneVerifiedAt !== null,
    comingLimit: DIGEST_LIMIT,
    parents,
    coming: digest.coming.map(iso),
    offers: offers.map(({ firstStartsAt, expiresAt, ...o }) => ({
      ...o,
      startsAt: firstStartsAt.toISOString(),
      endsAt: wallClockEnd(o, dateIn(o.timeZone, firstStartsAt), firstStartsAt).toISOString(),
      expiresAt: expiresAt.toISOString(),
    })),
    waiting: digest.waiting.map((v) => ({
      ...iso(v),
      confirmBy: v.confirmBy?.toISOString() ?? null,
      rateBy: v.rateBy?.toISOString() ?? null,
    })),
  };
}

// The family dashboard: what waits for them and what is coming up across all their parents, then
// the parents this account shares and where to go next for each.
export default function FamilyDashboard() {
  const { name, phoneVerified, parents, coming, comingLimit, offers, waiting } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("family.title", { name })}</h1>
      <p>{t("family.body")}</p>
      {/* Texts go only to a verified number: without one, "booked", "arrived" and "left" never came. */}
      {!phoneVerified && (
        <p className="notice">
          {t("family.verifyPhoneNote")}{" "}
          <Link to="/account/phone?redirectTo=%2Ffamily" className="link-target">
            {t("smsPrefs.verifyPhone")}
          </Link>
        </p>
      )}
      {parents.length > 0 && (
        <FamilyDigest coming={coming} comingLimit={comingLimit} offers={offers} waiting={waiting} />
      )}
      <section className="stack" aria-labelledby="parents-title">
        <h2 id="parents-title">{t("parents.listTitle")}</h2>
        {parents.length === 0 ? <p className="muted">{t("parents.none")}</p> : null}
        <ul className="card-list">
          {parents.map((p) => (
            <li key={p.id} className="card stack">
              <h3>
                <Link to={`/family/parents/${p.id}`} className="link-target">
                  {p.name}
                </Link>{" "}
                <span className="badge">{t(`parents.roles.${p.role}`)}</span>
              </h3>
              <p className="actions">
                <Link className="button" to={`/family/parents/${p.id}/carers`}>
                  {t("parents.findCarers")}
                </Link>
                <Link className="button button--secondary" to={`/family/parents/${p.id}/requests/new`}>
                  {t("parents.postRequest")}
                </Link>
              </p>
            </li>
          ))}
        </ul>
        <Link className="button button--secondary" to="/family/parents/new">
          {t("parents.add")}
        </Link>
      </section>
    </section>
  );
}
