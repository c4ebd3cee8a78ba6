// Top bar (brand, language, log out) and the role's navigation: a tab bar at the bottom of a phone's
// screen, the same links inline in the header from 48rem up. One <nav>, placed by CSS alone.
import { Form, Link, NavLink, useLocation, useMatches } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import { supportedLocales } from "~/i18n/config";

type Role = "family" | "carer" | "admin";
interface Props {
  /** Null: logged out. Undefined: not known, for the root's data was not read (a refused post to a
   *  page that takes none, a page lost to the network): no Log in / Sign up, which said a logged-in
   *  person was logged out (an outside probe). */
  user: { name: string; role: Role; unread: number } | null | undefined;
  locale: string;
}

/** A tab: where it goes, its label's key, its icon (a CSS mask: tab__icon--NAME in styles.css). */
type Tab = readonly [to: string, label: string, icon: string];

/** The tabs of each role: only routes that exist, at most five so each stays wide enough to tap. */
export const TABS: Record<Role, readonly Tab[]> = {
  family: [
    ["/family", "phoneUx.tabs.parents", "home"],
    ["/chat", "nav.messages", "chat"],
    ["/account", "nav.account", "user"],
  ],
  carer: [
    ["/carer", "phoneUx.tabs.today", "home"],
    ["/carer/jobs", "phoneUx.tabs.jobs", "jobs"],
    ["/carer/visits", "phoneUx.tabs.visits", "visits"],
    ["/chat", "nav.messages", "chat"],
    ["/carer/profile", "phoneUx.tabs.profile", "profile"],
  ],
  admin: [
    ["/admin", "nav.admin", "home"],
    ["/account", "nav.account", "user"],
  ],
};

export function SiteHeader({ user, locale }: Props) {
  const { t } = useTranslation();
  const location = useLocation();
  const here = location.pathname + location.search;
  // The place a login page will lead back to (an invitation): the header's links keep it. Where it
  // leads is judged by the page that uses it (safeRedirect), as for any link.
  const back = new URLSearchParams(location.search).get("redirectTo");
  const keep = back ? `?${new URLSearchParams({ redirectTo: back })}` : "";
  const tabs = user ? TABS[user.role] : [];
  // The badge was counted with the session, before the open conversation's loader read it: what that
  // read cleared comes off here (a later load of the root counts afresh, and the page clears nothing).
  const cleared = useMatches().reduce((sum, m) => {
    const data = m.data as { clearedUnread?: unknown } | undefined;
    return sum + (typeof data?.clearedUnread === "number" ? data.clearedUnread : 0);
  }, 0);
  const unread = Math.max(0, (user?.unread ?? 0) - cleared);
  return (
    <header className={`site-header${user ? " site-header--tabs" : ""}`}>
      <div className="site-header__inner">
        <Link to={user ? tabs[0]![0] : "/"} className="brand">
          {t("app.name")}
        </Link>
        {user ? (
          <nav aria-label={t("app.mainNav")} className="tab-bar">
            <ul>
              {tabs.map(([to, label, icon]) => (
                <li key={to}>
                  {/* The carer's "today" is their dashboard: its sub-pages have tabs of their own. */}
                  <NavLink to={to} end={to === "/carer"} className="tab">
                    {/* The icon is drawn by CSS (a mask per tab--icon class): no bytes of JavaScript. */}
                    <span className={`tab__icon tab__icon--${icon}`} aria-hidden="true" />
                    <span className="tab__label">{t(label as "nav.messages")}</span>
                    {to === "/chat" && unread > 0 && (
                      <span className="badge badge--count tab__badge">
                        <span aria-hidden="true">{unread > 99 ? "99+" : unread}</span>
                        <span className="visually-hidden">{t("chat.unread", { count: unread })}</span>
                      </span>
                    )}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        ) : user === null ? (
          <nav aria-label={t("app.mainNav")}>
            <ul className="nav-list">
              <li>
                {/* On a page that will lead back somewhere (an invitation), logging in or signing up from here does too. */}
                <NavLink to={`/login${keep}`} className="nav-link">
                  {t("nav.login")}
                </NavLink>
              </li>
              <li>
                <NavLink to={`/signup${keep}`} className="nav-link">
                  {t("nav.signup")}
                </NavLink>
              </li>
            </ul>
          </nav>
        ) : null}
        {/* One tap: each other language is its own submit button, named in that language (lang= says so). */}
        <Form method="post" action="/language" className="language-form">
          <input type="hidden" name="redirectTo" value={here} />
          {supportedLocales
            .filter((l) => l !== locale)
            .map((l) => (
              <button key={l} type="submit" name="lng" value={l} lang={l} className="nav-link">
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
