/**
 * A page's HTML without its scripts: what it shows, not the data and catalogue it carries for hydration
 * (a catalogue can hold any text of the language, "0 minutes" included). Privacy checks read the whole
 * page instead.
 */
export function shownHtml(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
}

/**
 * A page or its data without the UUIDs in it (ids of rows, reviews, conversations): a check that a
 * short run of digits (part of a phone number or door code) is absent would otherwise fail now and
 * then on a random id that happens to hold it.
 */
export function withoutIds(text: string): string {
  return text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "");
}

/**
 * The plain values of a `.data` answer (Remix's single fetch: turbo-stream's flat array, in which an
 * object is `{"_<key index>": <value index>}` and a negative index a constant such as null). Dates,
 * errors and promises come out as null: enough to read what a loader sent in plain objects.
 */
export function routeData(body: string): Record<string, unknown> {
  const flat = JSON.parse(body) as unknown[];
  const at = (index: number): unknown => (index < 0 ? null : value(flat[index]));
  const value = (v: unknown): unknown => {
    if (Array.isArray(v)) return typeof v[0] === "string" ? null : v.map((i) => at(i as number));
    if (v && typeof v === "object")
      return Object.fromEntries(
        Object.entries(v).map(([k, i]) => [flat[Number(k.slice(1))] as string, at(i as number)]),
      );
    return v;
  };
  return at(0) as Record<string, unknown>;
}
