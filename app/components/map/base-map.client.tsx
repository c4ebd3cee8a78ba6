// The Leaflet map every page uses (browser only): our tile URL and attribution, no default marker images.
import "leaflet/dist/leaflet.css";
import L from "leaflet";
import { type ComponentProps, type ReactNode, useEffect, useRef } from "react";
import { AttributionControl, MapContainer, Marker as LeafletMarker, TileLayer, ZoomControl } from "react-leaflet";
import { MARKER_PX } from "~/geo/points-preview";
import { useTranslation } from "~/i18n/react";

// The box is the tap target; the pin is drawn at its foot (styles.css).
const pin: L.DivIconOptions = { iconSize: [MARKER_PX, MARKER_PX], iconAnchor: [MARKER_PX / 2, MARKER_PX] };
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
  const { t } = useTranslation();
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
        // Leaflet's own controls speak English: ours below, in the reader's language.
        zoomControl={false}
        attributionControl={false}
        style={{ height: "100%", width: "100%" }}
        // The map box takes the keyboard (arrows pan it): it is named, not read out as its tiles' text.
        ref={(map) => {
          const box = map?.getContainer();
          box?.setAttribute("role", "region");
          box?.setAttribute("aria-label", label);
        }}
      >
        {/* Leaflet sets a control's titles once: a new control when they change (the language switched,
            or its texts arrived after the map was made, which left "location.zoomIn" on the buttons). */}
        <ZoomControl
          key={`${t("location.zoomIn")}|${t("location.zoomOut")}`}
          zoomInTitle={t("location.zoomIn")}
          zoomOutTitle={t("location.zoomOut")}
        />
        <AttributionControl prefix='<a href="https://leafletjs.com">Leaflet</a>' />
        <TileLayer
          url={tileUrl}
          attribution='&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a> contributors'
        />
        {children}
      </MapContainer>
    </section>
  );
}

/**
 * react-leaflet's Marker, whose title follows its prop: Leaflet writes a marker's title once, so after
 * a change of language the pins kept the old one (a phone walk). A pin that does something when tapped
 * does it on Enter or Space too (Leaflet only lets the keyboard focus it); one that does nothing (the
 * home, the base) is a picture with a name, not a button that ignores the keyboard (an accessibility probe).
 */
export function Marker(props: ComponentProps<typeof LeafletMarker>) {
  const marker = useRef<L.Marker>(null);
  const { title, eventHandlers, draggable } = props;
  const acts = Boolean(eventHandlers?.click) || Boolean(draggable);
  useEffect(() => {
    const element = marker.current?.getElement();
    if (!element) return;
    if (title !== undefined && element.title !== title) element.title = title;
    if (!acts) {
      element.setAttribute("role", "img");
      if (title !== undefined) element.setAttribute("aria-label", title);
    }
  }, [title, acts]);
  useEffect(() => {
    const element = marker.current?.getElement();
    if (!element || !eventHandlers?.click) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Enter" && event.key !== " ") return;
      event.preventDefault();
      marker.current?.fire("click");
    };
    element.addEventListener("keydown", onKey);
    return () => element.removeEventListener("keydown", onKey);
  }, [eventHandlers?.click]);
  return <LeafletMarker ref={marker} keyboard={acts} interactive={acts} {...props} />;
}
