// Server-safe wrapper: renders nothing on the server and loads the Leaflet map after hydration.
import { lazy, Suspense, useEffect, useState, type ComponentProps } from "react";

const PointsMap = lazy(() => import("./points-map.client"));

export function LazyPointsMap(props: ComponentProps<typeof PointsMap>) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return <div className="map map--placeholder" aria-hidden="true" />;
  return (
    <Suspense fallback={<div className="map map--placeholder" aria-hidden="true" />}>
      <PointsMap {...props} />
    </Suspense>
  );
}
