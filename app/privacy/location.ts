// The privacy rule for locations, implemented once: who may see an exact point, and what everyone else sees.
// Pure functions; every serializer that returns a parent's or a carer's location goes through them.

/** Side of the grid cell a location is snapped to, in metres (PRODUCT §2: 500–1000 m). */
export const APPROX_CELL_M = 750;
const METRES_PER_DEGREE_LAT = 111_320;
const EARTH_RADIUS_M = 6_371_000;

export interface Point {
  lat: number;
  lng: number;
}

/**
 * A fixed approximate point: the centre of the ~750 m grid cell holding the exact point. The same
 * input always gives the same output, so repeated requests cannot be averaged to find the home.
 */
export function approximatePoint(lat: number, lng: number): Point {
  const centre = approximateCentre(lat, lng);
  // 5 decimals (~1 m) is plenty for a cell centre and keeps the output stable across engines.
  return { lat: round(centre.lat, 5), lng: round(centre.lng, 5) };
}

/**
 * The cell centre, unrounded: the same arithmetic, in the same order, as the SQL functions
 * approx_lat and approx_lng (migration 0005), so the search key agrees with the database's.
 */
export function approximateCentre(lat: number, lng: number): Point {
  const latStep = APPROX_CELL_M / METRES_PER_DEGREE_LAT;
  const latCell = Math.floor((lat + 90) / latStep);
  const latCentre = Math.min(90, -90 + (latCell + 0.5) * latStep);
  // Longitude cells keep ~750 m width at the cell row's latitude (never narrower than at 85°).
  const cos = Math.max(Math.cos((latCentre * Math.PI) / 180), Math.cos((85 * Math.PI) / 180));
  const lngStep = APPROX_CELL_M / (METRES_PER_DEGREE_LAT * cos);
  const lngCell = Math.floor((lng + 180) / lngStep);
  return { lat: latCentre, lng: -180 + (lngCell + 0.5) * lngStep };
}

/**
 * How far the approximate point can be from the exact one (half a cell's diagonal is ~530 m): the
 * slack an index box needs when the exact test is run against approximate points.
 */
export const APPROX_MAX_SHIFT_M = 600;

/** Distance for people not entitled to an exact location: nearest 0.5 km, never below 0.5 km. */
export function roundDistanceKm(meters: number): number {
  if (!Number.isFinite(meters) || meters < 0) return 0.5;
  return Math.max(0.5, Math.round(meters / 500) * 0.5);
}

/**
 * Whether a parent's home is plainly outside a carer's area, and how far it is, as the family and the
 * carer may both be told: measured between the two approximate points and rounded, so it says nothing
 * either approximate point does not. "Plainly": past the radius by more than an approximate point can
 * move, so a parent the search lists (exact home within the radius of the carer's approximate base,
 * app/search/search.server.ts) is never called outside.
 */
export function reachOf(parentExact: Point, carer: { approx: Point; radiusM: number }): Reach {
  const meters = haversineMeters(approximatePoint(parentExact.lat, parentExact.lng), carer.approx);
  return { outside: meters > carer.radiusM + APPROX_MAX_SHIFT_M, distanceKm: roundDistanceKm(meters) };
}

export interface Reach {
  outside: boolean;
  /** Between the approximate points, rounded (roundDistanceKm). */
  distanceKm: number;
}

/** Great-circle distance in metres (the same sphere as earthdistance's ll_to_earth). */
export function haversineMeters(a: Point, b: Point): number {
  const toRad = (d: number) => (d * Math.PI) / 180;
  const dLat = toRad(b.lat - a.lat);
  const dLng = toRad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.lat)) * Math.cos(toRad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * What a viewer not entitled to the exact point gets: the approximate point, and the distance from
 * the viewer's own point to that approximate point, rounded (so the distance cannot be used to
 * trilaterate the exact point either).
 */
export function publicLocation(exact: Point, from?: Point | null): { approx: Point; distanceKm: number | null } {
  const approx = approximatePoint(exact.lat, exact.lng);
  return { approx, distanceKm: from ? roundDistanceKm(haversineMeters(from, approx)) : null };
}

export interface Viewer {
  id: string;
  role: "family" | "carer" | "admin";
}

/** How long after a booked visit's scheduled end its carer may still see the parent's home, when the visit was not closed before. */
export const CARER_ACCESS_AFTER_MS = 24 * 3600 * 1000;

/**
 * When a carer's access to the parent's home through one visit ends: when the visit is closed. A
 * cancelled visit is closed when it is cancelled, by either side (a family that cancels because it no
 * longer trusts the carer must not leave them the door code for another day); a visit is closed when
 * its carer checks out. One that never closes (no check-out: missed, or a forgotten tap) gives access
 * until 24 hours after its scheduled end, which also covers a visit that runs late. The SQL twin is
 * `carerAccessUntil` in app/visits/visits.server.ts; a test holds the two equal.
 */
export function carerAccessEnds(visit: { endsAt: Date; cancelledAt: Date | null; checkedOutAt: Date | null }): Date {
  const latest = visit.endsAt.getTime() + CARER_ACCESS_AFTER_MS;
  const closed = visit.cancelledAt ?? visit.checkedOutAt;
  return new Date(closed ? Math.min(closed.getTime(), latest) : latest);
}

/**
 * Who may see a parent's exact location, street address, phone and access notes: that parent's
 * family members (owner or member), admins, and a carer with a visit booked for that parent, from
 * the booking until the visit is closed (`carerAccessUntil`: the latest carerAccessEnds over that
 * carer's visits to the parent).
 */
export function canSeeParentExact(
  viewer: Viewer | null,
  parent: { memberRole: "owner" | "member" | null; carerAccessUntil?: Date | null },
  now: Date,
): boolean {
  if (!viewer) return false;
  if (viewer.role === "admin") return true;
  if (viewer.role === "family") return parent.memberRole !== null;
  return Boolean(parent.carerAccessUntil && now < parent.carerAccessUntil);
}

/** A carer's exact base is visible only to that carer and to admins. */
export function canSeeCarerExact(viewer: Viewer | null, carerId: string): boolean {
  if (!viewer) return false;
  return viewer.role === "admin" || viewer.id === carerId;
}

function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
