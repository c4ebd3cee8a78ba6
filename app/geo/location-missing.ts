// Apart from the schemas so that LocationFields can name it without bringing zod into the page.

/** A place not given at all: one message for the pair of coordinates, not "enter a number" under each. */
export const LOCATION_MISSING = "errors.locationMissing";
