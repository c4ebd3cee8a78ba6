import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { requireFamily } from "~/auth/guards.server";
import { listParentsForUser } from "~/parents/parents.server";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.family" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireFamily(request, context);
  return { name: user.name, parents: await listParentsForUser(context.db, user.id) };
}

// The family dashboard: the parents this account shares, and where to go next for each.
export default function FamilyDashboard() {
  const { name, parents } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("family.title", { name })}</h1>
      <p>{t("family.body")}</p>
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
