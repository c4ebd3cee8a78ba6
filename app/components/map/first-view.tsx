// A Leaflet map whose first view the server draws (`preview`, HTML from points-preview.server.ts): the
// picture stays until the Leaflet map, loaded after hydration, is ready to replace it in one step. If
// Leaflet cannot load (a lost connection), the picture stays.
import { type ComponentType, useEffect, useState } from "react";

type Load<P> = () => Promise<{ default: ComponentType<P> }>;

/** Once loaded, later maps (a client-side navigation) start with Leaflet, not the picture. */
const loaded = new WeakMap<object, unknown>();

/**
 * The Leaflet map `load` imports (its own chunk, `load` a module-level function), once it has loaded;
 * null before. Only set after hydration, so the first render in the browser matches the server's.
 */
export function useLeafletMap<P>(load: Load<P>): ComponentType<P> | null {
  const [map, setMap] = useState(() => (loaded.get(load) as ComponentType<P> | undefined) ?? null);
  useEffect(() => {
    load().then(
      (m) => {
        loaded.set(load, m.default);
        setMap(() => m.default);
      },
      () => {},
    );
  }, [load]);
  return map;
}

/** The picture: the page says the same in words beside the map, and Leaflet's map names its markers. */
export function FirstView({ preview }: { preview: string }) {
  return (
    // biome-ignore lint/security/noDangerouslySetInnerHtml: built by points-preview.server.ts from numbers and escaped tile URLs, no text from users
    <div className="map map--placeholder" aria-hidden dangerouslySetInnerHTML={{ __html: preview }} />
  );
}
