// Links that open a maps app with the way to a point: Amap (高德, the map most carers in China use,
// in the browser when the app is missing), Apple Maps (iPhones), and the phone's own choice of app
// (a geo: URI, which Android hands to whichever maps app is installed). Coordinates are WGS-84, as
// stored: Amap is told so, and shifts them to its own datum. Only ever built for a viewer entitled
// to the exact point (the carer inside the access window): the links carry it.

export interface Directions {
  amap: string;
  apple: string;
  geo: string;
}

/** Six decimals: about 10 cm, as stored; no more digits than the point has. */
const fixed = (n: number) => String(Number(n.toFixed(6)));

export function directionsTo(point: { lat: number; lng: number }): Directions {
  const lat = fixed(point.lat);
  const lng = fixed(point.lng);
  return {
    amap: `https://uri.amap.com/marker?position=${lng},${lat}&coordinate=wgs84&callnative=1`,
    apple: `https://maps.apple.com/?daddr=${lat},${lng}`,
    geo: `geo:${lat},${lng}?q=${lat},${lng}`,
  };
}
