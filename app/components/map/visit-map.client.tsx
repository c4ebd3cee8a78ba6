// The tracking map (browser only): the parent's home, the carer on the way (with the accuracy the phone
// reported), and where the carer checked in and out. Fits itself to whatever points there are.
import L from "leaflet";
import { useEffect } from "react";
import { Circle, useMap } from "react-leaflet";
import { VISIT_MAP } from "~/geo/visit-preview";
import { BaseMap, homeIcon, Marker } from "./base-map.client";

interface Spot {
  lat: number;
  lng: number;
  label: string;
}

// Drawn as the server's first view draws them (app/geo/visit-preview.ts): anchored at the bottom middle.
const { markerPx, zoom, maxZoom, paddingPx, maxAccuracyM } = VISIT_MAP;
const icon = (kind: string) =>
  L.divIcon({
    className: `map-pin map-pin--${kind}`,
    iconSize: [markerPx, markerPx],
    iconAnchor: [markerPx / 2, markerPx],
  });
const carerIcon = icon("carer");
const checkInIcon = icon("in");
const checkOutIcon = icon("out");

function FitAll({ points }: { points: [number, number][] }) {
  const map = useMap();
  const key = points.map((p) => p.join(",")).join(";");
  // biome-ignore lint/correctness/useExhaustiveDependencies: the key stands for the points' values
  useEffect(() => {
    if (points.length < 2) return;
    map.fitBounds(L.latLngBounds(points), { padding: [paddingPx, paddingPx], maxZoom, animate: false });
  }, [map, key]);
  return null;
}

export default function VisitMap({
  home,
  carer,
  checkIn,
  checkOut,
  tileUrl,
  label,
}: {
  home: Spot;
  carer: (Spot & { accuracyM: number }) | null;
  checkIn: Spot | null;
  checkOut: Spot | null;
  tileUrl: string;
  label: string;
}) {
  const spots = [home, carer, checkIn, checkOut].filter((s): s is Spot => s !== null);
  return (
    <BaseMap center={[home.lat, home.lng]} zoom={zoom} tileUrl={tileUrl} label={label}>
      <Marker position={[home.lat, home.lng]} icon={homeIcon} title={home.label} alt={home.label} />
      {checkIn && (
        <Marker position={[checkIn.lat, checkIn.lng]} icon={checkInIcon} title={checkIn.label} alt={checkIn.label} />
      )}
      {checkOut && (
        <Marker
          position={[checkOut.lat, checkOut.lng]}
          icon={checkOutIcon}
          title={checkOut.label}
          alt={checkOut.label}
        />
      )}
      {carer && (
        <>
          <Circle
            center={[carer.lat, carer.lng]}
            radius={Math.min(carer.accuracyM, maxAccuracyM)}
            // A creation option: react-leaflet's pathOptions only restyle, and drop a class.
            className="map-accuracy"
            pathOptions={{ weight: 1 }}
          />
          <Marker position={[carer.lat, carer.lng]} icon={carerIcon} title={carer.label} alt={carer.label} />
        </>
      )}
      <FitAll points={spots.map((s) => [s.lat, s.lng])} />
    </BaseMap>
  );
}
