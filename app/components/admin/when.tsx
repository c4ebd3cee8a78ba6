// A moment as admins read it: date and time in the given zone (the parent's, for a visit), or UTC, with
// the zone's name, so an admin in another zone does not read it as local time.
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat } from "~/i18n/formatters";

/** The text of `at` as <When> shows it, for a sentence that names a moment. */
export function whenText(language: string, at: string, timeZone = "UTC"): string {
  // The long time style names the zone (and gives the seconds, which an audit can use); 24-hour, as the
  // rest of the app.
  return dateTimeFormat(language, { dateStyle: "medium", timeStyle: "long", hourCycle: "h23", timeZone }).format(
    new Date(at),
  );
}

export function When({ at, timeZone = "UTC" }: { at: string | null; timeZone?: string }) {
  const { i18n } = useTranslation();
  if (!at) return <>—</>;
  return <time dateTime={at}>{whenText(i18n.language, at, timeZone)}</time>;
}
