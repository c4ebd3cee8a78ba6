import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/guards.server";

export const meta: MetaFunction = () => [{ title: "Kinvisit · Account" }];

export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return {
    name: user.name,
    email: user.email,
    phone: user.phone,
    phoneVerified: user.phoneVerifiedAt !== null,
    role: user.role,
  };
}

export default function Account() {
  const me = useLoaderData<typeof loader>();
  const { t } = useTranslation();
  return (
    <section className="stack narrow" aria-labelledby="account-title">
      <h1 id="account-title">{t("account.title")}</h1>
      <dl className="card stack">
        <div>
          <dt className="muted">{t("account.name")}</dt>
          <dd>{me.name}</dd>
        </div>
        <div>
          <dt className="muted">{t("account.email")}</dt>
          <dd>{me.email}</dd>
        </div>
        <div>
          <dt className="muted">{t("account.phone")}</dt>
          <dd>
            {me.phone} {!me.phoneVerified && <span className="muted">({t("account.phoneUnverified")})</span>}{" "}
            <Link to="/account/phone">{t("account.verifyPhone")}</Link>
          </dd>
        </div>
        <div>
          <dt className="muted">{t("account.role")}</dt>
          <dd>{t(`account.roles.${me.role}`)}</dd>
        </div>
      </dl>
      <p>
        <Link to="/account/sms" className="link-target">
          {t("account.smsSettings")}
        </Link>
      </p>
      <section className="card stack" aria-labelledby="sessions-title">
        <h2 id="sessions-title">{t("account.sessionsTitle")}</h2>
        <p>{t("account.sessionsBody")}</p>
        <Form method="post" action="/logout">
          <input type="hidden" name="intent" value="everywhere" />
          <button type="submit" className="button button--danger">
            {t("account.logoutEverywhere")}
          </button>
        </Form>
      </section>
    </section>
  );
}
