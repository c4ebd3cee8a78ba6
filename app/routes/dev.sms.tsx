// Development-only SMS outbox: what would have been texted when no Twilio settings are present. 404 in production.
import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { When } from "~/components/admin/when";
import { recentMessages } from "~/sms/sms.server";

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.env.isProduction) throw new Response("Not found", { status: 404 });
  return { messages: await recentMessages(context.db) };
}

export default function DevSms() {
  const { messages } = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack" aria-labelledby="dev-sms-title">
      <h1 id="dev-sms-title">{t("devSms.title")}</h1>
      <p>{t("devSms.intro")}</p>
      {messages.length === 0 ? (
        <p>{t("devSms.empty")}</p>
      ) : (
        <ul className="stack" style={{ listStyle: "none", padding: 0 }}>
          {messages.map((m) => (
            <li key={m.id} className="card">
              <p className="muted">
                {t("devSms.to")}: {m.toPhone} · {t("devSms.kind")}: {t(`adminPanel.sms.kinds.${m.kind}`)} ·{" "}
                {t("devSms.status")}: {m.status}
                {m.errorCode ? ` (${m.errorCode})` : ""} · {m.segments} × {m.encoding} · {t("devSms.when")}:{" "}
                <When at={new Date(m.createdAt).toISOString()} />
              </p>
              <p>{m.body}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
