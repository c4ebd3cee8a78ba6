// Pin picker (browser only): tap or drag the pin, use the device's location, or search an address;
// it writes the form's own lat/lng inputs, so the server sees the same fields as without JavaScript.
import type L from "leaflet";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "~/i18n/react";
import { Circle, useMap, useMapEvents } from "react-leaflet";
import { BaseMap, Marker, pinIcon } from "./base-map.client";

const HANGZHOU: [number, number] = [30.2741, 120.1551];

function readInput(name: string): number | null {
  const el = document.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  const v = el ? Number.parseFloat(el.value) : Number.NaN;
  return Number.isFinite(v) ? v : null;
}

function writeInput(name: string, value: number) {
  const el = document.querySelector<HTMLInputElement>(`input[name="${name}"]`);
  if (!el) return;
  el.value = value.toFixed(6);
  el.dispatchEvent(new Event("input", { bubbles: true }));
  el.dispatchEvent(new Event("change", { bubbles: true }));
}

function ClickToPlace({ onPlace }: { onPlace: (p: L.LatLng) => void }) {
  useMapEvents({ click: (e) => onPlace(e.latlng) });
  return null;
}

function FlyTo({ point }: { point: [number, number] | null }) {
  const map = useMap();
  useEffect(() => {
    if (point) map.setView(point, Math.max(map.getZoom(), 14));
  }, [map, point]);
  return null;
}

interface GeocodeHit {
  label: string;
  lat: number;
  lng: number;
}

export default function PinPicker({
  tileUrl,
  geocoder,
  radiusInputName,
}: {
  tileUrl: string;
  geocoder: boolean;
  radiusInputName?: string;
}) {
  const { t } = useTranslation();
  const [point, setPoint] = useState<[number, number] | null>(() => {
    const lat = readInput("lat");
    const lng = readInput("lng");
    return lat !== null && lng !== null ? [lat, lng] : null;
  });
  const [flyTarget, setFlyTarget] = useState<[number, number] | null>(null);
  const [radiusKm, setRadiusKm] = useState<number | null>(() => (radiusInputName ? readInput(radiusInputName) : null));
  const [status, setStatus] = useState<string | null>(null);
  const [query, setQuery] = useState("");
  const [hits, setHits] = useState<GeocodeHit[] | null>(null);

  const place = useCallback((lat: number, lng: number, fly = false) => {
    setPoint([lat, lng]);
    writeInput("lat", lat);
    writeInput("lng", lng);
    if (fly) setFlyTarget([lat, lng]);
  }, []);

  // Typing in the number inputs moves the pin; editing the radius redraws the circle.
  useEffect(() => {
    const onInput = (e: Event) => {
      const target = e.target as HTMLInputElement;
      if (target.name === "lat" || target.name === "lng") {
        const lat = readInput("lat");
        const lng = readInput("lng");
        if (lat !== null && lng !== null && e.isTrusted) setPoint([lat, lng]);
      }
      if (radiusInputName && target.name === radiusInputName) setRadiusKm(readInput(radiusInputName));
    };
    document.addEventListener("input", onInput);
    return () => document.removeEventListener("input", onInput);
  }, [radiusInputName]);

  function locateDevice() {
    if (!navigator.geolocation) return setStatus(t("location.deviceFailed"));
    setStatus(t("location.locating"));
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setStatus(null);
        place(pos.coords.latitude, pos.coords.longitude, true);
      },
      () => setStatus(t("location.deviceFailed")),
      { enableHighAccuracy: true, timeout: 15_000 },
    );
  }

  async function search() {
    if (!query.trim()) return;
    try {
      const res = await fetch(`/geocode?${new URLSearchParams({ q: query.trim() })}`);
      if (!res.ok) throw new Error(String(res.status));
      const body = (await res.json()) as { results: GeocodeHit[] };
      setHits(body.results);
      setStatus(body.results.length ? null : t("location.searchNone"));
    } catch {
      setStatus(t("location.searchFailed"));
    }
  }

  return (
    <div className="stack pin-picker">
      <div className="pin-picker__tools">
        <button type="button" className="button button--secondary" onClick={locateDevice}>
          {t("location.useDevice")}
        </button>
        {geocoder && (
          <div className="pin-picker__search">
            <label htmlFor="geocode-q" className="visually-hidden">
              {t("location.search")}
            </label>
            <input
              id="geocode-q"
              type="search"
              value={query}
              placeholder={t("location.search")}
              onChange={(e) => setQuery(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  void search();
                }
              }}
            />
            <button type="button" className="button button--secondary" onClick={() => void search()}>
              {t("location.searchButton")}
            </button>
          </div>
        )}
      </div>
      {hits && hits.length > 0 && (
        <ul className="geocode-hits">
          {hits.map((h) => (
            <li key={`${h.lat},${h.lng}`}>
              <button
                type="button"
                className="link-like"
                onClick={() => {
                  place(h.lat, h.lng, true);
                  setHits(null);
                }}
              >
                {h.label}
              </button>
            </li>
          ))}
        </ul>
      )}
      {status && (
        <p role="status" className="muted">
          {status}
        </p>
      )}
      <BaseMap center={point ?? HANGZHOU} zoom={point ? 14 : 11} tileUrl={tileUrl} label={t("location.mapLabel")}>
        <ClickToPlace onPlace={(ll) => place(ll.lat, ll.lng)} />
        <FlyTo point={flyTarget} />
        {point && (
          <Marker
            position={point}
            icon={pinIcon}
            draggable
            keyboard
            title={t("location.pinName")}
            eventHandlers={{
              dragend: (e) => {
                const ll = (e.target as L.Marker).getLatLng();
                place(ll.lat, ll.lng);
              },
            }}
          />
        )}
        {point && radiusKm !== null && radiusKm > 0 && (
          <Circle center={point} radius={radiusKm * 1000} pathOptions={{ weight: 1 }} />
        )}
      </BaseMap>
    </div>
  );
}
