// Intl formatters, made once per language and options and then reused: building one costs far more than
// formatting with it (a new one per row was 11–15% of the search and jobs pages, on the server and again
// while a phone hydrates). Formatters are immutable, so sharing them across requests is safe.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();
/** Languages × options × time zones in use stay far below this; past it, start again rather than grow. */
const MAX_ENTRIES = 1000;

function remember<T extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (!found) {
    found = make(); // throws for a bad locale or time zone, and nothing is cached
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, found);
  }
  return found;
}

export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return remember(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return remember(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}
