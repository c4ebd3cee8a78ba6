// A small map without JavaScript: the tiles around one point (laid out by the loader, see
// app/geo/static-map.ts), a pin, and optionally a service area. Never the coordinates as text.
import type { StaticMapLayout } from "~/geo/static-map";

export function StaticMap({ layout, label }: { layout: StaticMapLayout; label: string }) {
  const r = layout.areaPx;
  return (
    <figure className="static-map" role="img" aria-label={label}>
      {layout.tiles.map((t) => (
        <img
          key={t.src}
          src={t.src}
          alt=""
          width={256}
          height={256}
          loading="lazy"
          style={{ left: t.left, top: t.top }}
        />
      ))}
      {r > 0 && (
        <span className="static-map__area" style={{ width: 2 * r, height: 2 * r, left: 160 - r, top: 80 - r }} />
      )}
      <span className={`static-map__pin${r ? " static-map__pin--area" : ""}`} />
      <figcaption className="static-map__credit">© OpenStreetMap</figcaption>
    </figure>
  );
}
