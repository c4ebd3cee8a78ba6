// Server-safe wrapper of the tracking map: nothing on the server, the Leaflet map after hydration.
import { type ComponentProps, lazy, Suspense, useEffect, useState } from "react";

const VisitMap = lazy(() => import("./visit-map.client"));

export function LazyVisitMap(props: ComponentProps<typeof VisitMap>) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted) return <div className="map map--placeholder" aria-hidden="true" />;
  return (
    <Suspense fallback={<div className="map map--placeholder" aria-hidden="true" />}>
      <VisitMap {...props} />
    </Suspense>
  );
}
