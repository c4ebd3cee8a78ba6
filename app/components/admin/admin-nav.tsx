// The admin pages' row of links: figures, verification, accounts, reports, disputes, failed texts, audit log.
import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

export function AdminNav() {
  const { t } = useTranslation();
  const links = [
    { to: "/admin", label: t("adminPanel.nav.figures"), end: true },
    { to: "/admin/carers", label: t("adminPanel.nav.verification"), end: false },
    { to: "/admin/accounts", label: t("adminPanel.nav.accounts"), end: false },
    { to: "/admin/reports", label: t("adminPanel.nav.reports"), end: false },
    { to: "/admin/disputes", label: t("adminPanel.nav.disputes"), end: false },
    { to: "/admin/sms", label: t("adminPanel.nav.sms"), end: false },
    { to: "/admin/audit", label: t("adminPanel.nav.audit"), end: false },
  ];
  return (
    <nav className="sub-nav" aria-label={t("adminPanel.nav.label")}>
      <ul>
        {links.map((l) => (
          <li key={l.to}>
            <NavLink to={l.to} end={l.end} prefetch="intent">
              {l.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
