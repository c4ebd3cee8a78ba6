// A map of approximate points (carers or jobs) around a home point, with grid clustering (browser only).
import L from "leaflet";
import { useEffect, useMemo, useState } from "react";
import { Circle, useMap, useMapEvents } from "react-leaflet";
import { gridCluster } from "~/geo/cluster";
import { POINTS_MAP } from "~/geo/points-preview";
import { BaseMap, homeIcon, Marker, pinIcon } from "./base-map.client";

export interface MapPoint {
  id: string;
  lat: number;
  lng: number;
  label: string;
  href: string;
}

const { cellPx, clusterPx, emptyZoom, maxZoom, paddingPx } = POINTS_MAP;

function clusterIcon(count: number) {
  return L.divIcon({
    className: "map-cluster",
    // The number is for the eye; a screen reader names the pin by its title, the people in it.
    html: `<span aria-hidden="true">${count}</span>`,
    iconSize: [clusterPx, clusterPx],
    iconAnchor: [clusterPx / 2, clusterPx / 2],
  });
}

function ClusteredMarkers({ points, onOpen }: { points: MapPoint[]; onOpen: (href: string) => void }) {
  const map = useMap();
  const [view, setView] = useState(0);
  useMapEvents({ zoomend: () => setView((v) => v + 1), moveend: () => setView((v) => v + 1) });
  // `view` is not read: it changes on every zoom or pan, so the clusters are projected again.
  // biome-ignore lint/correctness/useExhaustiveDependencies: view is the re-projection trigger
  const clusters = useMemo(() => {
    const projected = points.map((p) => {
      const pt = map.project([p.lat, p.lng], map.getZoom());
      return { ...p, x: pt.x, y: pt.y };
    });
    return gridCluster(projected, cellPx);
  }, [points, map, view]);
  return (
    <>
      {clusters.map((c) => {
        const at = map.unproject([c.x, c.y], map.getZoom());
        if (c.members.length === 1) {
          const p = c.members[0]!;
          return (
            <Marker
              key={p.id}
              position={at}
              icon={pinIcon}
              title={p.label}
              alt={p.label}
              eventHandlers={{ click: () => onOpen(p.href) }}
            />
          );
        }
        const key = c.members.map((m) => m.id).join(",");
        return (
          <Marker
            key={key}
            position={at}
            icon={clusterIcon(c.members.length)}
            title={c.members.map((m) => m.label).join(", ")}
            eventHandlers={{
              click: () => {
                // All at the same approximate point: zooming never splits them, so open the list instead.
                const spread = new Set(c.members.map((m) => `${m.lat},${m.lng}`)).size;
                if (spread === 1 || map.getZoom() >= 17) onOpen(`#result-${c.members[0]!.id}`);
                else map.setView(at, map.getZoom() + 2);
              },
            }}
          />
        );
      })}
    </>
  );
}

function FitBounds({ home, points }: { home: [number, number]; points: MapPoint[] }) {
  const map = useMap();
  useEffect(() => {
    if (points.length === 0) return;
    const bounds = L.latLngBounds([home, ...points.map((p) => [p.lat, p.lng] as [number, number])]);
    map.fitBounds(bounds, { padding: [paddingPx, paddingPx], maxZoom, animate: false });
  }, [map, home, points]);
  return null;
}

export default function PointsMap({
  home,
  homeLabel,
  radiusM,
  points,
  tileUrl,
  label,
}: {
  home: { lat: number; lng: number };
  homeLabel: string;
  radiusM?: number;
  points: MapPoint[];
  tileUrl: string;
  label: string;
}) {
  const center: [number, number] = [home.lat, home.lng];
  const open = (href: string) => {
    if (href.startsWith("#")) document.querySelector(href)?.scrollIntoView({ behavior: "smooth" });
    else window.location.assign(href);
  };
  return (
    <BaseMap center={center} zoom={emptyZoom} tileUrl={tileUrl} label={label}>
      <Marker position={center} icon={homeIcon} title={homeLabel} alt={homeLabel} />
      {radiusM ? <Circle center={center} radius={radiusM} pathOptions={{ weight: 1 }} /> : null}
      <ClusteredMarkers points={points} onOpen={open} />
      <FitBounds home={center} points={points} />
    </BaseMap>
  );
}
