import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireCarer } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Carer" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireCarer(request, context);
  return { name: user.name };
}

// Dashboard for carers: the way to nearby jobs and to their profile.
export default function CarerDashboard() {
  const { name } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("carer.title", { name })}</h1>
      <p>{t("carer.body")}</p>
      <p className="actions">
        <Link className="button" to="/carer/jobs">
          {t("jobs.title")}
        </Link>
        <Link className="button button--secondary" to="/carer/profile">
          {t("carerProfile.title")}
        </Link>
      </p>
    </section>
  );
}
