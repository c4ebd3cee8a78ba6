// /admin/disputes: the open disputes, oldest first; each opens its evidence page.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { openDisputes } from "~/admin/disputes.server";
import { ADMIN_LIST_MAX, shownOf } from "~/admin/shown";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { When } from "~/components/admin/when";
import type { PageHandle } from "~/components/page-title";

export const handle: PageHandle = { title: "titles.adminDisputes" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const max = ADMIN_LIST_MAX.queue;
  const { rows: disputes, cutAt } = shownOf(await openDisputes(context.db, admin, max + 1), max);
  return { disputes, cutAt };
}

export default function Disputes() {
  const { disputes, cutAt } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("adminPanel.disputes.title")}</h1>
      <AdminNav />
      {cutAt !== null && <p className="notice">{t("adminPanel.moreWaiting", { n: cutAt })}</p>}
      {disputes.length === 0 ? (
        <p className="notice">{t("adminPanel.disputes.empty")}</p>
      ) : (
        <ul className="card-list">
          {disputes.map((d) => (
            <li key={d.id} className="card stack">
              <h2>
                <Link to={`/admin/disputes/${d.id}`}>
                  {t("adminPanel.disputes.visitOf", { parent: d.parentName, carer: d.carerName })}
                </Link>
              </h2>
              <p className="muted">
                <When at={d.startsAt} timeZone={d.timeZone} /> ·{" "}
                {d.openedByName
                  ? t("adminPanel.disputes.openedBy", { name: d.openedByName })
                  : t("adminPanel.disputes.openedByParent")}
              </p>
              <p className="pre-line">
                {d.reason === "parent_said_no" ? t("adminPanel.disputes.parentSaidNo") : d.reason}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
