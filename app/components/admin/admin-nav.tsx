// The admin pages' row of links: figures, verification, accounts, reports, disputes, failed texts, audit log.
import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

/** Each page's path under /admin and its name under adminPanel.nav (a list of pairs: fewer bytes on every admin page). */
const PAGES = [
  ["", "figures"],
  ["/carers", "verification"],
  ["/accounts", "accounts"],
  ["/reports", "reports"],
  ["/disputes", "disputes"],
  ["/sms", "sms"],
  ["/audit", "audit"],
] as const;

export function AdminNav() {
  const { t } = useTranslation();
  return (
    <nav className="sub-nav" aria-label={t("adminPanel.nav.label")}>
      <ul>
        {PAGES.map(([path, name]) => (
          <li key={path}>
            {/* The figures page is current only on /admin itself. */}
            <NavLink to={`/admin${path}`} end={!path} prefetch="intent">
              {t(`adminPanel.nav.${name}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
