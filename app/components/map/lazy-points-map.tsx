// Server-safe wrapper: the server's first view of the map (`preview`, HTML from
// points-preview.server.ts) stays until Leaflet's map, loaded after hydration, is ready to replace it
// in one step. If Leaflet cannot load (a lost connection), the picture stays.
import { type ComponentProps, type ComponentType, useEffect, useState } from "react";
import type PointsMapType from "./points-map.client";

type MapProps = ComponentProps<typeof PointsMapType>;

/** Once loaded, later maps (a client-side navigation) start with Leaflet, not the picture. */
let loaded: ComponentType<MapProps> | null = null;

export function LazyPointsMap({ preview, ...props }: MapProps & { preview: string }) {
  // `loaded` is only set after hydration, so the first render in the browser matches the server's.
  const [PointsMap, setPointsMap] = useState(() => loaded);
  useEffect(() => {
    import("./points-map.client").then(
      (m) => setPointsMap(() => (loaded = m.default)),
      () => {},
    );
  }, []);
  // A new home (another job or visit, same page) is a new Leaflet map: it ignores a changed centre.
  if (PointsMap) return <PointsMap key={`${props.home.lat},${props.home.lng}`} {...props} />;
  // A picture: the list beside the map says the same in words, and Leaflet's map names its markers.
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: built by points-preview.server.ts from numbers and escaped tile URLs, no text from users
    <div className="map map--placeholder" aria-hidden dangerouslySetInnerHTML={{ __html: preview }} />
  );
}
