// The visit's changes that are not the carer's taps: cancel, confirm, dispute. Their pages are the
// Visits issue's part B (/visits/:id/cancel, /confirm, /dispute); a link shows when the lifecycle
// table lets this side fire the transition now (visitActionsFor, computed by the loader with the clock:
// a dispute has a deadline). A child route renders in the outlet below them.
import { Link, Outlet } from "@remix-run/react";
import { useTranslation } from "~/i18n/react";
import type { visitActionsFor } from "~/visits/completion";

export function VisitActions({ visitId, shown }: { visitId: string; shown: ReturnType<typeof visitActionsFor> }) {
  const { t } = useTranslation();
  const links = [
    { to: "cancel", label: t("visits.track.cancel"), shown: shown.cancel },
    { to: "confirm", label: t("visits.track.confirm"), shown: shown.confirm },
    { to: "dispute", label: t("visits.track.dispute"), shown: shown.dispute },
  ].filter((l) => l.shown);
  return (
    <section className="stack visit-actions no-print" aria-label={t("visits.track.actionsTitle")}>
      {links.length > 0 && (
        <p className="actions">
          {links.map((l) => (
            <Link key={l.to} className="button button--secondary" to={`/visits/${visitId}/${l.to}`}>
              {l.label}
            </Link>
          ))}
        </p>
      )}
      <Outlet />
    </section>
  );
}
