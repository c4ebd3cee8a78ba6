// A moment as admins read it: date and time in the given zone (the parent's, for a visit), or UTC, with
// the zone's name, so an admin in another zone does not read it as local time.
import { useTranslation } from "~/i18n/react";
import { dateTimeFormat, formatTimeZone, inBrackets } from "~/i18n/formatters";

export function When({ at, timeZone = "UTC" }: { at: string | null; timeZone?: string }) {
  const { i18n } = useTranslation();
  if (!at) return <>—</>;
  // With the seconds (which an audit can use), 24-hour as the rest of the app, and the zone by its name
  // ("China Standard Time"; UTC as itself): the long time style named it "GMT+8" (an outside probe).
  const text = dateTimeFormat(i18n.language, {
    dateStyle: "medium",
    timeStyle: "medium",
    hourCycle: "h23",
    timeZone,
  }).format(new Date(at));
  const zone = timeZone === "UTC" ? " UTC" : inBrackets(i18n.language, formatTimeZone(i18n.language, timeZone));
  return <time dateTime={at}>{text + zone}</time>;
}
