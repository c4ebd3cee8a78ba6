/**
 * A page's HTML without its scripts: what it shows, not the data and catalogue it carries for hydration
 * (a catalogue can hold any text of the language, "0 minutes" included). Privacy checks read the whole
 * page instead.
 */
export function shownHtml(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/g, "");
}
