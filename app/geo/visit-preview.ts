// The first view of a visit's tracking map: the parent's home, the carer on the way (with the accuracy
// the phone reported) and where the carer checked in and out, laid out by the loader so that the page's
// HTML draws it, as points-preview.ts does for the carers and jobs maps. Leaflet's map
// (visit-map.client.tsx) replaces it once loaded, and draws the same view: one spot is shown at zoom 15,
// two or more are fitted into a phone's map.
import { fittedView, fitZoom, MARKER_PX } from "./points-preview";
import { metresPerPixel } from "./static-map";

/** How the tracking map shows a visit, shared by this first view and the Leaflet map. */
export const VISIT_MAP = {
  /** The home alone: centred on it at this zoom. */
  zoom: 15,
  /** Fitting two spots or more: at most this zoom, this far inside the map's edge. */
  maxZoom: 16,
  paddingPx: 32,
  /** The map's width on a 390 px phone, inside the page's card (border included). */
  phoneWidthPx: 324,
  /** The box of every pin and dot (anchored at its bottom middle): the shapes differ in styles.css only. */
  markerPx: MARKER_PX,
  /** The carer's accuracy circle is never drawn wider than this. */
  maxAccuracyM: 2000,
} as const;

interface Point {
  lat: number;
  lng: number;
}

export interface VisitSpots {
  home: Point;
  /** Where the carer is on the way, while the visit is on the way. */
  carer: (Point & { accuracyM: number }) | null;
  checkIn: Point | null;
  checkOut: Point | null;
}

export type VisitSpotKind = "home" | "carer" | "in" | "out";

export interface VisitPreviewLayout {
  zoom: number;
  /** Offsets in pixels from the container's centre. */
  tiles: { src: string; x: number; y: number }[];
  spots: { kind: VisitSpotKind; x: number; y: number }[];
  /** The circle around the carer's position, `r` in pixels; null when the carer is not on the way. */
  accuracy: { x: number; y: number; r: number } | null;
}

/** The spots Leaflet's map fits its view to, in the order it draws them. */
function visitSpots({ home, carer, checkIn, checkOut }: VisitSpots): { kind: VisitSpotKind; at: Point }[] {
  const spots: { kind: VisitSpotKind; at: Point | null }[] = [
    { kind: "home", at: home },
    { kind: "in", at: checkIn },
    { kind: "out", at: checkOut },
    { kind: "carer", at: carer },
  ];
  return spots.filter((s): s is { kind: VisitSpotKind; at: Point } => s.at !== null);
}

export function visitPreviewLayout(visit: VisitSpots, tileUrl: string): VisitPreviewLayout {
  const spots = visitSpots(visit);
  const points = spots.map((s) => s.at);
  // The home is always there: alone, the bounds of the home are the home, as Leaflet centres it.
  const zoom = points.length >= 2 ? fitZoom(points, VISIT_MAP) : VISIT_MAP.zoom;
  const { projected, at, tiles } = fittedView(points, zoom, tileUrl);
  const placed = spots.map((s, i) => ({ kind: s.kind, ...at(projected[i]!) }));
  const { carer } = visit;
  const carerAt = placed.find((s) => s.kind === "carer");
  return {
    zoom,
    tiles,
    spots: placed,
    accuracy:
      carer && carerAt
        ? {
            x: carerAt.x,
            y: carerAt.y,
            r: Math.round(Math.min(carer.accuracyM, VISIT_MAP.maxAccuracyM) / metresPerPixel(carer.lat, zoom)),
          }
        : null,
  };
}
