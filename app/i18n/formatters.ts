// Intl formatters, made once per language and options and then reused: building one costs far more than
// formatting with it (a new one per row was 11–15% of the search and jobs pages, on the server and again
// while a phone hydrates). Formatters are immutable, so sharing them across requests is safe.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>();
/** Languages × options × time zones in use stay far below this; past it, start again rather than grow. */
const MAX_ENTRIES = 1000;

function remember<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.ListFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (!found) {
    found = make(); // throws for a bad locale or time zone, and nothing is cached
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, found);
  }
  return found;
}

/**
 * Options of a date or time format: the zone is required. Without one, Intl uses the runtime's own,
 * which is the server's (UTC) while rendering and the reader's browser after hydration: the page then
 * says two different times and React throws its work away (ADR 023). The lint plugin
 * `lint/dates-need-a-zone.grit` keeps every other way of formatting a date out of `app/`.
 */
export type ZonedDateTimeFormatOptions = Intl.DateTimeFormatOptions & { timeZone: string };

export function dateTimeFormat(locale: string, options: ZonedDateTimeFormatOptions): Intl.DateTimeFormat {
  return remember(`d|${locale}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(locale, options));
}

export function numberFormat(locale: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return remember(`n|${locale}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(locale, options));
}

/**
 * A list in the reader's language. `tags` (the default) only separates: "Mandarin, Cantonese",
 * "普通话、粤语" (narrow conjunction: Intl's "unit" lists run Chinese words together); `sentence` reads
 * as prose: "Mandarin, Cantonese, and Wu", "普通话、粤语和吴语".
 */
export function formatList(locale: string, items: readonly string[], kind: "tags" | "sentence" = "tags"): string {
  return remember(
    `l|${locale}|${kind}`,
    () => new Intl.ListFormat(locale, { style: kind === "tags" ? "narrow" : "long", type: "conjunction" }),
  ).format(items);
}

interface DateOptions {
  /** The moment "now" as the page's clock saw it (a loader's injected clock), never read here.
   *  Unknown (an error page): the year is always shown. */
  now: Date | string | undefined;
  /** The zone the event happens in (a visit: the parent's), or the reader's own (a message) (ADR 023). */
  timeZone: string;
  /** Include the weekday and the time of day. */
  time?: boolean;
  weekday?: boolean;
}

/** The calendar year of `date` in `timeZone`: the UTC year unless within 16 h of a new year (no zone
 *  has been further from UTC than 14 h since 1900; our dates are later), which spares a formatter on
 *  almost every date of a list. */
function yearIn(date: Date, timeZone: string): number {
  const year = date.getUTCFullYear();
  const t = date.getTime();
  if (t - Date.UTC(year, 0, 1) > 576e5 && Date.UTC(year + 1, 0, 1) - t > 576e5) return year;
  return Number(dateTimeFormat("en", { timeZone, year: "numeric" }).format(date));
}

/**
 * A date that says its year only when it is not this year ("Tue 3 Mar" / "Tue 3 Mar 2025"), in the
 * reader's language and the zone the event happens in. "This year" is the caller's `now`.
 */
export function formatDate(locale: string, date: Date | string, { now, timeZone, time, weekday }: DateOptions): string {
  const when = new Date(date);
  const options: ZonedDateTimeFormatOptions = { timeZone, month: "short", day: "numeric" };
  if (weekday !== false) options.weekday = "short";
  if (now === undefined || yearIn(when, timeZone) !== yearIn(new Date(now), timeZone)) options.year = "numeric";
  if (time) Object.assign(options, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return dateTimeFormat(locale, options).format(when);
}

/** Year to minute, as a key: two zones whose keys match read the same on the clock at that moment. */
function wallClock(at: Date, timeZone: string): string {
  return dateTimeFormat("en-US", { timeZone, dateStyle: "short", timeStyle: "short", hourCycle: "h23" }).format(at);
}

/**
 * A span of time as the reader's own clock reads it ("Tue, Dec 5, 01:00–02:00"), to show beside the
 * same span in the zone it happens in (a visit: the parent's). Null when the reader's clock reads the
 * same as the event's at both ends (the same zone, or another on the same offset then): a page never
 * says one time twice. PRODUCT §1, ADR 023.
 */
export function formatSpanInReaderZone(
  locale: string,
  start: Date | string,
  end: Date | string,
  { now, eventZone, readerZone }: { now: Date | string | undefined; eventZone: string; readerZone: string },
): string | null {
  const from = new Date(start);
  const to = new Date(end);
  if (
    readerZone === eventZone ||
    (wallClock(from, readerZone) === wallClock(from, eventZone) &&
      wallClock(to, readerZone) === wallClock(to, eventZone))
  ) {
    return null;
  }
  const clock = dateTimeFormat(locale, { timeZone: readerZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  return `${formatDate(locale, from, { now, timeZone: readerZone, time: true })}–${clock.format(to)}`;
}

/**
 * A time zone by a name people use ("China Standard Time", "中国标准时间"), not its IANA id. Falls
 * back to the id where the runtime has no generic name for it.
 */
export function formatTimeZone(locale: string, timeZone: string): string {
  // The name of a zone in a language never changes, and naming one is far dearer than formatting a date.
  const key = `${locale}|${timeZone}`;
  let name = zoneNames.get(key);
  if (name === undefined) {
    try {
      name = dateTimeFormat(locale, { timeZone, timeZoneName: "longGeneric" })
        .formatToParts(NAMED_BY_RULES_OF)
        .find((p) => p.type === "timeZoneName")?.value;
    } catch {} // not a zone this runtime knows
    name = !name || name.startsWith("GMT") ? timeZone : name;
    zoneNames.set(key, name);
  }
  return name;
}
/**
 * The day whose rules name a zone: a fixed recent one, never the clock. At 1970 (the epoch, read
 * before) Sydney, Paris and Auckland kept no summer time, and were named by their standard clock
 * ("Australian Eastern Standard Time" over December's +11); Lord Howe was not yet a zone of its own.
 */
const NAMED_BY_RULES_OF = Date.UTC(2025, 0, 1);
/** Languages × zones in use: a few dozen entries. */
const zoneNames = new Map<string, string>();

/** An aside in brackets of the reader's script: " (China Standard Time)" or "（中国标准时间）". */
export function inBrackets(locale: string, text: string): string {
  return locale.startsWith("zh") ? `（${text}）` : ` (${text})`;
}

/**
 * The zone this browser runs in, read in an effect (never while rendering: on the server it would be
 * the server's). "" when the browser does not say.
 */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone ?? "";
}
