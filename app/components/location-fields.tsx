// Latitude/longitude inputs that work without JavaScript; in the browser a Leaflet pin picker drives them.
import { useEffect, useState } from "react";
import { lazyIsland } from "./ui/lazy-island";
import { useTranslation } from "~/i18n/react";
import { LOCATION_MISSING } from "~/geo/location-missing";
import { ErrorList } from "./ui/field";
import { useShowsLazyPart } from "./map/shown-parts";

const PinPicker = lazyIsland(
  () => import("./map/pin-picker.client").then((m) => m.default),
  <div className="map map--placeholder" />,
);

interface Props {
  legend: string;
  lat?: number | string;
  lng?: number | string;
  latErrors?: string[];
  lngErrors?: string[];
  tileUrl: string;
  geocoder: boolean;
  /** Radius to draw around the pin (carer service area), metres. */
  radiusInputName?: string;
}

export function LocationFields({ legend, lat, lng, latErrors, lngErrors, tileUrl, geocoder, radiusInputName }: Props) {
  const { t } = useTranslation();
  // No place at all is one message for the pair, under both coordinates.
  const missing = [latErrors, lngErrors].some((errors) => errors?.includes(LOCATION_MISSING));
  const own = (errors?: string[]) => errors?.filter((e) => e !== LOCATION_MISSING);
  useShowsLazyPart("pin-picker");
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  return (
    <fieldset className="stack location-fields">
      <legend>{legend}</legend>
      <p className="field-hint" id="location-hint">
        {t("location.hint")}
      </p>
      {mounted && <PinPicker tileUrl={tileUrl} geocoder={geocoder} radiusInputName={radiusInputName} />}
      <div className="field-row">
        {(
          [
            ["lat", 90, lat, latErrors],
            ["lng", 180, lng, lngErrors],
          ] as const
        ).map(([name, limit, value, errors]) => (
          <CoordinateInput
            key={name}
            name={name}
            label={t(`location.${name}`)}
            limit={limit}
            value={value}
            errors={own(errors)}
            missing={missing}
          />
        ))}
      </div>
      <ErrorList id="location-error" errors={missing ? [LOCATION_MISSING] : undefined} />
    </fieldset>
  );
}

function CoordinateInput({
  name,
  label,
  limit,
  value,
  errors,
  missing,
}: {
  name: "lat" | "lng";
  label: string;
  limit: number;
  value?: number | string;
  errors?: string[];
  /** No place at all: the pair's one message (location-error) is this field's too. */
  missing: boolean;
}) {
  const errorId = errors?.length ? `${name}-error` : undefined;
  const invalid = Boolean(errorId) || missing;
  return (
    <div className="field">
      <label htmlFor={name}>{label}</label>
      <input
        id={name}
        name={name}
        type="number"
        step="any"
        min={-limit}
        max={limit}
        inputMode="decimal"
        defaultValue={value}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={["location-hint", errorId, missing && "location-error"].filter(Boolean).join(" ")}
      />
      <ErrorList id={errorId} errors={errors} />
    </div>
  );
}
