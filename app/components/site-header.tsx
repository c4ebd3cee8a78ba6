// Top bar (brand, language, log out) and the role's navigation: a tab bar at the bottom of a phone's
// screen, the same links inline in the header from 48rem up. One <nav>, placed by CSS alone.
import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLocales } from "~/i18n/config";

type Role = "family" | "carer" | "admin";
interface Props {
  user: { name: string; role: Role; unread: number } | null;
  locale: string;
}

type Icon = "home" | "chat" | "user" | "jobs" | "visits" | "profile";
interface Tab {
  to: string;
  label: string;
  icon: Icon;
  /** Only this exact path marks the tab active (a dashboard, not its sub-pages). */
  end?: boolean;
}

// 24×24 outline icons (one path each): the labels carry the meaning, the shapes only help to find them.
const ICONS: Record<Icon, string> = {
  home: "M3 11l9-7 9 7v9a1 1 0 0 1-1 1h-5v-6H9v6H4a1 1 0 0 1-1-1z",
  chat: "M4 5h16v11H9l-5 4z",
  user: "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm-8 9c0-4 4-6 8-6s8 2 8 6",
  jobs: "M4 8h16v12H4zM9 8V5h6v3",
  visits: "M5 6h14v14H5zM5 10h14M9 3v4M15 3v4",
  profile: "M4 5h16v14H4zM8 10a2 2 0 1 0 4 0 2 2 0 0 0-4 0M7 16h6M15 9h3M15 13h3",
};

/** The tabs of each role: only routes that exist, at most five so each stays wide enough to tap. */
export function tabsFor(role: Role, t: (key: string) => string): Tab[] {
  switch (role) {
    case "family":
      return [
        { to: "/family", label: t("phoneUx.tabs.parents"), icon: "home" },
        { to: "/chat", label: t("nav.messages"), icon: "chat" },
        { to: "/account", label: t("nav.account"), icon: "user" },
      ];
    case "carer":
      return [
        { to: "/carer", label: t("phoneUx.tabs.today"), icon: "home", end: true },
        { to: "/carer/jobs", label: t("phoneUx.tabs.jobs"), icon: "jobs" },
        { to: "/carer/visits", label: t("phoneUx.tabs.visits"), icon: "visits" },
        { to: "/chat", label: t("nav.messages"), icon: "chat" },
        { to: "/carer/profile", label: t("phoneUx.tabs.profile"), icon: "profile" },
      ];
    case "admin":
      return [
        { to: "/admin", label: t("nav.admin"), icon: "home" },
        { to: "/account", label: t("nav.account"), icon: "user" },
      ];
  }
}

export function SiteHeader({ user, locale }: Props) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  const tabs = user ? tabsFor(user.role, t as (key: string) => string) : [];
  return (
    <header className={`site-header${user ? " site-header--tabs" : ""}`}>
      <div className="site-header__inner">
        <Link to={user ? tabs[0]!.to : "/"} className="brand">
          {t("app.name")}
        </Link>
        {user ? (
          <nav aria-label={t("app.mainNav")} className="tab-bar">
            <ul>
              {tabs.map((tab) => (
                <li key={tab.to}>
                  <NavLink to={tab.to} end={tab.end} className="tab">
                    <svg className="tab__icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                      <path d={ICONS[tab.icon]} />
                    </svg>
                    <span className="tab__label">{tab.label}</span>
                    {tab.to === "/chat" && user.unread > 0 && (
                      <span className="badge badge--count tab__badge">
                        <span aria-hidden="true">{user.unread > 99 ? "99+" : user.unread}</span>
                        <span className="visually-hidden">{t("chat.unread", { count: user.unread })}</span>
                      </span>
                    )}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : (
          <nav aria-label={t("app.mainNav")}>
            <ul className="nav-list">
              <li>
                <NavLink to="/login" className="nav-link">
                  {t("nav.login")}
                </NavLink>
              </li>
              <li>
                <NavLink to="/signup" className="nav-link">
                  {t("nav.signup")}
                </NavLink>
              </li>
            </ul>
          </nav>
        )}
        {/* One tap: each other language is its own submit button, named in that language. */}
        <Form method="post" action="/language" className="language-form">
          <input type="hidden" name="redirectTo" value={here} />
          {supportedLocales
            .filter((l) => l !== locale)
            .map((l) => (
              <button key={l} type="submit" name="lng" value={l} lang={l} className="nav-link">
                <span className="visually-hidden">{t("language.label")}: </span>
                {t(`language.${l}`)}
              </button>
            ))}
        </Form>
        {user && (
          <Form method="post" action="/logout" className="logout-form">
            <button type="submit" className="nav-link">
              {t("nav.logout")}
            </button>
          </Form>
        )}
      </div>
    </header>
  );
}
