// A visit's tracking map: the server's first view (app/geo/visit-preview.ts), then Leaflet's, which
// follows the carer live. (The first view is the page's data: a position that arrives before Leaflet
// does shows once Leaflet has loaded.)
import type { ComponentProps } from "react";
import { FirstView, useLeafletMap } from "./first-view";
import type VisitMapType from "./visit-map.client";
import { useShowsLazyPart } from "./shown-parts";

const load = () => import("./visit-map.client");

export function LazyVisitMap({ preview, ...props }: ComponentProps<typeof VisitMapType> & { preview: string }) {
  useShowsLazyPart("visit-map");
  const VisitMap = useLeafletMap(load);
  if (VisitMap) return <VisitMap {...props} />;
  return <FirstView preview={preview} />;
}
