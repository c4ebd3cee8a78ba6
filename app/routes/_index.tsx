import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { dashboardPath, getOptionalUser } from "~/auth/guards.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await getOptionalUser(request, context);
  return { dashboard: user ? dashboardPath(user.role) : null };
}

export default function Home() {
  const { dashboard } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <div className="stack">
      <section className="hero stack" aria-labelledby="home-title">
        <h1 id="home-title">{t("home.title")}</h1>
        <p>{t("home.body")}</p>
        <div className="actions">
          {dashboard ? (
            <Link className="button" to={dashboard}>
              {t("home.ctaDashboard")}
            </Link>
          ) : (
            <>
              <Link className="button" to="/signup?role=family">
                {t("home.ctaFamily")}
              </Link>
              <Link className="button button--secondary" to="/signup?role=carer">
                {t("home.ctaCarer")}
              </Link>
            </>
          )}
        </div>
      </section>
      <ul className="features">
        <li className="card">
          <h2>{t("home.chatTitle")}</h2>
          <p>{t("home.chatBody")}</p>
        </li>
        <li className="card">
          <h2>{t("home.trackTitle")}</h2>
          <p>{t("home.trackBody")}</p>
        </li>
        <li className="card">
          <h2>{t("home.rateTitle")}</h2>
          <p>{t("home.rateBody")}</p>
        </li>
      </ul>
    </div>
  );
}
