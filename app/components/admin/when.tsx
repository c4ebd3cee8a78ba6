// A moment as admins read it: date and time in the given zone (the parent's, for a visit), or UTC, with
// the zone's name, so an admin in another zone does not read it as local time.
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat } from "~/i18n/formatters";

export function When({ at, timeZone = "UTC" }: { at: string | null; timeZone?: string }) {
  const { i18n } = useTranslation();
  if (!at) return <>—</>;
  // The long time style names the zone (and gives the seconds, which an audit can use); 24-hour, as the
  // rest of the app.
  const text = dateTimeFormat(i18n.language, {
    dateStyle: "medium",
    timeStyle: "long",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(at));
  return <time dateTime={at}>{text}</time>;
}
