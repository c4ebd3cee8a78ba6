// Server-safe wrapper: the server's first view of the map (`preview`, HTML from
// points-preview.server.ts) stays until Leaflet's map, loaded after hydration, is ready to replace it
// in one step. If Leaflet cannot load (a lost connection), the picture stays.
import { type ComponentProps, type ComponentType, useEffect, useState } from "react";
import type PointsMapType from "./points-map.client";

type MapProps = ComponentProps<typeof PointsMapType>;

export function LazyPointsMap({ preview, ...props }: MapProps & { preview: string }) {
  const [PointsMap, setPointsMap] = useState<ComponentType<MapProps> | null>(null);
  useEffect(() => {
    import("./points-map.client").then(
      (m) => setPointsMap(() => m.default),
      () => {},
    );
  }, []);
  if (PointsMap) return <PointsMap {...props} />;
  // A picture: the list beside the map says the same in words, and Leaflet's map names its markers.
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: built by points-preview.server.ts from numbers and escaped tile URLs, no text from users
    <div className="map map--placeholder" aria-hidden dangerouslySetInnerHTML={{ __html: preview }} />
  );
}
