// /admin/audit: the audit log, newest first, filtered by actor, action and days (UTC), 50 rows a page.
// Read-only: there is no form that changes it, and the database refuses UPDATE and DELETE of its rows.
import { parseWithZod } from "~/http/forms.server";
import { data, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { AUDIT_ACTIONS } from "~/admin/audit";
import { auditActors, listAudit } from "~/admin/audit.server";
import { AuditFilterSchema } from "~/admin/schemas";
import { requireAdmin } from "~/auth/guards.server";
import { AdminNav } from "~/components/admin/admin-nav";
import { When } from "~/components/admin/when";
import { inBrackets } from "~/i18n/formatters";
import { filterQueryOf, queryOf } from "~/http/params.server";
import { ErrorList, Field } from "~/components/ui/field";
import type { PageHandle } from "~/components/page-title";

/** An id as the table shows it: a uuid's first 8 characters (enough to tell rows apart), anything else whole. */
const shortId = (value: string) => (/^[0-9a-f]{8}-[0-9a-f-]{27}$/i.test(value) ? value.slice(0, 8) : value);

export const handle: PageHandle = { title: "titles.adminAudit" };

export async function loader({ request, context }: LoaderFunctionArgs) {
  const admin = await requireAdmin(request, context);
  const query = parseWithZod(filterQueryOf(request), { schema: AuditFilterSchema });
  if (query.status !== "success") {
    // A filter form: a bad value is shown beside its field (ADR 013), with the form as it was sent.
    const sent = queryOf(request);
    const filter = { actor: sent.actor, action: sent.action, from: sent.from, to: sent.to };
    const errors = query.error ?? {};
    return data(
      { rows: [], next: null, actors: await auditActors(context.db, admin), filter, errors },
      { status: 400 },
    );
  }
  const filter = query.value;
  const [page, actors] = await Promise.all([listAudit(context.db, admin, filter), auditActors(context.db, admin)]);
  return { ...page, actors, filter, errors: {} as Record<string, string[] | null> };
}

export default function AuditLog() {
  const { rows, next, actors, filter, errors } = useLoaderData<typeof loader>();
  const errorsOf = (name: string) => errors[name] ?? undefined;
  const describedBy = (name: string) => (errorsOf(name)?.length ? `${name}-error` : undefined);
  const { t, i18n } = useTranslation();
  const base = new URLSearchParams(
    Object.entries({ actor: filter.actor, action: filter.action, from: filter.from, to: filter.to }).filter(
      (e): e is [string, string] => typeof e[1] === "string",
    ),
  );
  const withActor = (id: string) => {
    const p = new URLSearchParams(base);
    p.set("actor", id);
    p.delete("before");
    return `/admin/audit?${p}`;
  };
  const nextPage = () => {
    const p = new URLSearchParams(base);
    p.set("before", String(next));
    return `/admin/audit?${p}`;
  };
  return (
    <section className="stack" aria-labelledby="title">
      <h1 id="title">{t("adminPanel.audit.title")}</h1>
      <AdminNav />
      <p>{t("adminPanel.audit.intro")}</p>
      <Form method="get" className="card filters stack">
        <div className="field">
          <label htmlFor="actor">{t("adminPanel.audit.actor")}</label>
          <select
            id="actor"
            name="actor"
            defaultValue={filter.actor ?? ""}
            aria-invalid={describedBy("actor") ? true : undefined}
            aria-describedby={describedBy("actor")}
          >
            <option value="">{t("adminPanel.audit.anyone")}</option>
            {filter.actor && !actors.some((a) => a.id === filter.actor) && (
              <option value={filter.actor}>{filter.actor}</option>
            )}
            {actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
          <ErrorList id={describedBy("actor")} errors={errorsOf("actor")} />
        </div>
        <div className="field">
          <label htmlFor="action">{t("adminPanel.audit.action")}</label>
          <select
            id="action"
            name="action"
            defaultValue={filter.action ?? ""}
            aria-invalid={describedBy("action") ? true : undefined}
            aria-describedby={describedBy("action")}
          >
            <option value="">{t("adminPanel.audit.anyAction")}</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {t(`adminPanel.audit.actions.${a}`)}
              </option>
            ))}
          </select>
          <ErrorList id={describedBy("action")} errors={errorsOf("action")} />
        </div>
        <div className="field-row">
          {(["from", "to"] as const).map((name) => (
            <Field
              key={name}
              label={t(`adminPanel.audit.${name}`)}
              errors={errorsOf(name)}
              inputProps={{ id: name, name, type: "date", defaultValue: filter[name] ?? "" }}
            />
          ))}
        </div>
        <button type="submit" className="button button--secondary">
          {t("adminPanel.audit.filter")}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="notice">{t("adminPanel.audit.empty")}</p>
      ) : (
        <div className="table-scroll">
          <table className="record-table">
            <thead>
              <tr>
                <th scope="col">{t("adminPanel.audit.when")}</th>
                <th scope="col">{t("adminPanel.audit.actor")}</th>
                <th scope="col">{t("adminPanel.audit.action")}</th>
                <th scope="col">{t("adminPanel.audit.subject")}</th>
                <th scope="col">{t("adminPanel.audit.why")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id}>
                  <td>
                    <When at={r.at} />
                  </td>
                  <td>
                    <Link to={withActor(r.actorId)}>{r.actorName}</Link>
                    {inBrackets(
                      i18n.language,
                      t(`account.roles.${r.actorRole as "admin"}`, { defaultValue: r.actorRole }),
                    )}
                  </td>
                  <td className="record-table__label">
                    {t(`adminPanel.audit.actions.${r.action as "user.suspend"}`, { defaultValue: r.action })}
                  </td>
                  <td>
                    {/* In the reader's words (raw keys and values, in English on a Chinese page: an outside probe). */}
                    {t(`adminPanel.audit.subjects.${r.subjectType as "user"}`, { defaultValue: r.subjectType })}{" "}
                    {shortId(r.subjectId)}
                    {r.data ? (
                      <span className="muted">
                        {" "}
                        {Object.entries(r.data)
                          .map(([k, v]) => {
                            const field = t(`adminPanel.audit.fields.${k as "kind"}`, { defaultValue: k });
                            const value =
                              typeof v === "boolean"
                                ? t(v ? "adminPanel.audit.values.yes" : "adminPanel.audit.values.no")
                                : t(`adminPanel.audit.values.${k}.${String(v)}` as "adminPanel.audit.values.yes", {
                                    defaultValue: shortId(String(v)),
                                  });
                            return `${field}${t("app.labelColon")}${value}`;
                          })
                          .join(" · ")}
                      </span>
                    ) : null}
                  </td>
                  <td className="pre-line">{r.reason ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {next !== null && (
        <nav className="pager" aria-label={t("adminPanel.audit.pages")}>
          <Link to={nextPage()}>{t("adminPanel.audit.older")}</Link>
        </nav>
      )}
    </section>
  );
}
