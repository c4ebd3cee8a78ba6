// Development-only mail outbox: what would have been emailed (no mail transport yet). 404 in production.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { When } from "~/components/admin/when";
import { recentMail } from "~/account/mail.server";

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.env.isProduction) throw new Response("Not found", { status: 404 });
  return { mail: await recentMail(context.db) };
}

export default function DevMail() {
  const { mail } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="dev-mail-title">
      <h1 id="dev-mail-title">{t("accountBasics.devMail.title")}</h1>
      <p>{t("accountBasics.devMail.intro")}</p>
      {mail.length === 0 ? (
        <p>{t("accountBasics.devMail.empty")}</p>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {mail.map((m) => (
            <li key={m.id} className="card stack">
              <p className="muted">
                {m.toEmail} · {m.kind} · <When at={new Date(m.createdAt).toISOString()} />
              </p>
              <p>
                <strong>{m.subject}</strong>
              </p>
              <p style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>{m.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
