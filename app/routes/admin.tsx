import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { accountCounts } from "~/auth/accounts.server";
import { requireAdmin } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Admin" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  await requireAdmin(request, context);
  return { counts: await accountCounts(context.db) };
}

export default function AdminHome() {
  const { counts } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  const items = [
    ["admin.users", counts.total],
    ["admin.families", counts.families],
    ["admin.carers", counts.carers],
    ["admin.admins", counts.admins],
    ["admin.sessions", counts.sessions],
  ] as const;
  return (
    <section className="stack" aria-labelledby="admin-title">
      <h1 id="admin-title">{t("admin.title")}</h1>
      <dl className="stats">
        {items.map(([key, value]) => (
          <div key={key}>
            <dt>{t(key)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
