// The Leaflet map every page uses (browser only): our tile URL and attribution, no default marker images.
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import type { ReactNode } from "react";
import { MapContainer, TileLayer } from "react-leaflet";
import { POINTS_MAP } from "~/geo/points-preview";

const { pinPx } = POINTS_MAP;
const pin: L.DivIconOptions = { iconSize: [pinPx, pinPx], iconAnchor: [pinPx / 2, pinPx] };
export const pinIcon = L.divIcon({ className: "map-pin", ...pin });
export const homeIcon = L.divIcon({ className: "map-pin map-pin--home", ...pin });

export function BaseMap({
  center,
  zoom,
  tileUrl,
  label,
  children,
}: {
  center: [number, number];
  zoom: number;
  tileUrl: string;
  label: string;
  children: ReactNode;
}) {
  return (
    <section className="map" aria-label={label}>
      {/* No zoom animation: cheaper on low-end phones, and leaving the page mid-animation made Leaflet
          read a removed pane (TypeError on _leaflet_pos), seen in the Chromium suite. */}
      <MapContainer
        center={center}
        zoom={zoom}
        scrollWheelZoom={false}
        zoomAnimation={false}
        markerZoomAnimation={false}
        fadeAnimation={false}
        style={{ height: "100%", width: "100%" }}
      >
        <TileLayer
          url={tileUrl}
          attribution='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
        />
        {children}
      </MapContainer>
    </section>
  );
}
