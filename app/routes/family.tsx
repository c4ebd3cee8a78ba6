import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireFamily } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Family" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireFamily(request, context);
  return { name: user.name };
}

// Dashboard shell for familys; later capabilities add their sections here.
export default function FamilyDashboard() {
  const { name } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">{t("family.title", { name })}</h1>
      <p>{t("family.body")}</p>
    </section>
  );
}
