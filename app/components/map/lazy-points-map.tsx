// The carers and jobs maps: the server's first view (app/geo/points-preview.ts), then Leaflet's.
import type { ComponentProps } from "react";
import { FirstView, useLeafletMap } from "./first-view";
import type PointsMapType from "./points-map.client";
import { useShowsLazyPart } from "./shown-parts";

const load = () => import("./points-map.client");

export function LazyPointsMap({ preview, ...props }: ComponentProps<typeof PointsMapType> & { preview: string }) {
  useShowsLazyPart("points-map");
  const PointsMap = useLeafletMap(load);
  // A new home (another job or visit, same page) is a new Leaflet map: it ignores a changed centre.
  if (PointsMap) return <PointsMap key={`${props.home.lat},${props.home.lng}`} {...props} />;
  return <FirstView preview={preview} />;
}
