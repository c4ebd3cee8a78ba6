// Top bar: brand, the navigation for the viewer's role, log out, and the language switch.
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLocales } from "~/i18n/config";

interface Props {
  user: { name: string; role: "family" | "carer" | "admin"; unread: number } | null;
  locale: string;
}

export function SiteHeader({ user, locale }: Props) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <div className="site-header__inner">
        <Link to="/" className="brand">
          {t("app.name")}
        </Link>
        <nav aria-label={t("app.mainNav")}>
          <ul className="nav-list">
            {user?.role === "family" && <NavItem to="/family" label={t("nav.family")} />}
            {user?.role === "carer" && <NavItem to="/carer" label={t("nav.carer")} />}
            {user?.role === "admin" && <NavItem to="/admin" label={t("nav.admin")} />}
            {user && user.role !== "admin" && (
              <li>
                <NavLink to="/chat" className="nav-link">
                  {t("nav.messages")}
                  {user.unread > 0 && (
                    <span className="badge badge--count">
                      <span aria-hidden="true">{user.unread > 99 ? "99+" : user.unread}</span>
                      <span className="visually-hidden">{t("chat.unread", { count: user.unread })}</span>
                    </span>
                  )}
                </NavLink>
              </li>
            )}
            {user ? (
              <>
                <NavItem to="/account" label={t("nav.account")} />
                <li>
                  <Form method="post" action="/logout">
                    <button type="submit" className="link-button">
                      {t("nav.logout")}
                    </button>
                  </Form>
                </li>
              </>
            ) : (
              <>
                <NavItem to="/login" label={t("nav.login")} />
                <NavItem to="/signup" label={t("nav.signup")} />
              </>
            )}
          </ul>
        </nav>
        <Form method="post" action="/language" className="language-form">
          <input type="hidden" name="redirectTo" value={here} />
          <label htmlFor="lng-select" className="visually-hidden">
            {t("language.label")}
          </label>
          <select id="lng-select" name="lng" defaultValue={locale} key={locale}>
            {supportedLocales.map((l) => (
              <option key={l} value={l} lang={l}>
                {t(`language.${l}`)}
              </option>
            ))}
          </select>
          <button type="submit" className="button button--small">
            {t("language.switch")}
          </button>
        </Form>
      </div>
    </header>
  );
}

function NavItem({ to, label }: { to: string; label: string }) {
  return (
    <li>
      <NavLink to={to} className="nav-link">
        {label}
      </NavLink>
    </li>
  );
}
