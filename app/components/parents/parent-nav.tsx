// The navigation shared by the pages about one parent: overview, carers nearby, a new request, the
// visiting-time ledger, edit.
import { NavLink } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";

export function ParentNav({ parent }: { parent: { id: string; name: string } }) {
  const { t } = useTranslation();
  const base = `/family/parents/${parent.id}`;
  const links = [
    { to: base, label: t("parents.overview"), end: true },
    { to: `${base}/carers`, label: t("parents.tabs.carers"), end: false },
    { to: `${base}/requests/new`, label: t("parents.tabs.request"), end: false },
    { to: `${base}/ledger`, label: t("ledger.nav"), end: false },
    { to: `${base}/edit`, label: t("parents.tabs.edit"), end: false },
  ];
  return (
    <nav className="sub-nav" aria-label={t("parents.pages", { name: parent.name })}>
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
