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
